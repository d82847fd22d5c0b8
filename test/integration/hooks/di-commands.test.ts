import { Command, CommandContext, CommandsModule, Ctx, type HandlerRoute, type InteractionContext, routeRest } from '../../../src/commands';
import { Injectable, Module, OvenFactory } from '../../../src/di';
import {
  type CommandRegisteredPayload,
  type CommandRegisterPayload,
  type CommandRunPayload,
  type CommandVeto,
  Hook,
  HookBudgetError,
  type HookHandlerError,
  HookManager,
  HooksModule,
  Middleware,
} from '../../../src/hooks';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';
import { startRouterApp } from './router-app';

const seen: string[] = [];

class Greetings {
  @Command({ name: 'hello', description: 'Say hello' })
  public hello(@Ctx() ctx: CommandContext): Promise<void> {
    seen.push('handler');
    return ctx.reply({ content: 'Hello!' });
  }
}

@Middleware({ scope: 'interaction' })
@Injectable()
class Timing {
  public async use(_ctx: InteractionContext, next: () => Promise<void>, route: HandlerRoute): Promise<void> {
    seen.push(`middleware before ${route.path}`);
    await next();
    seen.push('middleware after');
  }
}

@Injectable()
class Maintenance {
  public on = false;

  @Hook('beforeCommandRun')
  public check({ commandName }: CommandRunPayload): CommandVeto | undefined {
    seen.push(`hook ${commandName}`);
    return this.on ? { reason: 'maintenance', reply: 'Down for maintenance' } : undefined;
  }
}

describe('HooksModule with a CommandRouter in the app', () => {
  it('bridges the router and installs @Middleware({ scope: "interaction" }) inside the hook vetoes', async () => {
    const { discord, router, app, channelId, userId, close } = await startRouterApp([Greetings], [Timing, Maintenance]);
    try {
      const first = discord.invokeCommand({ name: 'hello', userId, channelId });
      await router.handle(first.payload);
      expect((await first.response()).data).toMatchObject({ content: 'Hello!' });
      expect(seen).toEqual(['hook hello', 'middleware before hello', 'handler', 'middleware after']);

      seen.length = 0;
      app.get(Maintenance).on = true;
      const second = discord.invokeCommand({ name: 'hello', userId, channelId });
      await router.handle(second.payload);
      expect((await second.response()).data).toMatchObject({ content: 'Down for maintenance' });
      expect(seen).toEqual(['hook hello']);
    } finally {
      await close();
    }
  });

  it('fires beforeCommandRegister and afterCommandRegister when CommandsModule syncs the commands', async () => {
    const discord = await FakeDiscord.start({ port: 0 });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    const synced: CommandRegisteredPayload[] = [];

    @Injectable()
    class Greeter {
      @Command({ name: 'hello', description: 'Say hello' })
      public hello(): string {
        return 'Hello!';
      }
    }

    @Injectable()
    class RegistrationAudit {
      @Hook('beforeCommandRegister')
      public addHelp(payload: CommandRegisterPayload): CommandRegisterPayload {
        return { ...payload, commands: [...payload.commands, { name: 'help', description: 'Added by a hook' }] };
      }

      @Hook('afterCommandRegister')
      public record(payload: CommandRegisteredPayload): void {
        synced.push(payload);
      }
    }

    @Module({
      imports: [HooksModule.forRoot(), CommandsModule.forRoot({ rest: routeRest(rest), applicationId: discord.applicationId, log: () => undefined })],
      providers: [Greeter, RegistrationAudit],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    try {
      await app.listen();
      expect(discord.commands().map((command) => command.name).sort()).toEqual(['hello', 'help']);
      expect(synced).toEqual([{ applicationId: discord.applicationId, guildId: undefined, created: 2, updated: 0, deleted: 0, unchanged: 0 }]);
    } finally {
      await app.close();
      await rest.close();
      await discord.close();
    }
  });

  it('answers on time when a @Hook veto is slower than its budget, and reports the slow handler', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));

    @Injectable()
    class SlowBans {
      @Hook('beforeCommandRun')
      public async lookUp(): Promise<CommandVeto | undefined> {
        await stuck;
        return { reason: 'banned', reply: 'Banned.' };
      }
    }

    const { discord, router, app, channelId, userId, close } = await startRouterApp([Greetings], [SlowBans], { budgets: { beforeCommandRun: 50 } });
    try {
      const errors: HookHandlerError[] = [];
      app.get(HookManager).onHandlerError((error) => void errors.push(error));
      const invoked = discord.invokeCommand({ name: 'hello', userId, channelId });
      await router.handle(invoked.payload);
      expect((await invoked.response()).data).toMatchObject({ content: 'Hello!' });
      expect(errors).toEqual([expect.any(HookBudgetError)]);
      expect(errors[0]?.message).toContain('Hook "beforeCommandRun" went past its 50 ms budget: handler "SlowBans.lookUp" (owner: provider:AppModule)');
    } finally {
      release();
      await close();
    }
  });
});
