import { join } from 'node:path';
import { HookManager } from '../../src/hooks';
import { PluginManager, ServiceRegistry } from '../../src/plugins';

// The sample bot's plugin, loaded from sample/plugins exactly as the bot loads it.
describe('sample plugin message-stats', () => {
  it('counts received messages, signs outgoing ones, and keeps its counts across a reload', async () => {
    const hooks = new HookManager();
    const services = new ServiceRegistry();
    const plugins = new PluginManager({ hooks, services, nodeModules: [], directories: [join(__dirname, '../../sample/plugins')] });
    await plugins.start();
    expect(plugins.registry.get('message-stats')).toMatchObject({ status: 'enabled', warnings: [] });
    const message = (author: { bot?: boolean }) => ({ message: { channel_id: '10', content: 'hi', author } as never });
    await hooks.execute('afterMessageReceive', message({}));
    await hooks.execute('afterMessageReceive', message({}));
    await hooks.execute('afterMessageReceive', message({ bot: true }));
    const stats = services.get<{ count(id: string): number; total(): number }>('message-stats');
    expect(stats.count('10')).toBe(2);
    const out = await hooks.execute('beforeMessageSend', { channelId: '10', body: { content: 'Pong' } });
    expect(out.body.content).toBe('Pong\n-# 2 messages seen here');
    expect(await plugins.reload('message-stats')).toMatchObject({ ok: true });
    expect(services.get<{ total(): number }>('message-stats').total()).toBe(2);
    await plugins.stop();
  });
});
