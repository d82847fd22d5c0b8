import { Injectable, Module, OvenFactory } from '../../../src/di';
import { type ApiRequestPayload, Hook, HookManager, HooksModule, Middleware } from '../../../src/hooks';
import { RestClient, type RestContext } from '../../../src/rest';

const events: string[] = [];

@Injectable()
class AuditReason {
  @Hook('beforeAPICall', { priority: 10 })
  public tag(request: ApiRequestPayload): void {
    request.headers['X-Audit-Log-Reason'] = 'from @Hook';
  }

  @Hook('applicationBootstrap')
  public booted(): void {
    events.push('applicationBootstrap');
  }

  @Hook('beforeShutdown')
  @Hook('afterShutdown')
  public closing(_payload: unknown, context: { hook: string }): void {
    events.push(context.hook);
  }
}

// Answers every request itself, so the test needs no Discord; records what reached it.
@Middleware({ scope: 'rest' })
@Injectable()
class Answering {
  public use(ctx: RestContext): void {
    events.push(`answer ${ctx.request.route} reason=${ctx.request.headers['X-Audit-Log-Reason']}`);
    ctx.response = { status: 200, headers: {}, data: { id: '1' } };
  }
}

@Middleware({ scope: 'rest', priority: 5 })
@Injectable()
class Outer {
  public async use(ctx: RestContext, next: () => Promise<void>): Promise<void> {
    events.push('outer before');
    await next();
    events.push(`outer after ${ctx.response?.status}`);
  }
}

@Module({
  imports: [HooksModule.forRoot()],
  providers: [AuditReason, Answering, Outer, { provide: RestClient, useValue: new RestClient({ token: 't' }) }],
})
class AppModule {}

describe('HooksModule', () => {
  beforeEach(() => {
    events.length = 0;
  });

  it('registers @Hook methods, installs @Middleware by priority, bridges the RestClient, fires lifecycle hooks', async () => {
    const app = await OvenFactory.create(AppModule);
    await app.init();
    expect(events).toEqual(['applicationBootstrap']);
    const hooks = app.get(HookManager);
    expect(hooks.listHooks().find((h) => h.name === 'beforeAPICall')?.handlers).toEqual([
      { label: 'AuditReason.tag', owner: 'provider:AppModule', priority: 10 },
    ]);
    const rest = app.get(RestClient);
    expect(await rest.get('/users/@me')).toEqual({ id: '1' });
    expect(events.slice(1)).toEqual(['outer before', 'answer /users/@me reason=from @Hook', 'outer after 200']);
    await app.close();
    expect(events.slice(4)).toEqual(['beforeShutdown', 'afterShutdown']);
    expect(hooks.has('beforeAPICall')).toBe(false);
    // The RestClient outlives the app: the closed app's @Middleware classes step aside.
    rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: { id: 'after close' } };
    });
    expect(await rest.get('/users/@me')).toEqual({ id: 'after close' });
    expect(events).toEqual(['applicationBootstrap', 'outer before', 'answer /users/@me reason=from @Hook', 'outer after 200', 'beforeShutdown', 'afterShutdown']);
    await rest.close();
  });

  it('names the class and method of a @Hook on an unknown hook point', async () => {
    @Injectable()
    class Typo {
      @Hook('beforeApiCall' as 'beforeAPICall')
      public run(): void {}
    }
    @Module({ imports: [HooksModule.forRoot()], providers: [Typo] })
    class TypoModule {}
    const app = await OvenFactory.create(TypoModule);
    await expect(app.init()).rejects.toThrow(/@Hook on Typo\.run \(module TypoModule\): There is no hook point "beforeApiCall"\. Did you mean "beforeAPICall"\?/);
    await app.close().catch(() => undefined);
  });

  it('refuses REST middleware when the app has no RestClient', async () => {
    @Middleware({ scope: 'rest' })
    @Injectable()
    class Lonely {
      public use(): void {}
    }
    @Module({ imports: [HooksModule.forRoot()], providers: [Lonely] })
    class LonelyModule {}
    const app = await OvenFactory.create(LonelyModule);
    await expect(app.init()).rejects.toThrow(/@Middleware\(\{ scope: 'rest' \}\) on Lonely needs a RestClient/);
    await app.close().catch(() => undefined);
  });

  it('passes budgets from forRoot to the HookManager and refuses a bad one at start-up', async () => {
    @Module({ imports: [HooksModule.forRoot({ budgets: { beforeCommandRun: 1_500, commandDenied: false } })] })
    class BudgetModule {}
    const app = await OvenFactory.create(BudgetModule);
    const hooks = app.get(HookManager);
    expect([hooks.budget('beforeCommandRun'), hooks.budget('commandDenied'), hooks.budget('beforeInteraction')]).toEqual([1_500, undefined, 500]);
    await app.close();

    @Module({ imports: [HooksModule.forRoot({ budgets: { beforeInteraction: '2s' as unknown as number } })] })
    class BadBudgetModule {}
    await expect(OvenFactory.create(BadBudgetModule)).rejects.toThrow(/budget given for hook "beforeInteraction" is "2s"/);
  });
});
