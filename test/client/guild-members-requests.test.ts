import { GatewayDispatchEvents, GatewayOpcodes, type APIGuildMember, type GatewayDispatchPayload, type GatewayRequestGuildMembersData } from 'discord-api-types/v10';
import { GuildMembersRateLimitedError, GuildMembersRequestError } from '../../src/client';
import { GuildMembersRequests } from '../../src/client/guild-members-requests';

const GUILD = '1180512329211592704';

function member(id: string): APIGuildMember {
  return { user: { id, username: `u${id}`, discriminator: '0', global_name: null, avatar: null }, roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } as unknown as APIGuildMember;
}

function chunk(nonce: string | undefined, index: number, count: number, ids: string[], extra: Record<string, unknown> = {}): GatewayDispatchPayload {
  return {
    op: 0,
    s: 1,
    t: GatewayDispatchEvents.GuildMembersChunk,
    d: { guild_id: GUILD, members: ids.map(member), chunk_index: index, chunk_count: count, ...(nonce === undefined ? {} : { nonce }), ...extra },
  } as GatewayDispatchPayload;
}

function setup(): { requests: GuildMembersRequests; sent: Array<{ op: number; d: GatewayRequestGuildMembersData }>; target: Parameters<GuildMembersRequests['start']>[0] } {
  const sent: Array<{ op: number; d: GatewayRequestGuildMembersData }> = [];
  return { requests: new GuildMembersRequests(), sent, target: { shardId: 3, send: (payload) => sent.push(payload) } };
}

const QUERY: GatewayRequestGuildMembersData = { guild_id: GUILD, query: 'a', limit: 0 };

describe('GuildMembersRequests', () => {
  it('gives each request its own nonce of at most 32 bytes and resolves after the last chunk, in any order, counting a repeat once', async () => {
    const { requests, sent, target } = setup();
    const first = requests.start(target, QUERY, 1000, undefined);
    const second = requests.start(target, QUERY, 1000, undefined);
    const [a, b] = sent.map((payload) => payload.d.nonce as string);
    expect(sent.map((payload) => payload.op)).toEqual([GatewayOpcodes.RequestGuildMembers, GatewayOpcodes.RequestGuildMembers]);
    expect(a).not.toBe(b);
    for (const nonce of [a, b]) expect(Buffer.byteLength(nonce as string)).toBeLessThanOrEqual(32);
    requests.onDispatch(chunk(b, 1, 2, ['21']));
    requests.onDispatch(chunk(b, 1, 2, ['21']));
    requests.onDispatch(chunk(undefined, 0, 1, ['99']));
    requests.onDispatch(chunk('someone-else', 0, 1, ['98']));
    requests.onDispatch(chunk(a, 0, 1, ['11'], { not_found: ['12'], presences: [{ user: { id: '11' }, status: 'online' }] }));
    expect(await first).toEqual({ members: [member('11')], notFound: ['12'], presences: [{ user: { id: '11' }, status: 'online' }] });
    expect(requests.size).toBe(1);
    requests.onDispatch(chunk(b, 0, 2, ['20']));
    expect((await second).members.map((m) => m.user.id)).toEqual(['21', '20']);
    expect(requests.size).toBe(0);
  });

  it('rejects on RATE_LIMITED for its nonce only, with retry_after in ms', async () => {
    const { requests, sent, target } = setup();
    const limited = requests.start(target, QUERY, 1000, undefined).catch((e: unknown) => e);
    const nonce = sent[0]?.d.nonce as string;
    requests.onDispatch({ op: 0, s: 2, t: GatewayDispatchEvents.RateLimited, d: { opcode: GatewayOpcodes.RequestGuildMembers, retry_after: 1.2345, meta: { guild_id: GUILD, nonce: 'other' } } } as GatewayDispatchPayload);
    expect(requests.size).toBe(1);
    requests.onDispatch({ op: 0, s: 3, t: GatewayDispatchEvents.RateLimited, d: { opcode: GatewayOpcodes.RequestGuildMembers, retry_after: 1.2345, meta: { guild_id: GUILD, nonce } } } as GatewayDispatchPayload);
    const error = (await limited) as GuildMembersRateLimitedError;
    expect(error).toBeInstanceOf(GuildMembersRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 1235, shardId: 3, guildId: GUILD });
  });

  it('times out after a silence of timeoutMs, counted again from each chunk', async () => {
    jest.useFakeTimers();
    try {
      const { requests, sent, target } = setup();
      const pending = requests.start(target, QUERY, 100, undefined).catch((e: unknown) => e);
      const nonce = sent[0]?.d.nonce as string;
      jest.advanceTimersByTime(90);
      requests.onDispatch(chunk(nonce, 0, 3, ['1']));
      jest.advanceTimersByTime(90);
      requests.onDispatch(chunk(nonce, 1, 3, ['2']));
      jest.advanceTimersByTime(100);
      expect(await pending).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_TIMEOUT', shardId: 3 });
      expect(requests.size).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects on abort, interrupts by shard, and rejects when sending throws', async () => {
    const { requests, target } = setup();
    const controller = new AbortController();
    const aborted = requests.start(target, QUERY, 1000, controller.signal).catch((e: unknown) => e);
    const otherShard = requests.start({ ...target, shardId: 4 }, QUERY, 1000, undefined).catch((e: unknown) => e);
    const interrupted = requests.start(target, QUERY, 1000, undefined).catch((e: unknown) => e);
    controller.abort();
    expect(await aborted).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_ABORTED' });
    requests.interruptShard(3, 'reconnected');
    expect(await interrupted).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_INTERRUPTED', shardId: 3 });
    expect(requests.size).toBe(1);
    requests.interruptAll('was destroyed');
    expect(await otherShard).toBeInstanceOf(GuildMembersRequestError);
    const refused = new Error('payload too large');
    await expect(requests.start({ shardId: 0, send: () => { throw refused; } }, QUERY, 1000, undefined)).rejects.toBe(refused);
    expect(requests.size).toBe(0);
  });
});
