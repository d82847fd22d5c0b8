import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookManager, type SandboxViolationPayload } from '../../../src/hooks';
import { PluginManager, PluginSandbox, ServiceRegistry } from '../../../src/plugins';
import { disposeInstance } from '../../../src/plugins/dispose-instance';
import { manifest, PluginFixture } from '../support/plugin-fixture';

type Call = { method: string; route: string; body: unknown };

describe('PluginSandbox', () => {
  let fixture: PluginFixture;
  let hooks: HookManager;
  let calls: Call[];
  let violations: SandboxViolationPayload[];
  let plugins: PluginManager | undefined;

  const rest = {
    request: async (method: string, route: string, options: { body?: unknown }) => {
      calls.push({ method, route, body: options.body });
      return { id: String(calls.length), content: (options.body as { content?: string } | undefined)?.content };
    },
  };

  beforeEach(() => {
    fixture = new PluginFixture();
    hooks = new HookManager();
    calls = [];
    violations = [];
    hooks.register('sandboxViolation', (v) => void violations.push(v));
  });
  afterEach(async () => {
    await plugins?.stop();
    plugins = undefined;
    fixture.remove();
  });

  async function start(name: string, extra: Record<string, unknown>, code: string, sandbox = {}) {
    fixture.folder(name, { manifest: manifest(name, { sandbox: true, ...extra }), files: { 'index.js': code } });
    plugins = new PluginManager({
      hooks,
      services: new ServiceRegistry(),
      nodeModules: [],
      directories: [fixture.pluginsDir],
      sandbox: new PluginSandbox({ rest, ...sandbox }),
    });
    await plugins.start();
    return plugins;
  }

  it('runs a plugin in a worker: hooks across the boundary, permitted calls, no environment', async () => {
    const manager = await start(
      'shouty',
      { hooks: ['beforeMessageSend', 'afterMessageReceive'], permissions: ['messages:send'] },
      `module.exports = {
        async onEnable(ctx) {
          await ctx.hooks.register('beforeMessageSend', (p) => ({ ...p, body: { ...p.body, content: p.body.content.toUpperCase() + ' (env keys: ' + Object.keys(process.env).length + ')' } }));
          await ctx.hooks.register('afterMessageReceive', async (p) => { await ctx.messages.send(p.message.channel_id, { content: 'echo ' + p.message.content }); });
        },
      };`,
    );
    expect(manager.registry.get('shouty')).toMatchObject({ status: 'enabled', sandboxed: true });
    const out = await hooks.execute('beforeMessageSend', { channelId: '5', body: { content: 'hello' } });
    expect(out.body.content).toBe('HELLO (env keys: 0)');
    await hooks.execute('afterMessageReceive', { message: { channel_id: '7', content: 'ping' } as never });
    expect(calls).toEqual([{ method: 'POST', route: '/channels/7/messages', body: { content: 'echo ping' } }]);
    expect(violations).toEqual([]);
  });

  it('denies a call the manifest has no permission for, and keeps the plugin running', async () => {
    const manager = await start(
      'sneaky',
      { hooks: ['afterMessageReceive'] },
      `module.exports = {
        async onEnable(ctx) {
          await ctx.hooks.register('afterMessageReceive', async (p) => {
            try { await ctx.messages.send(p.message.channel_id, { content: 'spam' }); }
            catch (e) { throw new Error(e.code + ': ' + e.message); }
          });
        },
      };`,
    );
    const failures: string[] = [];
    hooks.onHandlerError((e) => failures.push(e.message));
    await hooks.execute('afterMessageReceive', { message: { channel_id: '7', content: 'x' } as never });
    expect(calls).toEqual([]);
    expect(violations).toEqual([
      {
        plugin: 'sneaky',
        kind: 'permission',
        detail: 'Plugin "sneaky" called messages.send without permission: add "messages:send" to "permissions" in plugin.json.',
      },
    ]);
    expect(failures.join()).toContain('OVEN_ERR_PLUGIN_PERMISSION_DENIED: Plugin "sneaky" called messages.send without permission');
    expect(manager.registry.get('sneaky')?.status).toBe('enabled');
  });

  it('lets rest:read read but not write, and refuses the network without "net"', async () => {
    await start(
      'reader',
      { permissions: ['rest:read'] },
      `module.exports = {
        async onEnable(ctx) {
          const out = [];
          out.push(await ctx.rest.request('GET', '/users/@me').then(() => 'GET ok'));
          for (const attempt of [() => ctx.rest.request('DELETE', '/channels/1'), () => ctx.net.fetch('http://127.0.0.1:9/')]) {
            try { await attempt(); out.push('allowed'); } catch (e) { out.push(e.code); }
          }
          if (out.join() !== 'GET ok,OVEN_ERR_PLUGIN_PERMISSION_DENIED,OVEN_ERR_PLUGIN_PERMISSION_DENIED') throw new Error(out.join());
        },
      };`,
    );
    expect(plugins?.registry.get('reader')?.status).toBe('enabled');
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(['GET /users/@me']);
    expect(violations.map((v) => v.detail)).toEqual([
      'Plugin "reader" called rest.request without permission: add "rest:write" to "permissions" in plugin.json.',
      'Plugin "reader" called net.fetch without permission: add "net" to "permissions" in plugin.json.',
    ]);
  });

  it('refuses the global fetch without "net", so the bridge cannot be bypassed', async () => {
    let hits = 0;
    const server = createServer((_request, response) => {
      hits += 1;
      response.end('secret accepted');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      await start(
        'leaky',
        {},
        `module.exports = {
          async onEnable() {
            let outcome;
            try { await fetch('http://127.0.0.1:${port}/?token=stolen'); outcome = 'fetched'; } catch (e) { outcome = e.code; }
            if (outcome !== 'OVEN_ERR_PLUGIN_PERMISSION_DENIED') throw new Error(String(outcome));
          },
        };`,
      );
      expect(plugins?.registry.get('leaky')?.status).toBe('enabled');
      expect(hits).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends messages only to a channel id: "messages:send" cannot reach another route', async () => {
    await start(
      'router',
      { permissions: ['messages:send'] },
      `module.exports = {
        async onEnable(ctx) {
          const out = [];
          for (const channel of ['1/invites?', '1/../../guilds/2/bans/3', '7']) {
            try { await ctx.messages.send(channel, { content: 'hi' }); out.push('sent'); } catch (e) { out.push(e.code); }
          }
          if (out.join() !== 'OVEN_ERR_PLUGIN_PERMISSION_DENIED,OVEN_ERR_PLUGIN_PERMISSION_DENIED,sent') throw new Error(out.join());
        },
      };`,
    );
    expect(plugins?.registry.get('router')?.status).toBe('enabled');
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(['POST /channels/7/messages']);
    expect(violations.map((v) => v.detail)).toEqual([
      'Plugin "router" called messages.send with channel id "1/invites?", which is not a snowflake.',
      'Plugin "router" called messages.send with channel id "1/../../guilds/2/bans/3", which is not a snowflake.',
    ]);
  });

  it('enforces the per-minute API budget', async () => {
    await start(
      'chatty',
      { hooks: ['afterClientReady'], permissions: ['rest:*'] },
      `module.exports = {
        async onEnable(ctx) {
          const results = [];
          for (let i = 0; i < 3; i++) {
            try { await ctx.rest.request('GET', '/users/@me'); results.push('ok'); } catch (e) { results.push(e.code); }
          }
          if (results.join() !== 'ok,ok,OVEN_ERR_PLUGIN_BUDGET_EXCEEDED') throw new Error(results.join());
        },
      };`,
      { apiCallsPerMinute: 2 },
    );
    expect(calls).toHaveLength(2);
    expect(violations.map((v) => v.kind)).toEqual(['budget']);
    expect(plugins?.registry.get('chatty')?.status).toBe('enabled');
  });

  it('terminates a plugin that runs away with the CPU, and disables its dependents', async () => {
    fixture.folder('after', { manifest: manifest('after', { dependencies: { spinner: '*' } }), files: { 'index.js': 'module.exports = { onLoad() {} };' } });
    const manager = await start('spinner', {}, 'module.exports = { onEnable() { for (;;) {} } };', { cpuTimeLimitMs: 200 });
    const spinner = manager.registry.get('spinner');
    expect(spinner?.status).toBe('failed');
    expect(spinner?.reason).toMatch(/^Sandboxed plugin "spinner" was terminated: its event loop was busy for \d+ ms without a break \(limit 200 ms\)\.$/);
    expect(violations.map((v) => [v.plugin, v.kind])).toEqual([['spinner', 'cpu']]);
    expect(manager.registry.get('after')?.status).toBe('disabled');
  });

  it('terminates a plugin that stops answering, so a failed plugin does not keep acting', async () => {
    const manager = await start(
      'stuck',
      { permissions: ['messages:send'] },
      `module.exports = {
        onEnable(ctx) {
          setInterval(() => ctx.messages.send('1', { content: 'still here' }).catch(() => undefined), 20);
          return new Promise(() => undefined);
        },
      };`,
      { callTimeoutMs: 200 },
    );
    expect(manager.registry.get('stuck')).toMatchObject({
      status: 'failed',
      reason: 'Sandboxed plugin "stuck" was terminated: it did not answer onEnable within 200 ms.',
    });
    expect(violations.map((v) => [v.kind, v.detail])).toEqual([['crash', 'it did not answer onEnable within 200 ms']]);
    const sent = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(calls.length).toBe(sent);
  });

  it('terminates the worker of a plugin that failed, so its timers stop calling the bridge', async () => {
    const manager = await start(
      'broken',
      { permissions: ['messages:send'] },
      `module.exports = {
        onEnable(ctx) {
          setInterval(() => ctx.messages.send('1', { content: 'still here' }).catch(() => undefined), 20);
          throw new Error('half set up');
        },
      };`,
    );
    expect(manager.registry.get('broken')).toMatchObject({ status: 'failed', reason: 'Plugin "broken" threw in onEnable: half set up' });
    const sent = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(calls.length).toBe(sent);
  });

  it('refuses bridge calls while a sandboxed plugin is disabled, and takes them again once it is enabled', async () => {
    const manager = await start(
      'ticker',
      { permissions: ['messages:send'] },
      `module.exports = {
        onLoad(ctx) { setInterval(() => ctx.messages.send('1', { content: 'tick' }).catch(() => undefined), 15); },
      };`,
    );
    const tick = () => new Promise((resolve) => setTimeout(resolve, 100));
    // Polled rather than timed: a loaded machine may starve the worker for a while.
    const more = async (than: number) => {
      for (let waited = 0; calls.length <= than && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return calls.length;
    };
    expect(await more(0)).toBeGreaterThan(0);
    await manager.disablePlugin('ticker');
    const sent = calls.length;
    await tick();
    expect(calls.length).toBe(sent);
    expect(await manager.enablePlugin('ticker')).toBe(true);
    expect(await more(sent)).toBeGreaterThan(sent);
  });

  it('terminates a plugin whose main never finishes loading, without holding up the others', async () => {
    fixture.folder('fine', { manifest: manifest('fine'), files: { 'index.js': 'module.exports = { onLoad() {} };' } });
    const manager = await start('frozen', {}, 'for (;;) {}\nmodule.exports = {};', { cpuTimeLimitMs: 300, callTimeoutMs: 1000 });
    expect(manager.registry.get('frozen')?.status).toBe('failed');
    expect(manager.registry.get('frozen')?.reason).toMatch(/^Sandboxed plugin "frozen" (was terminated|stopped while loading): .*busy for \d+ ms without a break/);
    expect(manager.registry.get('fine')?.status).toBe('enabled');
  }, 15_000);

  it('terminates a plugin that exceeds its memory limit', async () => {
    const manager = await start(
      'hog',
      {},
      'module.exports = { onEnable() { const keep = []; for (;;) keep.push(new Array(100000).fill({ x: Math.random() })); } };',
      { memoryLimitMb: 16, cpuTimeLimitMs: 60_000 },
    );
    expect(manager.registry.get('hog')).toMatchObject({
      status: 'failed',
      reason: 'Sandboxed plugin "hog" was terminated: it exceeded its memory limit of 16 MB.',
    });
    expect(violations.map((v) => v.kind)).toEqual(['memory']);
  });

  it('refuses to load a sandboxed plugin whose source the audit flags', async () => {
    const manager = await start(
      'shell',
      {},
      `const cp = require('child_process');\n// require('vm') in a comment is fine\nmodule.exports = { onLoad() { eval('1'); require('fs'); } };`,
    );
    expect(manager.registry.get('shell')).toMatchObject({
      status: 'failed',
      reason:
        'Sandboxed plugin "shell" was not loaded: index.js:1 imports "child_process", which no permission allows; ' +
        'index.js:3 imports "fs" without the "fs:read" permission; index.js:3 uses eval to run code from a string. ' +
        'Remove these uses or request the permission.',
    });
  });

  it('hot reloads a sandboxed plugin into a fresh worker, carrying its state across both boundaries', async () => {
    const code = (version: string) => `module.exports = {
      onLoad(ctx, state) { this.count = state ? state.count : 0; },
      async onEnable(ctx) { await ctx.hooks.register('beforeMessageSend', (m) => { this.count += 1; return { ...m, body: { content: '${version}:' + this.count } }; }); },
      onUnload() { return { count: this.count }; },
    };`;
    const manager = await start('counted', { hooks: ['beforeMessageSend'] }, code('v1'));
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v1:1');
    fixture.write(`${fixture.pluginsDir}/counted`, { files: { 'index.js': code('v2') } });
    expect(await manager.reload('counted')).toMatchObject({ ok: true });
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v2:2');
    expect(hooks.listHooks().find((h) => h.name === 'beforeMessageSend')?.handlers).toHaveLength(1);
  });

  it('refuses the raw fs module even with "fs:read": it reaches the whole disk (the bot\'s .env, /proc/self/environ)', async () => {
    fixture.write(fixture.root, { files: { '.env': 'DISCORD_TOKEN=token-that-must-not-leak' } });
    await start(
      'snoop',
      { permissions: ['fs:read', 'messages:send'] },
      `module.exports = {
        async onEnable(ctx) {
          let outcome;
          try { outcome = require('fs').readFileSync(require('path').join(__dirname, '../../.env'), 'utf8'); }
          catch (e) { outcome = e.code; }
          await ctx.messages.send('1', { content: outcome });
        },
      };`,
    );
    expect(calls.map((c) => (c.body as { content: string }).content)).toEqual(['OVEN_ERR_PLUGIN_PERMISSION_DENIED']);
  });

  it('refuses to signal processes: process.kill from a worker reaches the bot itself', async () => {
    await start(
      'killer',
      { permissions: ['messages:send'] },
      `module.exports = {
        async onEnable(ctx) {
          const out = [];
          // Signal 0 only checks that the process exists: harmless if the guard is missing.
          for (const attempt of [() => process.kill(process.pid, 0), () => process._kill(process.pid, 0)]) {
            try { attempt(); out.push('signalled'); } catch (e) { out.push(e.code); }
          }
          await ctx.messages.send('1', { content: out.join() });
        },
      };`,
    );
    expect(calls.map((c) => (c.body as { content: string }).content)).toEqual([
      'OVEN_ERR_PLUGIN_PERMISSION_DENIED,OVEN_ERR_PLUGIN_PERMISSION_DENIED',
    ]);
  });

  it('keeps the old sandboxed version running, with its state, when the new one throws in onLoad', async () => {
    const code = (version: string, extra = '') => `module.exports = {
      onLoad(ctx, state) { ${extra} this.count = state ? state.count : 0; },
      async onEnable(ctx) { await ctx.hooks.register('beforeMessageSend', (m) => { this.count += 1; return { ...m, body: { content: '${version}:' + this.count } }; }); },
      onUnload() { return { count: this.count }; },
    };`;
    const manager = await start('steady', { hooks: ['beforeMessageSend'] }, code('v1'), { callTimeoutMs: 1000 });
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v1:1');
    fixture.write(`${fixture.pluginsDir}/steady`, { files: { 'index.js': code('v2', "throw new Error('bad migration');") } });
    const result = await manager.reload('steady');
    expect(result.ok).toBe(false);
    expect(manager.registry.get('steady')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v1:2');
  });

  it('keeps the old sandboxed version running when the new one is killed for memory while it loads', async () => {
    const code = (version: string, extra = '') => `module.exports = {
      onLoad(ctx, state) { ${extra} this.count = state ? state.count : 0; },
      async onEnable(ctx) { await ctx.hooks.register('beforeMessageSend', (m) => { this.count += 1; return { ...m, body: { content: '${version}:' + this.count } }; }); },
      onUnload() { return { count: this.count }; },
    };`;
    const manager = await start('hungry', { hooks: ['beforeMessageSend'] }, code('v1'), { memoryLimitMb: 16, cpuTimeLimitMs: 60_000 });
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v1:1');
    fixture.write(`${fixture.pluginsDir}/hungry`, { files: { 'index.js': code('v2', 'const keep = []; for (;;) keep.push(new Array(100000).fill({ x: Math.random() }));') } });
    const result = await manager.reload('hungry');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('exceeded its memory limit of 16 MB');
    expect(violations.map((v) => v.kind)).toEqual(['memory']);
    expect(manager.registry.get('hungry')).toMatchObject({ status: 'enabled', version: '1.0.0' });
    expect((await hooks.execute('beforeMessageSend', { channelId: '1', body: {} })).body.content).toBe('v1:2');
  });

  it('gates modules at run time and confines file reads to the plugin folder', async () => {
    fixture.folder('reader', {
      manifest: manifest('reader', { sandbox: true, permissions: ['fs:read'] }),
      files: {
        'data.txt': 'inside',
        'index.js': `module.exports = {
          async onLoad(ctx) {
            const out = [await ctx.fs.readFile('data.txt')];
            try { await ctx.fs.readFile('../../../../etc/hostname'); } catch (e) { out.push(e.code); }
            try { module.require('child' + '_process'); } catch (e) { out.push(e.code); }
            return out;
          },
        };`,
      },
    });
    const sandbox = new PluginSandbox();
    const reports: string[] = [];
    const plugin = await sandbox.launch({
      name: 'reader',
      version: '1.0.0',
      root: `${fixture.pluginsDir}/reader`,
      mainFile: `${fixture.pluginsDir}/reader/index.js`,
      permissions: ['fs:read'],
      report: (v) => void reports.push(v.kind),
    });
    const context = { hooks: { register: () => undefined } } as never;
    expect(await plugin.onLoad?.(context)).toEqual(['inside', 'OVEN_ERR_PLUGIN_PERMISSION_DENIED', 'OVEN_ERR_PLUGIN_PERMISSION_DENIED']);
    expect(reports).toEqual(['permission']);
    await plugin.onUnload?.(context);
    await disposeInstance(plugin);
  });
});
