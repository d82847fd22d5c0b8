import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents, GatewayIntentBits, type APIGatewayBotInfo } from 'discord-api-types/v10';
import { ShardManager, type ShardManagerOptions } from '../../../src/gateway';
import { FakeGateway, type FakeGatewayOptions } from '../../../src/testing/fake-discord/gateway';
import { World, type WorldOptions } from '../../../src/testing/fake-discord/world/world';

/**
 * The fake gateway on an http server bound to port 0, with the fake world behind it. (Until the
 * FakeDiscord umbrella lands, this serves the gateway half without REST: `fetchGatewayInfo`
 * answers what `GET /gateway/bot` would.)
 */
export class FakeGatewayFixture {
  private readonly managers: ShardManager[] = [];

  private constructor(
    public readonly world: World,
    public readonly gateway: FakeGateway,
    private readonly server: Server,
    public readonly url: string,
  ) {}

  public static async start(options: { world?: WorldOptions; gateway?: FakeGatewayOptions; guilds?: number } = {}): Promise<FakeGatewayFixture> {
    const world = new World(options.world);
    for (let i = 0; i < (options.guilds ?? 2); i++) world.createGuild({ name: `guild ${i}` });
    const server = createServer((_request, response) => response.writeHead(404).end());
    const gateway = new FakeGateway(world, { heartbeatIntervalMs: 200, identifyIntervalMs: 0, ...options.gateway }).attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeGatewayFixture(world, gateway, server, `ws://127.0.0.1:${port}`);
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
    await this.gateway.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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
