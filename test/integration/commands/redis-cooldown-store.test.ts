import { randomUUID } from 'node:crypto';
import { ApplicationCommandType, InteractionType } from 'discord-api-types/v10';
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { Command, CommandRouter, Cooldown, RedisCooldownStore, UseGuards } from '../../../src/commands';
import type { InteractionRest } from '../../../src/commands';
import type { Redis } from 'ioredis';
import { redisProcesses } from '../../support/redis-processes';

const prefix = `oven:test:cooldown:${randomUUID()}:`;
// Two clients stand for two bot processes sharing one Redis.
const { processA, processB } = redisProcesses(prefix);

describe('RedisCooldownStore', () => {
  it('shares the count between processes and refuses past the limit', async () => {
    const a = new RedisCooldownStore(processA, { prefix });
    const b = new RedisCooldownStore(processB, { prefix });
    expect(await a.consume('vote:user:1', 2, 60_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await b.consume('vote:user:1', 2, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await a.consume('vote:user:1', 2, 60_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await b.consume('vote:user:2', 2, 60_000)).toMatchObject({ allowed: true });
  });

  it('does not extend the window while refusing', async () => {
    const store = new RedisCooldownStore(processA, { prefix });
    await store.consume('k', 1, 60_000);
    await processA.pexpire(`${prefix}k`, 5_000);
    const refused = await store.consume('k', 1, 60_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(5_000);
    expect(await processA.get(`${prefix}k`)).toBe('1');
  });

  it('opens a new window once the old one expires', async () => {
    const store = new RedisCooldownStore(processA, { prefix });
    await store.consume('expiring', 1, 60_000);
    await processA.del(`${prefix}expiring`);
    expect(await store.consume('expiring', 1, 60_000)).toMatchObject({ allowed: true });
  });

  it('holds a Cooldown guard across two routers (two processes)', async () => {
    class Daily {
      @UseGuards(Cooldown({ per: 'user', limit: 1, windowMs: 60_000 }))
      @Command({ name: 'daily', description: 'Once a minute' })
      daily() {
        return 'claimed';
      }
    }
    const replies: string[] = [];
    const rest: InteractionRest = {
      createResponse: async (_id, _token, body) => {
        replies.push((body as { data: { content: string } }).data.content);
      },
      editMessage: async () => ({}) as never,
      deleteMessage: async () => undefined,
      createFollowup: async () => ({}) as never,
    };
    const make = (redis: Redis) => new CommandRouter({ rest, applicationId: '1', cooldownStore: new RedisCooldownStore(redis, { prefix }) }).register([Daily]);
    const interaction = (id: string) =>
      ({
        id,
        application_id: '1',
        type: InteractionType.ApplicationCommand,
        token: `t${id}`,
        version: 1,
        user: { id: '400000000000000004', username: 'alice', discriminator: '0', global_name: null, avatar: null },
        data: { id: '2', name: 'daily', type: ApplicationCommandType.ChatInput },
      }) as unknown as APIChatInputApplicationCommandInteraction;
    await make(processA).handle(interaction('1'));
    await make(processB).handle(interaction('2'));
    expect(replies[0]).toBe('claimed');
    expect(replies[1]).toMatch(/^Slow down!/);
  });
});
