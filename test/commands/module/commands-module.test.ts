import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { EVENT_CONTEXT, Inject, Injectable, InjectionToken, Module, OvenFactory } from '../../../src/di';
import type { ApplicationCommandsRest, CommandsRest, Guard, InteractionContext } from '../../../src/commands';
import { Command, CommandRouter, CommandsModule, CommandsModuleError, Ctx, UseGuards } from '../../../src/commands';
import { APP_ID, RecordingRest, slash } from '../interaction-fixtures';

@Injectable()
class Greetings {
  public greet(name: string): string {
    return `Hello, ${name}!`;
  }
}

let built = 0;

@Injectable({ scope: 'event' })
class RequestInfo {
  public readonly serial = ++built;
  public constructor(@Inject(EVENT_CONTEXT) public readonly ctx: InteractionContext) {}
}

@Injectable()
class Blocklist implements Guard {
  public readonly blocked = new Set<string>();
  public canActivate(ctx: InteractionContext): boolean {
    return !this.blocked.has(ctx.user.id);
  }
}

@Injectable()
class HelloCommands {
  public constructor(
    @Inject(Greetings) private readonly greetings: Greetings,
    @Inject(RequestInfo) private readonly info: RequestInfo,
  ) {}

  @UseGuards(Blocklist)
  @Command({ name: 'hello', description: 'Say hello' })
  public hello(@Ctx() ctx: InteractionContext) {
    return `${this.greetings.greet(ctx.user.username)} (#${this.info.serial}, same ctx: ${this.info.ctx === ctx})`;
  }
}

class RecordingCommandsRest extends RecordingRest implements ApplicationCommandsRest {
  public readonly registered: string[] = [];
  public async getCommands(): Promise<APIApplicationCommand[]> {
    return [];
  }
  public async putCommands(_app: string, commands: RESTPostAPIApplicationCommandsJSONBody[], guildId?: string): Promise<APIApplicationCommand[]> {
    this.registered.push(`${guildId ?? 'global'}:${commands.map((c) => c.name).join(',')}`);
    return [];
  }
}

function appModule(rest: CommandsRest, register: false | { devGuildId?: string }, applicationId: string | null = APP_ID) {
  @Module({
    imports: [CommandsModule.forRoot({ rest, ...(applicationId === null ? {} : { applicationId }), register, log: () => undefined })],
    providers: [Greetings, RequestInfo, Blocklist, HelloCommands],
  })
  class AppModule {}
  return AppModule;
}

const content = (rest: RecordingRest, index: number) => {
  const call = rest.calls.filter((c) => c.kind === 'callback')[index];
  return call?.kind === 'callback' ? (call.body as { data: { content: string } }).data.content : undefined;
};

describe('CommandsModule', () => {
  it('routes to DI providers, one event scope per interaction, with guards from the container', async () => {
    const rest = new RecordingCommandsRest();
    const app = await OvenFactory.create(appModule(rest, false));
    await app.init();
    const router = app.get(CommandRouter);
    built = 0;
    await router.handle(slash('hello'));
    await router.handle(slash('hello'));
    expect(content(rest, 0)).toBe('Hello, alice! (#1, same ctx: true)');
    expect(content(rest, 1)).toBe('Hello, alice! (#2, same ctx: true)');
    app.get(Blocklist).blocked.add('400000000000000004');
    await router.handle(slash('hello'));
    expect(content(rest, 2)).toBe("You can't use this here.");
    await app.close();
  });

  it('constructs guard classes that are not providers', async () => {
    class NotAProvider implements Guard {
      public canActivate(): boolean {
        return false;
      }
    }
    @Injectable()
    class Locked {
      @UseGuards(NotAProvider)
      @Command({ name: 'locked', description: 'Never' })
      public locked() {
        return 'open';
      }
    }
    const rest = new RecordingCommandsRest();
    @Module({ imports: [CommandsModule.forRoot({ rest, register: false })], providers: [Locked] })
    class LockedModule {}
    const app = await OvenFactory.create(LockedModule);
    await app.init();
    await app.get(CommandRouter).handle(slash('locked'));
    expect(content(rest, 0)).toBe("You can't use this here.");
    await app.close();
  });

  it('takes its options from a factory with forRootAsync', async () => {
    const rest = new RecordingCommandsRest();
    const SETTINGS = new InjectionToken<{ guild: string }>('SETTINGS');
    @Module({ providers: [{ provide: SETTINGS, useValue: { guild: '300000000000000003' } }], exports: [SETTINGS] })
    class SettingsModule {}
    @Module({
      imports: [
        CommandsModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { guild: string }) => ({ rest, applicationId: APP_ID, register: { devGuildId: settings.guild }, log: () => undefined }),
        }),
      ],
      providers: [Greetings, RequestInfo, Blocklist, HelloCommands],
    })
    class AsyncModule {}
    const app = await OvenFactory.create(AsyncModule);
    await app.listen();
    expect(rest.registered).toEqual(['300000000000000003:hello']);
    await app.close();
  });

  it('registers the discovered commands on listen', async () => {
    const rest = new RecordingCommandsRest();
    const app = await OvenFactory.create(appModule(rest, { devGuildId: '200000000000000002' }));
    await app.listen();
    expect(rest.registered).toEqual(['200000000000000002:hello']);
    await app.close();
  });

  it('says what is missing when it cannot register', async () => {
    const app = await OvenFactory.create(appModule(new RecordingCommandsRest(), {}, null));
    const failure = await app.listen().then(
      () => undefined,
      (error: unknown) => error,
    );
    const cause = failure instanceof CommandsModuleError ? failure : (failure as { cause?: unknown } | undefined)?.cause;
    expect(cause).toBeInstanceOf(CommandsModuleError);
    expect((cause as Error).message).toMatch(/without an application id/);
    await app.close();
  });
});
