import { Inject, Injectable, InjectionToken, Module, OvenFactory } from '../../../src/di';
import { HookManager, HooksModule } from '../../../src/hooks';
import { type OvenPlugin, Plugin, type PluginContext, PluginManager, PluginsModule, ServiceRegistry } from '../../../src/plugins';
import { RestClient, type RestContext } from '../../../src/rest';
import { manifest, PluginFixture } from '../support/plugin-fixture';

const GREETING_PREFIX = new InjectionToken<string>('GREETING_PREFIX');
const log: string[] = [];

@Injectable()
class Clock {
  public now(): string {
    return 'noon';
  }
}

@Plugin({ name: 'storage', version: '2.3.0' })
@Injectable()
class StoragePlugin implements OvenPlugin {
  public constructor(@Inject(Clock) private readonly clock: Clock) {}

  public onLoad(context: PluginContext): void {
    log.push('storage:load');
    context.services.provide('storage', { read: (key: string) => `${key} at ${this.clock.now()}` });
  }

  public onDisable(): void {
    log.push('storage:disable');
  }
}

describe('PluginsModule', () => {
  let fixture: PluginFixture;
  beforeEach(() => {
    fixture = new PluginFixture();
    log.length = 0;
  });
  afterEach(() => fixture.remove());

  it('runs @Plugin providers and external plugins in one order, sharing the app\'s services both ways', async () => {
    fixture.folder('greeter', {
      manifest: manifest('greeter', { dependencies: { storage: '^2.0.0' }, hooks: ['beforeMessageSend'] }),
      files: {
        'index.js': `module.exports = {
          onEnable(ctx) {
            const storage = ctx.services.get('storage');
            const prefix = ctx.services.get(ctx.services.get('prefix-token'));
            ctx.services.provide('greeting', prefix + ' ' + storage.read('hello'));
            ctx.hooks.register('beforeMessageSend', (m) => ({ ...m, body: { content: prefix + ' ' + m.body.content } }));
          },
        };`,
      },
    });

    @Module({
      imports: [HooksModule.forRoot(), PluginsModule.forRoot({ directories: [fixture.pluginsDir], nodeModules: [], hotReload: false })],
      providers: [Clock, StoragePlugin, { provide: GREETING_PREFIX, useValue: '[bot]' }, { provide: 'prefix-token', useValue: GREETING_PREFIX }],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.init();
    const plugins = app.get(PluginManager);
    expect(plugins.loadOrder()).toEqual(['storage', 'greeter']);
    expect(plugins.registry.list().map((p) => [p.name, p.source, p.status])).toEqual([
      ['storage', 'module', 'enabled'],
      ['greeter', 'directory', 'enabled'],
    ]);
    expect(app.get(ServiceRegistry).get<string>('greeting')).toBe('[bot] hello at noon');
    const out = await app.get(HookManager).execute('beforeMessageSend', { channelId: '1', body: { content: 'hi' } });
    expect(out.body.content).toBe('[bot] hi');
    await app.close();
    expect(log).toEqual(['storage:load', 'storage:disable']);
    expect(plugins.registry.get('greeter')?.status).toBe('disabled');
    expect(app.get(HookManager).has('beforeMessageSend')).toBe(false);
  });

  it('builds a sandbox from options whose REST calls go through the app\'s RestClient', async () => {
    const sent: string[] = [];
    const rest = new RestClient({ token: 't' });
    // Answers locally, so the test needs no Discord; records what the sandboxed plugin sent.
    rest.use((ctx: RestContext) => {
      sent.push(`${ctx.request.method} ${ctx.request.route} ${JSON.stringify(ctx.request.body)}`);
      ctx.response = { status: 200, headers: {}, data: { id: '9' } };
    });
    fixture.folder('announcer', {
      manifest: manifest('announcer', { sandbox: true, permissions: ['messages:send'] }),
      files: { 'index.js': "module.exports = { async onEnable(ctx) { await ctx.messages.send('42', { content: 'plugin online' }); } };" },
    });

    @Module({
      imports: [PluginsModule.forRoot({ directories: [fixture.pluginsDir], nodeModules: [], hotReload: false, sandbox: { apiCallsPerMinute: 10 } })],
      providers: [{ provide: RestClient, useValue: rest }],
    })
    class SandboxedApp {}

    const app = await OvenFactory.create(SandboxedApp);
    try {
      await app.init();
      expect(app.get(PluginManager).registry.get('announcer')).toMatchObject({ status: 'enabled', sandboxed: true, reason: undefined });
      expect(sent).toEqual(['POST /channels/42/messages {"content":"plugin online"}']);
    } finally {
      await app.close();
      await rest.close();
    }
  });
});
