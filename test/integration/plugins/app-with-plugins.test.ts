import { join } from 'node:path';
import { GatewayIntentBits, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client, OnEvent, OvenModule } from '../../../src/client';
import { Inject, Injectable, Module, OvenFactory } from '../../../src/di';
import { HookManager, HooksModule } from '../../../src/hooks';
import { PluginManager, PluginsModule, ServiceRegistry } from '../../../src/plugins';
import { FakeDiscord } from '../../../src/testing';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

@Injectable()
class Stats {
  public constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(ServiceRegistry) private readonly services: ServiceRegistry,
  ) {}

  @OnEvent('messageCreate')
  public async onMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
    if (message.content !== '!stats') return;
    const stats = this.services.get<{ count(channelId: string): number }>('message-stats');
    await this.client.rest.channels.createMessage(message.channel_id, { content: `seen ${stats.count(message.channel_id)}` });
  }
}

describe('a DI app with OvenModule, HooksModule and PluginsModule against the fake Discord', () => {
  it('runs the sample plugin on real gateway messages and REST sends, all through hooks', async () => {
    const discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'bakery' });
    const channel = discord.createChannel(guild.id, { name: 'orders' });
    const user = discord.createUser({ username: 'gus' });
    discord.addMember(guild.id, user.id);

    @Module({
      imports: [
        OvenModule.forRoot({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } }),
        HooksModule.forRoot(),
        PluginsModule.forRoot({ directories: [join(__dirname, '../../../sample/plugins')], nodeModules: [], hotReload: false }),
      ],
      providers: [Stats],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    try {
      const ready: string[] = [];
      app.get(HookManager).register('afterClientReady', ({ guildCount }) => void ready.push(`guilds=${guildCount}`));
      await app.listen();
      expect(ready).toEqual(['guilds=1']);
      expect(app.get(PluginManager).registry.get('message-stats')?.status).toBe('enabled');

      discord.postMessage(channel.id, user.id, { content: 'two croissants please' });
      discord.postMessage(channel.id, user.id, { content: '!stats' });
      // The plugin counted both messages (afterMessageReceive from the gateway) and signed the
      // reply (beforeMessageSend through the REST bridge).
      const reply = await discord.waitForMessage((m) => m.content.startsWith('seen'));
      expect(reply.content).toBe('seen 2\n-# 2 messages seen here');
    } finally {
      await app.close();
      await discord.close();
    }
  });
});
