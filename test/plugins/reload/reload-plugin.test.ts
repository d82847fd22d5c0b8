import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HookManager } from '../../../src/hooks';
import { PluginManager, type ReloadResult, ServiceRegistry } from '../../../src/plugins';
import { PluginWatcher } from '../../../src/plugins';
import { loggingPlugin, manifest, PluginFixture } from '../support/plugin-fixture';

// A counter plugin: counts afterMessageReceive hooks, hands its count over on reload, and says
// which version handled the hook.
const counter = (version: string, extra = ''): string => `
module.exports = class Counter {
  constructor() { this.count = 0; }
  onLoad(ctx, state) { this.count = state ? state.count : 0; ${extra} }
  onEnable(ctx) {
    ctx.hooks.register('afterMessageReceive', () => {
      this.count += 1;
      ctx.services.get('log').push('${version}:' + this.count);
    });
  }
  onUnload() { return { count: this.count }; }
};`;

const message = { message: { id: '1', channel_id: '2', content: 'hi' } as never };

describe('hot reload', () => {
  let fixture: PluginFixture;
  let log: string[];
  let hooks: HookManager;
  let plugins: PluginManager;
  let dir: string;

  beforeEach(async () => {
    fixture = new PluginFixture();
    log = [];
    hooks = new HookManager();
    const services = new ServiceRegistry();
    services.provide('log', log);
    dir = fixture.folder('counter', {
      manifest: manifest('counter', { hooks: ['afterMessageReceive'] }),
      files: { 'index.js': counter('v1'), 'lib/helper.js': 'module.exports = 1;' },
    });
    fixture.folder('dependent', { manifest: manifest('dependent', { dependencies: { counter: '^1' } }), files: { 'index.js': loggingPlugin('dependent') } });
    plugins = new PluginManager({ hooks, services, nodeModules: [], directories: [fixture.pluginsDir] });
    await plugins.start();
  });
  afterEach(async () => {
    await plugins.stop();
    fixture.remove();
  });

  it('swaps in the new code, keeps state through onUnload/onLoad, and restarts dependents', async () => {
    await hooks.execute('afterMessageReceive', message);
    await hooks.execute('afterMessageReceive', message);
    fixture.write(dir, { manifest: manifest('counter', { version: '1.1.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    const reloaded: unknown[] = [];
    hooks.register('pluginReloaded', (payload) => void reloaded.push(payload));
    const snapshots: unknown[] = [];
    hooks.register('stateSnapshot', ({ key, snapshot }) => void snapshots.push([key, snapshot]));
    // A migration between versions, as a stateRestore handler would write it.
    hooks.register('stateRestore', (restore) => ({ ...restore, snapshot: { count: (restore.snapshot as { count: number }).count + 10 } }));
    log.length = 0;
    const result = await plugins.reload('counter');
    expect(result).toEqual({ ok: true, plugin: 'counter', version: '1.1.0', previousVersion: '1.0.0' });
    expect(log).toEqual(['dependent:disable', 'dependent:enable']);
    await hooks.execute('afterMessageReceive', message);
    // One handler (the old one is gone), new code, the old count as migrated by stateRestore.
    expect(log.slice(2)).toEqual(['v2:13']);
    expect(hooks.listHooks().find((h) => h.name === 'afterMessageReceive')?.handlers).toHaveLength(1);
    expect(plugins.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.1.0', lastReloadError: undefined });
    expect(plugins.registry.get('dependent')?.status).toBe('enabled');
    expect(reloaded).toEqual([{ name: 'counter', version: '1.1.0', previousVersion: '1.0.0', stateCarried: true }]);
    expect(snapshots).toEqual([['plugin:counter', { count: 2 }]]);
  });

  it('keeps the old version running when the new code does not even import', async () => {
    await hooks.execute('afterMessageReceive', message);
    writeFileSync(join(dir, 'index.js'), 'module.exports = class { onLoad( {');
    const result = await plugins.reload('counter');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/Unexpected token|SyntaxError|Unexpected end/);
    expect(plugins.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect(plugins.registry.get('counter')?.lastReloadError).toBe(!result.ok ? result.reason : '');
    await hooks.execute('afterMessageReceive', message);
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v1:1', 'v1:2']);
  });

  it('puts the old version back, with its state, when the new one throws in onLoad', async () => {
    await hooks.execute('afterMessageReceive', message);
    fixture.write(dir, { manifest: manifest('counter', { version: '2.0.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2', 'throw new Error("bad migration");') } });
    const result = await plugins.reload('counter');
    expect(result).toEqual({
      ok: false,
      plugin: 'counter',
      reason: 'Plugin "counter" threw in onLoad: bad migration (the previous version 1.0.0 is running again)',
    });
    expect(plugins.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect(plugins.registry.get('dependent')?.status).toBe('enabled');
    await hooks.execute('afterMessageReceive', message);
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v1:1', 'v1:2']);
  });

  it('puts the old version back, with its own state, when a stateRestore migration throws', async () => {
    await hooks.execute('afterMessageReceive', message);
    fixture.write(dir, { manifest: manifest('counter', { version: '2.0.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    hooks.register('stateRestore', () => {
      throw new Error('cannot migrate counts');
    });
    const result = await plugins.reload('counter');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('cannot migrate counts');
    expect(!result.ok && result.reason).toContain('the previous version 1.0.0 is running again');
    expect(plugins.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect(plugins.registry.get('dependent')?.status).toBe('enabled');
    await hooks.execute('afterMessageReceive', message);
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v1:1', 'v1:2']);
  });

  it('asks beforePluginLoad before importing the new version, and keeps the old one when it is refused', async () => {
    await hooks.execute('afterMessageReceive', message);
    hooks.register('beforePluginLoad', ({ name, version }) => (name === 'counter' && version === '2.0.0' ? { reason: '2.0.0 is blocklisted' } : undefined));
    fixture.write(dir, { manifest: manifest('counter', { version: '2.0.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    expect(await plugins.reload('counter')).toEqual({ ok: false, plugin: 'counter', reason: 'refused by a beforePluginLoad hook: 2.0.0 is blocklisted' });
    expect(plugins.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    await hooks.execute('afterMessageReceive', message);
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v1:1', 'v1:2']);
  });

  it('refuses a reload whose manifest became invalid', async () => {
    fixture.write(dir, { manifest: manifest('counter', { version: 'two' }) });
    const result = await plugins.reload('counter');
    expect(!result.ok && result.reason).toContain('version: expected a semver version such as "1.2.3", got "two"');
    expect(plugins.registry.get('counter')?.status).toBe('enabled');
  });

  it('brings a failed plugin up once its files are fixed, with its waiting dependents', async () => {
    const broken = fixture.folder('late', { manifest: manifest('late'), files: { 'index.js': 'throw new Error("not built yet")' } });
    fixture.folder('needs-late', { manifest: manifest('needs-late', { dependencies: { late: '*' } }), files: { 'index.js': loggingPlugin('needs-late') } });
    const second = new PluginManager({ hooks: new HookManager(), services: plugins.services, nodeModules: [], directories: [fixture.pluginsDir] });
    await second.start();
    expect(second.registry.get('late')?.status).toBe('failed');
    expect(second.registry.get('needs-late')?.status).toBe('disabled');
    fixture.write(broken, { files: { 'index.js': loggingPlugin('late') } });
    expect(await second.reload('late')).toMatchObject({ ok: true });
    expect(second.registry.get('late')?.status).toBe('enabled');
    expect(second.registry.get('needs-late')?.status).toBe('enabled');
    await second.stop();
  });

  it('leaves a dependent disabled, with the reason, when the new version is outside its range', async () => {
    fixture.folder('deeper', { manifest: manifest('deeper', { dependencies: { dependent: '^1' } }), files: { 'index.js': loggingPlugin('deeper') } });
    const third = new PluginManager({ hooks: new HookManager(), services: plugins.services, nodeModules: [], directories: [fixture.pluginsDir] });
    await third.start();
    expect(third.registry.get('deeper')?.status).toBe('enabled');
    fixture.write(dir, { manifest: manifest('counter', { version: '2.0.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    expect(await third.reload('counter')).toMatchObject({ ok: true, version: '2.0.0' });
    expect(third.registry.get('counter')?.status).toBe('enabled');
    expect(third.registry.get('dependent')).toMatchObject({ status: 'disabled', reason: 'needs "counter" ^1, but 2.0.0 is running' });
    expect(third.registry.get('deeper')).toMatchObject({ status: 'disabled', reason: 'depends on "dependent", which is disabled' });
    await third.stop();
  });

  it('refuses a new version whose dependencies are at incompatible versions or form a cycle, keeping the old one', async () => {
    fixture.folder('other', { manifest: manifest('other', { version: '1.2.0' }), files: { 'index.js': loggingPlugin('other') } });
    const third = new PluginManager({ hooks: new HookManager(), services: plugins.services, nodeModules: [], directories: [fixture.pluginsDir] });
    await third.start();
    fixture.write(dir, { manifest: manifest('counter', { version: '1.1.0', hooks: ['afterMessageReceive'], dependencies: { other: '^2' } }) });
    expect(await third.reload('counter')).toEqual({
      ok: false,
      plugin: 'counter',
      reason: 'the new version needs "other" ^2, but 1.2.0 is running',
    });
    fixture.write(dir, { manifest: manifest('counter', { version: '1.1.0', hooks: ['afterMessageReceive'], dependencies: { dependent: '*' } }) });
    expect(await third.reload('counter')).toEqual({
      ok: false,
      plugin: 'counter',
      reason: 'the new version would make a dependency cycle: counter -> dependent -> counter',
    });
    expect(third.registry.get('counter')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect(third.registry.get('dependent')?.status).toBe('enabled');
    await third.stop();
  });

  it('unloads the old instance of a disabled plugin on reload, handing its state over, and brings its dependents back', async () => {
    await hooks.execute('afterMessageReceive', message);
    await plugins.disablePlugin('counter', 'paused by an admin');
    expect(plugins.registry.get('dependent')?.status).toBe('disabled');
    fixture.write(dir, { manifest: manifest('counter', { version: '1.0.1', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    log.length = 0;
    expect(await plugins.reload('counter')).toMatchObject({ ok: true, version: '1.0.1' });
    expect(plugins.registry.get('counter')?.status).toBe('enabled');
    expect(plugins.registry.get('dependent')?.status).toBe('enabled');
    await hooks.execute('afterMessageReceive', message);
    // The count the old instance handed over in onUnload went on in the new one.
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v2:2']);
  });

  it('ignores what the old version registers after it was reloaded away (a timer that outlived it)', async () => {
    const late = `
module.exports = class {
  onEnable(ctx) {
    ctx.services.get('log').push('v1:enabled');
    ctx.services.get('later').push(() => {
      ctx.hooks.register('afterMessageReceive', () => void ctx.services.get('log').push('v1:late handler'));
      ctx.services.provide('late-service', 1);
      ctx.onDisable(() => void ctx.services.get('log').push('v1:late cleanup'));
    });
  }
};`;
    // The test fires the old version's "timer" itself once it was reloaded away: a real 30 ms timer
    // raced the two reloads, and on a loaded machine fired while v1 was still the current version.
    const later: Array<() => void> = [];
    plugins.services.provide('later', later);
    fixture.write(dir, { files: { 'index.js': late } });
    expect(await plugins.reload('counter')).toMatchObject({ ok: true });
    fixture.write(dir, { files: { 'index.js': counter('v2') } });
    expect(await plugins.reload('counter')).toMatchObject({ ok: true });
    expect(later).toHaveLength(1);
    for (const fire of later.splice(0)) fire();
    await new Promise((resolve) => setImmediate(resolve));
    // The late cleanup ran at once: there is nothing left for it to wait for.
    expect(log).toContain('v1:late cleanup');
    log.length = 0;
    await hooks.execute('afterMessageReceive', message);
    expect(log).toEqual(['v2:1']);
    expect(plugins.services.has('late-service')).toBe(false);
    expect(plugins.registry.get('counter')?.warnings.join('\n')).toContain('after that instance was unloaded');
    await plugins.disablePlugin('counter');
    expect(log).not.toContain('v1:late cleanup');
  });

  it('lets a reload under way finish before stop() shuts everything down, and refuses reloads after it', async () => {
    fixture.write(dir, { manifest: manifest('counter', { version: '1.0.1', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    const underWay = new Promise<void>((resolve) =>
      hooks.register('pluginDisabled', ({ name, reason }) => {
        if (name === 'dependent' && reason.includes('is reloading')) resolve();
      }),
    );
    const reloading = plugins.reload('counter');
    await underWay;
    await plugins.stop();
    expect(await reloading).toMatchObject({ ok: true });
    expect(plugins.registry.list().map((p) => [p.name, p.status])).toEqual([
      ['counter', 'disabled'],
      ['dependent', 'disabled'],
    ]);
    expect(hooks.listHooks().find((h) => h.name === 'afterMessageReceive')?.handlers).toHaveLength(0);
    expect(log.at(-1)).toBe('dependent:unload');
    expect(await plugins.reload('counter')).toEqual({ ok: false, plugin: 'counter', reason: 'the plugin manager is stopped' });
  });

  it('reports a throwing onReload callback of the watcher as a warning instead of an unhandled rejection', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const reloaded = new Promise<void>((resolve) => {
        const watcher = new PluginWatcher(plugins, {
          debounceMs: 20,
          onReload: () => {
            watcher.close();
            setTimeout(resolve, 20);
            throw new Error('logger is down');
          },
        });
        watcher.start();
        fixture.write(dir, { manifest: manifest('counter', { version: '1.0.2', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v4') } });
      });
      await reloaded;
      expect(warn).toHaveBeenCalledWith('Hot reload of plugin "counter" failed: logger is down');
    } finally {
      warn.mockRestore();
    }
  });

  it('stops a plugin on shutdown that only started after a reload fixed its manifest', async () => {
    const broken = fixture.folder('typo', { manifest: manifest('typo', { version: 'one' }), files: { 'index.js': loggingPlugin('typo') } });
    const second = new PluginManager({ hooks: new HookManager(), services: plugins.services, nodeModules: [], directories: [fixture.pluginsDir] });
    await second.start();
    expect(second.registry.get('typo')?.status).toBe('failed');
    fixture.write(broken, { manifest: manifest('typo') });
    expect(await second.reload('typo')).toMatchObject({ ok: true });
    expect(second.loadOrder()).toContain('typo');
    log.length = 0;
    await second.stop();
    expect(log.filter((line) => line.startsWith('typo:'))).toEqual(['typo:disable', 'typo:unload']);
    expect(second.registry.get('typo')?.status).toBe('disabled');
  });

  it('gives a dependent back what it registered in onLoad when it is enabled again after its dependency reloaded', async () => {
    fixture.folder('early', {
      manifest: manifest('early', { dependencies: { counter: '^1' }, hooks: ['afterMessageReceive'] }),
      files: {
        'index.js': `module.exports = class {
          onLoad(ctx) {
            ctx.services.provide('greeting', 'hello');
            ctx.hooks.register('afterMessageReceive', () => void ctx.services.get('log').push('early:heard'));
          }
        };`,
      },
    });
    const third = new PluginManager({ hooks: new HookManager(), services: new ServiceRegistry(), nodeModules: [], directories: [fixture.pluginsDir] });
    third.services.provide('log', log);
    await third.start();
    fixture.write(dir, { manifest: manifest('counter', { version: '1.0.1', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
    expect(await third.reload('counter')).toMatchObject({ ok: true });
    expect(third.registry.get('early')?.status).toBe('enabled');
    expect(third.services.get('greeting')).toBe('hello');
    log.length = 0;
    await third.hooks.execute('afterMessageReceive', message);
    expect(log).toContain('early:heard');
    await third.disablePlugin('early');
    expect(third.services.has('greeting')).toBe(false);
    log.length = 0;
    await third.hooks.execute('afterMessageReceive', message);
    expect(log).not.toContain('early:heard');
    await third.stop();
  });

  it('reloads on a real file change through the watcher', async () => {
    await hooks.execute('afterMessageReceive', message);
    const results: ReloadResult[] = [];
    const done = new Promise<void>((resolve) => {
      const watcher = new PluginWatcher(plugins, {
        debounceMs: 20,
        onReload: (result) => {
          results.push(result);
          watcher.close();
          resolve();
        },
      });
      watcher.start();
      expect(watcher.watched()).toEqual(['counter', 'dependent']);
      fixture.write(dir, { manifest: manifest('counter', { version: '1.0.1', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v3') } });
    });
    await done;
    expect(results).toEqual([{ ok: true, plugin: 'counter', version: '1.0.1', previousVersion: '1.0.0' }]);
    await hooks.execute('afterMessageReceive', message);
    expect(log.filter((l) => l.startsWith('v'))).toEqual(['v1:1', 'v3:2']);
  });
});
