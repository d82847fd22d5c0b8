import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { manifest, PluginFixture } from '../../plugins/support/plugin-fixture';

// Whether a process can exit is only observable from outside it: run a real Node process.
describe('sandbox workers and process exit', () => {
  it('an idle sandboxed plugin does not keep the process alive, but a call in flight is awaited', async () => {
    const fixture = new PluginFixture();
    try {
      fixture.folder('idle', {
        manifest: manifest('idle', { sandbox: true }),
        files: { 'index.js': 'module.exports = { onEnable() { return new Promise((resolve) => setTimeout(resolve, 200)); } };' },
      });
      const script = `
        const { PluginManager, PluginSandbox } = require('./src/plugins');
        const plugins = new PluginManager({ nodeModules: [], directories: [${JSON.stringify(fixture.pluginsDir)}], sandbox: new PluginSandbox() });
        plugins.start().then(() => console.log(plugins.registry.get('idle').status));`;
      const output = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: join(__dirname, '../../..'), timeout: 60_000 }, (error, stdout, stderr) =>
          error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)),
        );
      });
      // "enabled": the 200 ms onEnable was awaited (the worker was ref'd during the call); and the
      // process then exited on its own without stop() (the idle worker was unref'd).
      expect(output.trim()).toBe('enabled');
    } finally {
      fixture.remove();
    }
    // The child compiles OvenJS with ts-node first: near 30 s on a loaded 2-core machine.
  }, 90_000);
});
