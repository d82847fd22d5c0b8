import { Routes } from 'discord-api-types/v10';

/** One call of the request mix. */
export interface Call {
  method: 'GET' | 'POST';
  route: `/${string}`;
  body?: unknown;
}

/** What the fake created for a run. */
export interface World {
  restUrl: string;
  token: string;
  channels: string[];
  guilds: string[];
}

/**
 * The REST benches' mix (bench/rest, bench/proxy, bench/telemetry): per channel 60% message posts,
 * 20% channel reads, the rest guild reads. Every bot process of bench/proxy sends this same list, so
 * they all hit the same buckets, as shards of one bot do.
 */
export function requestMix(world: Pick<World, 'channels' | 'guilds'>, count: number): Call[] {
  return Array.from({ length: count }, (_, index) => {
    const channel = world.channels[index % world.channels.length]!;
    const kind = Math.floor(index / world.channels.length) % 10;
    if (kind < 6) return { method: 'POST', route: Routes.channelMessages(channel), body: { content: `bench ${index}` } };
    if (kind < 8) return { method: 'GET', route: Routes.channel(channel) };
    return { method: 'GET', route: Routes.guild(world.guilds[index % world.guilds.length]!) };
  });
}

/** Per-bucket quotas of the limits-on runs (bench/rest's), under Discord's real 50/s global limit. */
export const TIGHT_ROUTES = {
  'POST /channels/{channel_id}/messages': { limit: 10, windowMs: 1000 },
  'GET /channels/{channel_id}': { limit: 5, windowMs: 500 },
  'GET /guilds/{guild_id}': { limit: 5, windowMs: 500 },
} as const;
export const GLOBAL_LIMIT = { limit: 50, windowMs: 1000 } as const;

/**
 * The least time the whole burst can take: the slowest of the global limit and each bucket, if
 * every window were used from its first instant ((ceil(n / limit) - 1) windows).
 */
export function theoreticalMinimumMs(calls: readonly Call[]): number {
  const windows = (n: number, rule: { limit: number; windowMs: number }): number => (Math.ceil(n / rule.limit) - 1) * rule.windowMs;
  const perBucket = new Map<string, { n: number; rule: { limit: number; windowMs: number } }>();
  for (const call of calls) {
    const rule =
      call.method === 'POST'
        ? TIGHT_ROUTES['POST /channels/{channel_id}/messages']
        : call.route.startsWith('/guilds')
          ? TIGHT_ROUTES['GET /guilds/{guild_id}']
          : TIGHT_ROUTES['GET /channels/{channel_id}'];
    const entry = perBucket.get(call.method + call.route) ?? { n: 0, rule };
    entry.n += 1;
    perBucket.set(call.method + call.route, entry);
  }
  return Math.max(windows(calls.length, GLOBAL_LIMIT), ...[...perBucket.values()].map((bucket) => windows(bucket.n, bucket.rule)));
}
