import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { EventPipeline, ShardManager } from '../../../src/gateway';
import { bridgeEventHooks, bridgeRestHooks, HookManager } from '../../../src/hooks';
import { PluginManager, PluginWatcher, type ReloadResult, ServiceRegistry } from '../../../src/plugins';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';
import { manifest, PluginFixture } from '../../plugins/support/plugin-fixture';

// A plugin that counts messages and answers each one with its version and the running count.
const counter = (version: string): string => `
module.exports = class Counter {
  onLoad(ctx, state) { this.count = state ? state.count : 0; }
  onEnable(ctx) {
    const rest = ctx.services.get('rest');
    ctx.hooks.register('afterMessageReceive', async ({ message }) => {
      if (message.author.bot) return;
      this.count += 1;
      await rest.post('/channels/' + message.channel_id + '/messages', { body: { content: '${version} count=' + this.count } });
    });
  }
  onUnload() { return { count: this.count }; }
};`;

describe('hot reload while the bot is connected to the fake Discord', () => {
  it('swaps the plugin, keeps its state, and never drops or re-identifies the shard', async () => {
    const discord = await FakeDiscord.start({ port: 0 });
    const fixture = new PluginFixture();
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    const gateway = new ShardManager({
      token: discord.token,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
      fetchGatewayInfo: () => rest.get<APIGatewayBotInfo>('/gateway/bot'),
      shardOptions: { random: () => 0 },
    });
    const pipeline = new EventPipeline({ batch: false });
    gateway.on('dispatch', (payload, shardId) => pipeline.push(payload, shardId));
    const hooks = new HookManager();
    const detach = [bridgeRestHooks(rest, hooks), bridgeEventHooks(pipeline, hooks)];
    const services = new ServiceRegistry();
    services.provide('rest', rest);
    const dir = fixture.folder('counter', { manifest: manifest('counter', { hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v1') } });
    const plugins = new PluginManager({ hooks, services, nodeModules: [], directories: [fixture.pluginsDir] });
    let onReload: (result: ReloadResult) => void = () => undefined;
    const watcher = new PluginWatcher(plugins, { debounceMs: 20, onReload: (result) => onReload(result) });
    try {
      const guild = discord.createGuild({ name: 'g' });
      const channel = discord.createChannel(guild.id, { name: 'chat' });
      const user = discord.createUser({ username: 'dave' });
      discord.addMember(guild.id, user.id);
      await gateway.connect();
      await plugins.start();
      const [session] = discord.gateway.sessions();

      discord.postMessage(channel.id, user.id, { content: 'one' });
      await discord.waitForMessage((m) => m.content === 'v1 count=1');
      discord.postMessage(channel.id, user.id, { content: 'two' });
      await discord.waitForMessage((m) => m.content === 'v1 count=2');

      const reloaded = new Promise<ReloadResult>((resolve) => {
        onReload = resolve;
      });
      watcher.start();
      fixture.write(dir, { manifest: manifest('counter', { version: '1.1.0', hooks: ['afterMessageReceive'] }), files: { 'index.js': counter('v2') } });
      expect(await reloaded).toEqual({ ok: true, plugin: 'counter', version: '1.1.0', previousVersion: '1.0.0' });

      discord.postMessage(channel.id, user.id, { content: 'three' });
      await discord.waitForMessage((m) => m.content === 'v2 count=3');

      // The same session on the same socket: no reconnect, no resume, no second identify.
      const sessions = discord.gateway.sessions();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ sessionId: session?.sessionId, connectionId: session?.connectionId, resumes: 0 });
      expect(discord.gateway.connections().filter((c) => c.open)).toHaveLength(1);
      expect(gateway.status().map((s) => s.status)).toEqual(['ready']);
    } finally {
      watcher.close();
      await plugins.stop();
      for (const d of detach) d();
      await gateway.destroy();
      pipeline.close();
      await rest.close();
      await discord.close();
      fixture.remove();
    }
  });
});
