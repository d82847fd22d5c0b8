import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { manifest, PluginFixture } from '../../plugins/support/plugin-fixture';

// jest runs test code as CommonJS in a vm context where a real `import()` is unavailable, so an
// ES module plugin is loaded the way a bot loads it: in a plain Node process running OvenJS.
const ROOT = join(__dirname, '../../..');

function runNode(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)),
    );
  });
}

describe('ES module plugins', () => {
  let fixture: PluginFixture;
  afterEach(() => fixture.remove());

  it('are imported with import() in a real Node process, and reloaded with fresh code', async () => {
    fixture = new PluginFixture();
    const dir = fixture.folder('esm', {
      manifest: manifest('esm', { main: 'index.mjs', hooks: ['beforeMessageSend'] }),
      files: {
        'index.mjs': `export default class { onEnable(ctx) { ctx.hooks.register('beforeMessageSend', (m) => ({ ...m, body: { content: 'v1 ' + m.body.content } })); } }`,
      },
    });
    const script = `
      const { writeFileSync } = require('node:fs');
      const { HookManager } = require('./src/hooks');
      const { PluginManager } = require('./src/plugins');
      (async () => {
        const hooks = new HookManager();
        const plugins = new PluginManager({ hooks, nodeModules: [], directories: [${JSON.stringify(fixture.pluginsDir)}] });
        await plugins.start();
        const first = await hooks.execute('beforeMessageSend', { channelId: '1', body: { content: 'hi' } });
        writeFileSync(${JSON.stringify(join(dir, 'index.mjs'))}, "export default { onEnable(ctx) { ctx.hooks.register('beforeMessageSend', (m) => ({ ...m, body: { content: 'v2 ' + m.body.content } })); } }");
        const reload = await plugins.reload('esm');
        const second = await hooks.execute('beforeMessageSend', { channelId: '1', body: { content: 'hi' } });
        console.log(JSON.stringify({ status: plugins.registry.get('esm').status, first: first.body.content, reload: reload.ok, second: second.body.content }));
        await plugins.stop();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = JSON.parse((await runNode(script)).trim()) as Record<string, unknown>;
    expect(out).toEqual({ status: 'enabled', first: 'v1 hi', reload: true, second: 'v2 hi' });
    // The child compiles OvenJS with ts-node first: near 30 s on a loaded 2-core machine.
  }, 90_000);
});
