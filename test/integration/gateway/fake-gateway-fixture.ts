import { GatewayDispatchEvents, GatewayIntentBits, type APIGatewayBotInfo } from 'discord-api-types/v10';
import { ShardManager, type GatewayTransportKind, type ShardManagerOptions } from '../../../src/gateway';
import { FakeDiscord, type FakeDiscordOptions } from '../../../src/testing';

/** Both WebSocket transports: every gateway and client integration test runs on each. */
export const TRANSPORTS: readonly GatewayTransportKind[] = ['lean', 'ws'];

/** A FakeDiscord (port 0) with guilds, and ShardManagers pointed at it that `stop` closes. */
export class FakeGatewayFixture {
  private readonly managers: ShardManager[] = [];

  private constructor(
    public readonly discord: FakeDiscord,
    public readonly transport: GatewayTransportKind,
  ) {}

  public get world(): FakeDiscord['world'] {
    return this.discord.world;
  }

  public get gateway(): FakeDiscord['gateway'] {
    return this.discord.gateway;
  }

  public get url(): string {
    return this.discord.gatewayUrl;
  }

  public static async start(
    options: { world?: Omit<FakeDiscordOptions, 'gateway'>; gateway?: FakeDiscordOptions['gateway']; guilds?: number; transport?: GatewayTransportKind } = {},
  ): Promise<FakeGatewayFixture> {
    const discord = await FakeDiscord.start({
      port: 0,
      ...options.world,
      gateway: { heartbeatIntervalMs: 200, identifyIntervalMs: 0, ...options.gateway },
    });
    for (let i = 0; i < (options.guilds ?? 2); i++) discord.createGuild({ name: `guild ${i}` });
    return new FakeGatewayFixture(discord, options.transport ?? 'lean');
  }

  /** What `GET /gateway/bot` answers. */
  public gatewayInfo(): APIGatewayBotInfo {
    return { url: this.url, shards: this.world.recommendedShards, session_start_limit: this.world.sessionStartLimit.toJSON() };
  }

  /** A manager pointed at this fake (closed by `stop`). */
  public manager(options: Partial<ShardManagerOptions> = {}): ShardManager {
    const manager = new ShardManager({
      token: this.world.botToken,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
      fetchGatewayInfo: async () => this.gatewayInfo(),
      identifyIntervalMs: 0,
      transport: this.transport,
      ...options,
    });
    this.managers.push(manager);
    return manager;
  }

  /** Sends a MESSAGE_CREATE with a `nonce` through the fake gateway to the guild's shard. */
  public message(guildId: string, nonce: number): void {
    const channelId = this.world.requireGuild(guildId).channelIds[0] as string;
    this.gateway.dispatch(
      GatewayDispatchEvents.MessageCreate,
      {
        id: String(1_000_000 + nonce), channel_id: channelId, guild_id: guildId, content: `message ${nonce}`, nonce: String(nonce),
        author: this.world.botUser, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
        mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
      },
      { guildId, intents: GatewayIntentBits.GuildMessages },
    );
  }

  public async stop(): Promise<void> {
    await Promise.all(this.managers.map((manager) => manager.destroy()));
    await this.discord.close();
  }
}

/** Resolves when `predicate` holds; rejects after `limitMs` so a failing test ends and jest can exit. */
export async function until(predicate: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${limitMs} ms: ${predicate.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
