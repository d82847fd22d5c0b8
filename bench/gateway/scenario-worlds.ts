import type { APIGuild, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import type { FakeDiscord } from '../../src/testing';
import { seededRandom } from '../../test/support/seeded-random';
import { messagePayload } from './payloads';
import { zipfSampler } from './zipf';

/** What the bench feeds one shard: its guild and the message payloads it cycles through. */
export interface ShardFeed {
  readonly guildId: string;
  /** Fed in order, round after round; each copy gets a fresh message id. */
  readonly variants: readonly GatewayMessageCreateDispatchData[];
}

/** The `spread` scenario's shape, per shard guild. */
export const SPREAD = {
  channels: 500,
  members: 2000,
  /** The Zipf exponent for both channel and author. */
  zipfS: 1,
  /**
   * Distinct payloads per shard, built up front so feeding costs the fake no more than one payload
   * would. The tail shows in them but not all of it: about 450 channels and 970 authors appear
   * (spreadStats reports it in the results).
   */
  variants: 4096,
  /** Shard k draws from seededRandom(seed + k), so every run feeds the same sequence. */
  seed: 20_261_125,
} as const;

/**
 * Creates guilds until each of `shards` shards owns one, and returns one guild per shard: a
 * guild's shard is (id >> 22) % shards, so which shard a new guild lands on is up to the clock.
 */
async function guildPerShard(discord: FakeDiscord, shards: number): Promise<APIGuild[]> {
  const guilds: Array<APIGuild | undefined> = new Array(shards);
  let filled = 0;
  while (filled < shards) {
    const guild = discord.createGuild({ name: `Bench ${filled}` });
    const shard = discord.shardOf(guild.id, shards);
    if (guilds[shard] === undefined) {
      guilds[shard] = guild;
      filled++;
    }
    // Snowflakes of one millisecond share a shard: let the clock move.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return guilds as APIGuild[];
}

/**
 * One guild per shard, made before any client connects, holding both scenarios so one set of
 * clients serves both (their GUILD_CREATE is the same whichever scenarios run):
 * - `hot`: every message in the guild's general channel, from one member, "baker";
 * - `spread`: SPREAD.channels more text channels and SPREAD.members more members; each variant's
 *   channel and author are drawn independently from a Zipf distribution over them.
 */
export async function benchWorld(discord: FakeDiscord, shards: number): Promise<{ hot: ShardFeed[]; spread: ShardFeed[] }> {
  const baker = discord.createUser({ username: 'baker' });
  const guilds = await guildPerShard(discord, shards);
  const hot: ShardFeed[] = [];
  const spread: ShardFeed[] = [];
  guilds.forEach((guild, shard) => {
    discord.addMember(guild.id, baker.id);
    hot.push({ guildId: guild.id, variants: [messagePayload(guild.id, guild.system_channel_id as string, baker)] });
    const channelIds = Array.from({ length: SPREAD.channels }, (_, c) => discord.createChannel(guild.id, { name: `channel-${c}` }).id);
    const authors = Array.from({ length: SPREAD.members }, (_, m) => {
      const globalName = `Member ${m}`;
      const user = discord.createUser({ username: `member_${shard}_${m}`, globalName });
      discord.addMember(guild.id, user.id);
      return { id: user.id, username: user.username, globalName };
    });
    const random = seededRandom(SPREAD.seed + shard);
    const channelRank = zipfSampler(channelIds.length, SPREAD.zipfS, random);
    const authorRank = zipfSampler(authors.length, SPREAD.zipfS, random);
    const variants = Array.from({ length: SPREAD.variants }, () =>
      messagePayload(guild.id, channelIds[channelRank()] as string, authors[authorRank()] as { id: string; username: string; globalName: string }),
    );
    spread.push({ guildId: guild.id, variants });
  });
  return { hot, spread };
}

/**
 * How a scenario's variants spread, for reading the results: distinct channels and authors, and
 * the busiest channel's and author's share of all messages.
 */
export function spreadStats(feeds: readonly ShardFeed[]): { distinctChannels: number; distinctAuthors: number; busiestChannelShare: number; busiestAuthorShare: number } {
  const share = (counts: Map<string, number>, total: number): number => Math.max(...counts.values()) / total;
  let distinctChannels = 0;
  let distinctAuthors = 0;
  let busiestChannelShare = 0;
  let busiestAuthorShare = 0;
  for (const feed of feeds) {
    const channels = new Map<string, number>();
    const authors = new Map<string, number>();
    for (const variant of feed.variants) {
      channels.set(variant.channel_id, (channels.get(variant.channel_id) ?? 0) + 1);
      authors.set(variant.author.id, (authors.get(variant.author.id) ?? 0) + 1);
    }
    distinctChannels += channels.size;
    distinctAuthors += authors.size;
    busiestChannelShare += share(channels, feed.variants.length);
    busiestAuthorShare += share(authors, feed.variants.length);
  }
  // Averages over shards: each shard has its own guild and its own draw.
  const round3 = (value: number): number => Math.round((value / feeds.length) * 1000) / 1000;
  return { distinctChannels: round3(distinctChannels), distinctAuthors: round3(distinctAuthors), busiestChannelShare: round3(busiestChannelShare), busiestAuthorShare: round3(busiestAuthorShare) };
}
