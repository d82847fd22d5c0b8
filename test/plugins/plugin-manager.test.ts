import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HookManager } from '../../src/hooks';
import { type OvenPlugin, type PluginContext, PluginManager, ServiceRegistry } from '../../src/plugins';
import { loggingPlugin, manifest, PluginFixture } from './support/plugin-fixture';

describe('PluginManager', () => {
  let fixture: PluginFixture;
  let log: string[];
  let services: ServiceRegistry;
  let hooks: HookManager;

  beforeEach(() => {
    fixture = new PluginFixture();
    log = [];
    services = new ServiceRegistry();
    services.provide('log', log);
    hooks = new HookManager();
  });
  afterEach(() => fixture.remove());

  const manager = (extra: Partial<ConstructorParameters<typeof PluginManager>[0]> = {}) =>
    new PluginManager({ hooks, services, nodeModules: [fixture.nodeModules], directories: [fixture.pluginsDir], ...extra });

  it('finds plain and scoped packages and plugin folders by reading manifests only', async () => {
    const marker = join(fixture.root, 'imported');
    const touch = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { onLoad() {} };`;
    fixture.package('ovenjs-plugin-alpha', { manifest: manifest('alpha'), files: { 'index.js': touch } });
    fixture.package('@acme/ovenjs-plugin-beta', { manifest: manifest('@acme/beta'), files: { 'index.js': touch } });
    fixture.package('@acme/not-a-plugin', { manifest: manifest('ignored'), files: { 'index.js': touch } });
    fixture.package('left-pad', { manifest: manifest('ignored2'), files: { 'index.js': touch } });
    fixture.folder('gamma', { manifest: manifest('gamma'), files: { 'index.js': touch } });
    const seen: string[] = [];
    hooks.register('pluginDiscovered', ({ name, source }) => void seen.push(`${name}:${source}`));
    const plugins = await manager().discover();
    expect(plugins.map((p) => [p.name, p.source, p.status])).toEqual([
      ['@acme/beta', 'package', 'discovered'],
      ['alpha', 'package', 'discovered'],
      ['gamma', 'directory', 'discovered'],
    ]);
    expect(seen).toEqual(['@acme/beta:package', 'alpha:package', 'gamma:directory']);
    expect(existsSync(marker)).toBe(false);
  });

  it('loads in dependency order, enables in dependency order, disables in reverse', async () => {
    fixture.package('ovenjs-plugin-web', {
      manifest: manifest('web', { dependencies: { db: '^2.0.0', '@acme/log': '*' } }),
      files: { 'index.js': loggingPlugin('web') },
    });
    fixture.package('@acme/ovenjs-plugin-log', { manifest: manifest('@acme/log'), files: { 'index.js': loggingPlugin('log') } });
    fixture.folder('db', {
      manifest: manifest('db', { version: '2.1.0', dependencies: { '@acme/log': '^1.0.0' } }),
      files: { 'index.js': loggingPlugin('db') },
    });
    const plugins = manager();
    await plugins.start();
    expect(plugins.loadOrder()).toEqual(['@acme/log', 'db', 'web']);
    expect(log).toEqual(['log:load', 'db:load', 'web:load', 'log:enable', 'db:enable', 'web:enable']);
    expect(plugins.registry.list().map((p) => p.status)).toEqual(['enabled', 'enabled', 'enabled']);
    log.length = 0;
    await plugins.stop();
    expect(log).toEqual(['web:disable', 'db:disable', 'log:disable', 'web:unload', 'db:unload', 'log:unload']);
    expect(plugins.registry.withStatus('disabled')).toHaveLength(3);
  });

  it('reports a cycle with its full path and keeps unrelated plugins running', async () => {
    for (const [name, dep] of [['a', 'b'], ['b', 'c'], ['c', 'a']] as const) {
      fixture.folder(name, { manifest: manifest(name, { dependencies: { [dep]: '*' } }), files: { 'index.js': loggingPlugin(name) } });
    }
    fixture.folder('d', { manifest: manifest('d', { dependencies: { a: '*' } }), files: { 'index.js': loggingPlugin('d') } });
    fixture.folder('solo', { manifest: manifest('solo'), files: { 'index.js': loggingPlugin('solo') } });
    const plugins = manager();
    await plugins.start();
    for (const name of ['a', 'b', 'c']) {
      expect(plugins.registry.get(name)).toMatchObject({ status: 'failed', reason: 'dependency cycle: a -> b -> c -> a' });
    }
    expect(plugins.registry.get('d')).toMatchObject({ status: 'disabled', reason: 'depends on "a", which cannot load' });
    expect(plugins.registry.get('solo')?.status).toBe('enabled');
    expect(log).toEqual(['solo:load', 'solo:enable']);
  });

  it('reports missing and semver-incompatible dependencies, and loads without a missing optional one', async () => {
    fixture.folder('storage', { manifest: manifest('storage', { version: '1.4.0' }), files: { 'index.js': loggingPlugin('storage') } });
    fixture.folder('tickets', {
      manifest: manifest('tickets', { dependencies: { storage: '^2.0.0' } }),
      files: { 'index.js': loggingPlugin('tickets') },
    });
    fixture.folder('stats', { manifest: manifest('stats', { dependencies: { metrics: '^1.0.0' } }), files: { 'index.js': loggingPlugin('stats') } });
    fixture.folder('panel', {
      manifest: manifest('panel', { optionalDependencies: { metrics: '^1.0.0' } }),
      files: { 'index.js': loggingPlugin('panel') },
    });
    const plugins = manager();
    await plugins.start();
    expect(plugins.registry.get('tickets')).toMatchObject({
      status: 'failed',
      reason: '"tickets" needs "storage" ^2.0.0, but 1.4.0 is installed',
    });
    expect(plugins.registry.get('stats')).toMatchObject({
      status: 'failed',
      reason: '"stats" needs "metrics" ^1.0.0, which is not installed',
    });
    expect(plugins.registry.get('panel')).toMatchObject({
      status: 'enabled',
      warnings: ['"panel" needs "metrics" ^1.0.0, which is not installed (optional: loading without it)'],
    });
    expect(plugins.registry.get('storage')?.status).toBe('enabled');
  });

  it('fails a plugin whose manifest needs another OvenJS, and blocks its dependents', async () => {
    fixture.folder('future', { manifest: manifest('future', { compatibility: '^2.0.0' }), files: { 'index.js': loggingPlugin('future') } });
    fixture.folder('user', { manifest: manifest('user', { dependencies: { future: '*' } }), files: { 'index.js': loggingPlugin('user') } });
    const plugins = manager({ ovenVersion: '0.1.0' });
    await plugins.start();
    const future = plugins.registry.get('future');
    expect(future?.status).toBe('failed');
    expect(future?.problems).toEqual([
      expect.objectContaining({ field: 'compatibility', expected: 'a range that includes the running OvenJS 0.1.0', received: '"^2.0.0"' }),
    ]);
    expect(plugins.registry.get('user')).toMatchObject({ status: 'disabled', reason: 'depends on "future", which cannot load' });
    expect(log).toEqual([]);
  });

  it('marks a plugin that throws in onEnable failed, disables its dependents and nothing else', async () => {
    fixture.folder('base', { manifest: manifest('base'), files: { 'index.js': loggingPlugin('base') } });
    fixture.folder('flaky', {
      manifest: manifest('flaky', { dependencies: { base: '*' }, hooks: ['afterMessageReceive'] }),
      files: {
        'index.js': `module.exports = {
          onEnable(ctx) {
            ctx.hooks.register('afterMessageReceive', () => ctx.services.get('log').push('flaky:hook'));
            throw new Error('database unreachable');
          },
        };`,
      },
    });
    fixture.folder('child', { manifest: manifest('child', { dependencies: { flaky: '*' } }), files: { 'index.js': loggingPlugin('child') } });
    fixture.folder('grandchild', { manifest: manifest('grandchild', { dependencies: { child: '*' } }), files: { 'index.js': loggingPlugin('grandchild') } });
    fixture.folder('sibling', { manifest: manifest('sibling', { dependencies: { base: '*' } }), files: { 'index.js': loggingPlugin('sibling') } });
    const failed: string[] = [];
    hooks.register('pluginFailed', ({ name, reason }) => void failed.push(`${name}: ${reason}`));
    const plugins = manager();
    await plugins.start();
    expect(plugins.registry.get('flaky')).toMatchObject({ status: 'failed', reason: 'Plugin "flaky" threw in onEnable: database unreachable' });
    expect(failed).toEqual(['flaky: Plugin "flaky" threw in onEnable: database unreachable']);
    expect(plugins.registry.get('child')?.status).toBe('disabled');
    expect(plugins.registry.get('child')?.reason).toContain('depends on "flaky", which failed');
    expect(plugins.registry.get('grandchild')?.status).toBe('disabled');
    expect(plugins.registry.get('base')?.status).toBe('enabled');
    expect(plugins.registry.get('sibling')?.status).toBe('enabled');
    // The hook the failing plugin registered before throwing is gone with it.
    expect(hooks.has('afterMessageReceive')).toBe(false);
    // Loaded dependents were unloaded again.
    expect(log.filter((l) => l.startsWith('child') || l.startsWith('grandchild'))).toEqual([
      'child:load', 'grandchild:load', 'grandchild:unload', 'child:unload',
    ]);
  });

  it('disables a plugin and its dependents at run time, and enables them again', async () => {
    fixture.folder('base', {
      manifest: manifest('base', { hooks: ['beforeAPICall'] }),
      files: { 'index.js': loggingPlugin('base', "ctx.hooks.register('beforeAPICall', () => {});") },
    });
    fixture.folder('child', { manifest: manifest('child', { dependencies: { base: '*' } }), files: { 'index.js': loggingPlugin('child') } });
    fixture.folder('other', { manifest: manifest('other'), files: { 'index.js': loggingPlugin('other') } });
    const plugins = manager();
    await plugins.start();
    log.length = 0;
    await plugins.disablePlugin('base', 'maintenance');
    expect(log).toEqual(['child:disable', 'base:disable']);
    expect(plugins.registry.get('base')).toMatchObject({ status: 'disabled', reason: 'maintenance' });
    expect(plugins.registry.get('child')).toMatchObject({ status: 'disabled', reason: 'depends on "base", which was disabled: maintenance' });
    expect(plugins.registry.get('other')?.status).toBe('enabled');
    expect(hooks.has('beforeAPICall')).toBe(false);
    log.length = 0;
    expect(await plugins.enablePlugin('base')).toBe(true);
    expect(log).toEqual(['base:enable', 'child:enable']);
    expect(plugins.registry.list().map((p) => p.status)).toEqual(['enabled', 'enabled', 'enabled']);
    expect(hooks.has('beforeAPICall')).toBe(true);
    await plugins.stop();
  });

  it('mixes in-module plugins with external ones and shares services both ways', async () => {
    class StoragePlugin implements OvenPlugin {
      public onLoad(context: PluginContext): void {
        context.services.provide('storage', { get: (key: string) => `value of ${key}` });
      }
    }
    fixture.package('ovenjs-plugin-greeter', {
      manifest: manifest('greeter', { dependencies: { storage: '^3.0.0' } }),
      files: {
        'index.js': `module.exports = { default: class Greeter {
          onEnable(ctx) {
            ctx.services.provide('greeting', 'hello ' + ctx.services.get('storage').get('name'));
          }
        } };`,
      },
    });
    const plugins = manager();
    plugins.add({ name: 'storage', version: '3.1.0' }, () => new StoragePlugin());
    await plugins.start();
    expect(plugins.loadOrder()).toEqual(['storage', 'greeter']);
    expect(services.get<string>('greeting')).toBe('hello value of name');
    await plugins.stop();
    // What a plugin provided goes away with it.
    expect(services.has('greeting')).toBe(false);
    expect(services.has('storage')).toBe(false);
  });

  it('removes a plugin\'s hooks and cleanups when it is disabled, and refuses undeclared hooks', async () => {
    fixture.folder('audit', {
      manifest: manifest('audit', { hooks: ['beforeAPICall'] }),
      files: {
        'index.js': `module.exports = {
          onEnable(ctx) {
            ctx.hooks.register('beforeAPICall', (r) => { r.headers['X-Audit-Log-Reason'] = 'audit plugin'; });
            ctx.onDisable(() => ctx.services.get('log').push('cleanup ran'));
            try { ctx.hooks.register('shardClose', () => {}); } catch (e) { ctx.services.get('log').push(e.code); }
          },
        };`,
      },
    });
    const plugins = manager();
    await plugins.start();
    expect(log).toEqual(['OVEN_ERR_PLUGIN_UNDECLARED_HOOK']);
    const request = await hooks.execute('beforeAPICall', { method: 'GET', route: '/users/@me', body: undefined, headers: {} });
    expect(request.headers).toEqual({ 'X-Audit-Log-Reason': 'audit plugin' });
    expect(hooks.listHooks().find((h) => h.name === 'beforeAPICall')?.handlers[0]?.owner).toBe('plugin:audit');
    await plugins.stop();
    expect(hooks.has('beforeAPICall')).toBe(false);
    expect(log).toEqual(['OVEN_ERR_PLUGIN_UNDECLARED_HOOK', 'cleanup ran']);
  });

  it('lets a beforePluginLoad hook veto a plugin', async () => {
    fixture.folder('banned', { manifest: manifest('banned'), files: { 'index.js': loggingPlugin('banned') } });
    hooks.register('beforePluginLoad', ({ name }) => (name === 'banned' ? { reason: 'not allowed here' } : undefined));
    const plugins = manager();
    await plugins.start();
    expect(plugins.registry.get('banned')).toMatchObject({ status: 'disabled', reason: 'refused by a beforePluginLoad hook: not allowed here' });
    expect(log).toEqual([]);
  });

  it('reports a missing main, a main that is not a plugin, a throwing import and a hung onLoad', async () => {
    fixture.folder('nomain', { manifest: manifest('nomain', { main: 'dist/index.js' }) });
    fixture.folder('notplugin', { manifest: manifest('notplugin'), files: { 'index.js': 'module.exports = 42;' } });
    fixture.folder('throws', { manifest: manifest('throws'), files: { 'index.js': 'throw new Error("top-level boom");' } });
    fixture.folder('hangs', { manifest: manifest('hangs'), files: { 'index.js': 'module.exports = { onLoad: () => new Promise(() => {}) };' } });
    const plugins = manager({ lifecycleTimeoutMs: 50 });
    await plugins.start();
    expect(plugins.registry.get('nomain')?.reason).toMatch(/main "dist\/index.js" \(.*\) does not exist\. Build the plugin/);
    expect(plugins.registry.get('notplugin')?.reason).toContain('exports number, not a plugin');
    expect(plugins.registry.get('throws')?.reason).toBe('top-level boom');
    expect(plugins.registry.get('hangs')?.reason).toBe(
      'Plugin "hangs": onLoad did not settle within 50 ms. Make sure it resolves (a missing await on a never-ending promise?), or raise lifecycleTimeoutMs.',
    );
    for (const name of ['nomain', 'notplugin', 'throws', 'hangs']) expect(plugins.registry.get(name)?.status).toBe('failed');
  });

  it('reports broken manifests in the registry with file, field and expectation', async () => {
    fixture.folder('broken', { manifest: { name: 'broken', version: 'one', main: 'index.js' } });
    fixture.folder('nofile', { files: { 'index.js': '' } });
    fixture.folder('hooky', {
      manifest: manifest('hooky', { hooks: ['afterMessageReceive', 'onMessage'], dependencies: { a: '*' }, optionalDependencies: { a: '^1' } }),
      files: { 'index.js': '' },
    });
    const plugins = manager();
    await plugins.start();
    expect(plugins.registry.get('hooky')?.problems.map(({ field, expected, received }) => [field, expected, received])).toEqual([
      ['hooks[1]', 'the name of a hook point (see docs/hooks.md)', '"onMessage"'],
      ['optionalDependencies.a', 'a plugin not also listed in dependencies', '"^1"'],
    ]);
    const broken = plugins.registry.get('broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.problems.map((p) => p.field)).toEqual(['version', 'compatibility']);
    expect(broken?.reason).toContain(`${join(fixture.pluginsDir, 'broken', 'plugin.json')}: version: expected a semver version`);
    expect(plugins.registry.get('nofile')?.reason).toContain('plugin.json: (file): expected a readable plugin.json next to the plugin, got ENOENT');
  });

  it('refuses duplicate names and bad @Plugin metadata with typed errors', async () => {
    fixture.folder('twin', { manifest: manifest('twin'), files: { 'index.js': loggingPlugin('twin') } });
    fixture.package('ovenjs-plugin-twin', { manifest: manifest('twin'), files: { 'index.js': loggingPlugin('twin') } });
    const plugins = manager();
    await plugins.discover();
    expect(plugins.registry.list().filter((p) => p.status === 'failed')[0]?.reason).toContain('another plugin named "twin"');
    expect(() => plugins.add({ name: 'Bad', version: '1', dependsOn: { x: '^1' }, optional: ['y'] }, () => ({}))).toThrow(
      expect.objectContaining({
        code: 'OVEN_ERR_PLUGIN_INVALID_METADATA',
        message: expect.stringContaining('optional "y" must also be listed in dependsOn'),
      }),
    );
    expect(() => plugins.add({ name: 'twin', version: '1.0.0' }, () => ({}))).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_PLUGIN_DUPLICATE' }),
    );
  });
});
