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
    // A plugin whose main imports a helper: editing only the helper must take effect on reload too.
    const split = fixture.folder('esm-split', {
      manifest: manifest('esm-split', { main: 'index.mjs', hooks: ['beforeMessageSend'] }),
      files: {
        'index.mjs': `import { tag } from './lib/tag.mjs'; export default { onEnable(ctx) { ctx.hooks.register('beforeMessageSend', (m) => ({ ...m, body: { content: m.body.content + ' ' + tag } })); } };`,
        'lib/tag.mjs': `export const tag = 'lib-v1';`,
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
        writeFileSync(${JSON.stringify(join(split, 'lib', 'tag.mjs'))}, "export const tag = 'lib-v2';");
        const reload = await plugins.reload('esm');
        const splitReload = await plugins.reload('esm-split');
        const second = await hooks.execute('beforeMessageSend', { channelId: '1', body: { content: 'hi' } });
        console.log(JSON.stringify({ status: plugins.registry.get('esm').status, first: first.body.content, reload: reload.ok, second: second.body.content, splitReload: splitReload.ok }));
        await plugins.stop();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = JSON.parse((await runNode(script)).trim()) as Record<string, unknown>;
    expect(out).toEqual({ status: 'enabled', first: 'v1 hi lib-v1', reload: true, second: 'v2 hi lib-v2', splitReload: true });
    // The child compiles OvenJS with ts-node first: near 30 s on a loaded 2-core machine.
  }, 90_000);
});
