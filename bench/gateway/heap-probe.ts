import 'reflect-metadata';
import { GatewayDispatchEvents, GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Client as DiscordJsClient } from 'discord.js';
import { EntityStore } from '../../src/client';
import { JsonDecoder } from '../../src/json';
import { BENCH_BOT_ID, guildCreateJson } from './payloads';

// Runs in its own process (node --expose-gc) so each framework's heap is measured alone.
interface ProbeInput {
  readonly framework: 'ovenjs' | 'ovenjs-no-member-lists' | 'discordjs';
  readonly guilds: number;
  readonly members: number;
  readonly channels: number;
  readonly roles: number;
}

/**
 * Live JS heap plus ArrayBuffer memory after a full GC. The compact member store keeps its columns
 * in typed arrays whose backing stores V8 allocates outside the heap: `heapUsed` alone would not
 * see them, so both frameworks are charged for both.
 */
function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('heap-probe needs node --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The bot is member 0 of every guild (see payloads.ts); READY tells the store who it is. */
const READY = {
  v: 10,
  user: { id: BENCH_BOT_ID, username: 'user_0_0', discriminator: '0', global_name: null, avatar: null, bot: true },
  guilds: [],
  session_id: 'bench',
  resume_gateway_url: 'ws://127.0.0.1',
  application: { id: BENCH_BOT_ID, flags: 0 },
};

async function probe(input: ProbeInput): Promise<{ heapBytes: number; cached: number }> {
  if (input.framework !== 'discordjs') {
    // 'ovenjs' is the default cache, which caches GUILD_CREATE member lists like discord.js does;
    // the lean mode keeps only the members a bot meets.
    const store = input.framework === 'ovenjs' ? new EntityStore() : new EntityStore({ memberLists: false });
    store.apply({ op: 0, s: 1, t: GatewayDispatchEvents.Ready, d: READY } as unknown as GatewayDispatchPayload);
    // Decoded as a shard decodes a frame, so the strings the cache keeps are the decoder's.
    const decoder = new JsonDecoder({ tagKey: 't', rejectInvalidUtf8: true });
    const before = heapUsed();
    for (let g = 0; g < input.guilds; g++) {
      const frame = Buffer.from(`{"t":"GUILD_CREATE","s":${g + 2},"op":0,"d":${guildCreateJson(g, input.members, input.channels, input.roles)}}`);
      store.apply(decoder.decode(frame) as GatewayDispatchPayload);
    }
    const heapBytes = heapUsed() - before;
    return { heapBytes, cached: store.stats().members };
  }
  const client = new DiscordJsClient({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] });
  const shard = { id: 0 };
  const before = heapUsed();
  // The same packet handler discord.js runs for a GUILD_CREATE from its socket.
  const ws = client.ws as unknown as { handlePacket(packet: unknown, shard: unknown): boolean };
  for (let g = 0; g < input.guilds; g++) {
    const d = JSON.parse(guildCreateJson(g, input.members, input.channels, input.roles)) as unknown;
    ws.handlePacket({ op: 0, s: g + 2, t: 'GUILD_CREATE', d }, shard);
  }
  const heapBytes = heapUsed() - before;
  let cached = 0;
  for (const guild of client.guilds.cache.values()) cached += guild.members.cache.size;
  await client.destroy();
  return { heapBytes, cached };
}

process.once('message', (input: ProbeInput) => {
  probe(input).then(
    (result) => process.send?.({ ok: true, ...result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error instanceof Error ? error.stack : error) }, () => process.exit(1)),
  );
});
