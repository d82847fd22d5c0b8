import { randomUUID } from 'node:crypto';
import { Routes, type APIChannel, type APIGuild, type APIMessage } from 'discord-api-types/v10';
import { Redis } from 'ioredis';
import { RedisLimiterStore, RequestFailedError, RestClient, type RestResponseEvent } from '../../../src/rest';
import { FakeDiscord, type FakeDiscordOptions } from '../../../src/testing';

const DEPTH = 4;
const MESSAGES = 'POST /channels/{channel_id}/messages';

/** Tracks requests in flight per bucket from the client's own events (sent, not yet answered). */
function trackInFlight(rest: RestClient): { max: Map<string, number> } {
  const now = new Map<string, number>();
  const max = new Map<string, number>();
  rest.on('request', (event) => {
    const count = (now.get(event.bucket) ?? 0) + 1;
    now.set(event.bucket, count);
    max.set(event.bucket, Math.max(max.get(event.bucket) ?? 0, count));
  });
  rest.on('response', (event: RestResponseEvent) => now.set(event.bucket, (now.get(event.bucket) ?? 1) - 1));
  return { max };
}

/** How many later calls were processed before call k, for each k: 0 everywhere means exact call order. */
function overtakes(processed: readonly number[]): number {
  let worst = 0;
  processed.forEach((n, position) => {
    worst = Math.max(worst, processed.slice(0, position).filter((earlier) => earlier > n).length);
  });
  return worst;
}

const contentIndex = (message: APIMessage, prefix: string): number => Number(message.content.slice(prefix.length));

async function world(options: FakeDiscordOptions): Promise<{ discord: FakeDiscord; guilds: APIGuild[]; channels: APIChannel[] }> {
  const discord = await FakeDiscord.start({ port: 0, ...options });
  const guilds = [discord.createGuild({ name: 'one', withGeneralChannel: false }), discord.createGuild({ name: 'two', withGeneralChannel: false })];
  const channels = Array.from({ length: 5 }, (_, index) => discord.createChannel(guilds[index % 2]!.id, { name: `c${index}` }));
  return { discord, guilds, channels };
}

/** The integration test's mix: per channel 60% message posts, 20% channel reads; the rest guild reads. */
function mix(rest: RestClient, channels: APIChannel[], guilds: APIGuild[], count: number, prefix: string): Array<Promise<unknown>> {
  const calls: Array<Promise<unknown>> = [];
  for (let index = 0; index < count; index += 1) {
    const channel = channels[index % 5]!;
    const kind = Math.floor(index / 5) % 10;
    if (kind < 6) calls.push(rest.channels.createMessage(channel.id, { content: `${prefix}${index}` }));
    else if (kind < 8) calls.push(rest.channels.get(channel.id));
    else calls.push(rest.guilds.get(guilds[index % 2]!.id));
  }
  return calls;
}

describe('RestClient pipelining against the fake Discord', () => {
  it('limits off: keeps call order per channel over hundreds of requests with up to 4 in flight per bucket', async () => {
    const { discord, guilds, channels } = await world({ rateLimits: false });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, globalRequestsPerSecond: 100_000, pipelining: DEPTH });
    try {
      const { max } = trackInFlight(rest);
      await Promise.all(mix(rest, channels, guilds, 1000, 'p'));
      for (const channel of channels) {
        const order = discord.messages(channel.id).map((message) => contentIndex(message, 'p'));
        expect(order).toHaveLength(120);
        expect(order).toEqual([...order].sort((a, b) => a - b));
        const arrivals = discord
          .requests(MESSAGES)
          .filter((request) => request.params.channel_id === channel.id)
          .map((request) => Number((request.body as { content: string }).content.slice(1)));
        expect(arrivals).toEqual(order);
      }
      // Pipelining really happened, and never deeper than asked.
      const depths = [...max.values()];
      expect(Math.max(...depths)).toBe(DEPTH);
    } finally {
      await rest.close();
      await discord.close();
    }
  });

  it('limits on: zero 429s after the first answer of each bucket, in order per bucket, never more in flight than the quota allows', async () => {
    const { discord, guilds, channels } = await world({
      rateLimits: {
        global: { limit: 1000, windowMs: 1000 },
        routes: {
          [MESSAGES]: { limit: 10, windowMs: 300 },
          'GET /channels/{channel_id}': { limit: 5, windowMs: 250 },
          'GET /guilds/{guild_id}': { limit: 5, windowMs: 250 },
        },
      },
    });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, globalRequestsPerSecond: 1000, pipelining: DEPTH });
    try {
      const { max } = trackInFlight(rest);
      let hits = 0;
      rest.on('rateLimited', (event) => {
        if (event.hit) hits += 1;
      });
      await Promise.all(mix(rest, channels, guilds, 500, 'q'));
      const served = discord.requests();
      expect(served).toHaveLength(500);
      expect(served.filter((request) => request.status === 429)).toHaveLength(0);
      expect(hits).toBe(0);
      for (const channel of channels) {
        const order = discord.messages(channel.id).map((message) => contentIndex(message, 'q'));
        expect(order).toHaveLength(60);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      expect(Math.max(...max.values())).toBeGreaterThan(1);
      expect(Math.max(...max.values())).toBeLessThanOrEqual(DEPTH);
    } finally {
      await rest.close();
      await discord.close();
    }
  });

  it('limits on with the Redis limiter store: zero 429s and call order per channel', async () => {
    const { discord, guilds, channels } = await world({
      rateLimits: {
        global: false,
        routes: {
          [MESSAGES]: { limit: 10, windowMs: 300 },
          'GET /channels/{channel_id}': { limit: 5, windowMs: 250 },
          'GET /guilds/{guild_id}': { limit: 5, windowMs: 250 },
        },
      },
    });
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    const prefix = `oven-test:${randomUUID()}:`;
    const rest = new RestClient({
      token: discord.token,
      baseURL: discord.restUrl,
      globalRequestsPerSecond: 1000,
      pipelining: DEPTH,
      store: new RedisLimiterStore({ redis, prefix }),
    });
    try {
      const { max } = trackInFlight(rest);
      await Promise.all(mix(rest, channels, guilds, 250, 'r'));
      const served = discord.requests();
      expect(served).toHaveLength(250);
      expect(served.filter((request) => request.status === 429)).toHaveLength(0);
      for (const channel of channels) {
        const order = discord.messages(channel.id).map((message) => contentIndex(message, 'r'));
        expect(order).toHaveLength(30);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      expect(Math.max(...max.values())).toBeGreaterThan(1);
    } finally {
      await rest.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await discord.close();
    }
  });

  describe('faults mid-pipeline (40 posts to one channel, depth 4)', () => {
    let discord: FakeDiscord;
    let channel: APIChannel;
    let rest: RestClient;

    beforeEach(async () => {
      const started = await world({ rateLimits: false });
      discord = started.discord;
      channel = started.channels[0]!;
      rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, pipelining: DEPTH, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
    });

    afterEach(async () => {
      await rest.close();
      await discord.close();
    });

    /** Sends 40 posts and calls `inject` once the 8th answer is in, so the fault lands with a full pipeline. */
    async function run(inject: () => void): Promise<Array<{ ok: true } | { ok: false; error: unknown }>> {
      let answers = 0;
      rest.on('response', () => {
        answers += 1;
        if (answers === 8) inject();
      });
      return Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          rest.channels.createMessage(channel.id, { content: `f${index}` }).then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        ),
      );
    }

    it('a 429 storm: every request answered exactly once; a retried request is overtaken by at most the 3 already in flight behind it', async () => {
      let hits = 0;
      rest.on('rateLimited', (event) => {
        if (event.hit) hits += 1;
      });
      const outcomes = await run(() => discord.restFaults.rateLimitStorm({ route: MESSAGES, times: 10, retryAfterMs: 20 }));
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(hits).toBe(10);
      const order = discord.messages(channel.id).map((message) => contentIndex(message, 'f'));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      expect(overtakes(order)).toBeLessThanOrEqual(DEPTH - 1);
    });

    it('a 5xx on one POST: that one rejects (a POST is not resent after a 5xx), the other 39 are created once each, in call order', async () => {
      const outcomes = await run(() => discord.restFaults.serverError({ route: MESSAGES, status: 502 }));
      const failed = outcomes.filter((outcome) => !outcome.ok);
      expect(failed).toHaveLength(1);
      expect((failed[0] as { error: unknown }).error).toMatchObject({ status: 502 });
      const order = discord.messages(channel.id).map((message) => contentIndex(message, 'f'));
      expect(order).toHaveLength(39);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });

    it('5xx on reads: retried, every read answered once, a retry overtaken by at most the 3 in flight behind it', async () => {
      let answers = 0;
      rest.on('response', () => {
        answers += 1;
        if (answers === 8) discord.restFaults.serverError({ route: 'GET /channels/{channel_id}/messages', status: 503, times: 3 });
      });
      const retries: number[] = [];
      rest.on('retry', (event) => retries.push(event.attempt));
      const pages = await Promise.all(
        Array.from({ length: 40 }, (_, index) => rest.get<APIMessage[]>(Routes.channelMessages(channel.id), { query: { limit: 1, around: String(index) } })),
      );
      expect(pages).toHaveLength(40);
      expect(retries).toHaveLength(3);
      const served = discord.requests('GET /channels/{channel_id}/messages').filter((request) => request.status === 200);
      const order = served.map((request) => Number(request.query.around));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      expect(overtakes(order)).toBeLessThanOrEqual(DEPTH - 1);
    });

    it('a connection reset: every request settles once, nothing is created twice, and what was created is in call order', async () => {
      const outcomes = await run(() => discord.restFaults.resetConnection({ route: MESSAGES }));
      const failed = outcomes.filter((outcome) => !outcome.ok);
      // The reset request and the ones pipelined behind it on the broken connection were sent: a
      // POST is not resent then (it may have been processed), so each rejects as a network failure.
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed.length).toBeLessThanOrEqual(DEPTH);
      for (const outcome of failed) expect((outcome as { error: unknown }).error).toMatchObject({ reason: 'network' });
      expect(failed.every((outcome) => (outcome as { error: unknown }).error instanceof RequestFailedError)).toBe(true);
      const order = discord.messages(channel.id).map((message) => contentIndex(message, 'f'));
      expect(new Set(order).size).toBe(order.length);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // Every request that resolved was created; a rejected one may have been processed before the
      // connection broke (its answer was lost), which is why it is not resent.
      const resolved = outcomes.flatMap((outcome, index) => (outcome.ok ? [index] : []));
      expect(resolved.every((index) => order.includes(index))).toBe(true);
      expect(order.length).toBeLessThanOrEqual(40);
    });
  });
});
