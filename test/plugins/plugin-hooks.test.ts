import { HookManager } from '../../src/hooks';
import { PluginManager, ServiceRegistry } from '../../src/plugins';
import { loggingPlugin, manifest, PluginFixture } from './support/plugin-fixture';

// Proves the plugin category's hook points fire from the PluginManager itself.
describe('plugin hook points', () => {
  let fixture: PluginFixture;
  afterEach(() => fixture.remove());

  it('fires discovered, beforeLoad, afterLoad, enabled, failed and disabled', async () => {
    fixture = new PluginFixture();
    const services = new ServiceRegistry();
    services.provide('log', []);
    fixture.folder('good', { manifest: manifest('good'), files: { 'index.js': loggingPlugin('good') } });
    fixture.folder('bad', { manifest: manifest('bad'), files: { 'index.js': 'module.exports = { onEnable() { throw new Error("x"); } };' } });
    const hooks = new HookManager();
    const fired: string[] = [];
    for (const hook of ['pluginDiscovered', 'beforePluginLoad', 'afterPluginLoad', 'pluginEnabled', 'pluginFailed', 'pluginDisabled'] as const) {
      hooks.register(hook, (payload: { name: string }) => void fired.push(`${hook}:${payload.name}`));
    }
    const plugins = new PluginManager({ hooks, services, nodeModules: [], directories: [fixture.pluginsDir] });
    await plugins.start();
    await plugins.stop();
    expect(fired).toEqual([
      'pluginDiscovered:bad',
      'pluginDiscovered:good',
      'beforePluginLoad:bad',
      'afterPluginLoad:bad',
      'beforePluginLoad:good',
      'afterPluginLoad:good',
      'pluginFailed:bad',
      'pluginEnabled:good',
      'pluginDisabled:good',
    ]);
  });
});
