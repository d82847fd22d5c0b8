import { GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayGuildMembersChunkDispatchData } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TestWorld, guildIdForKey } from './test-world';

const GUILD = guildIdForKey(0);
const MEMBERS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers;

describe('FakeGateway op 8 Request Guild Members', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    const world = new TestWorld([]);
    world.addGuild(GUILD, 2500);
    world.allowedPrivilegedIntents = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences;
    harness = await GatewayHarness.start(world, { requestAllMembersIntervalMs: 60_000 });
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('lists every member in chunks of 1000 with the nonce, then rate limits a second full listing', async () => {
    const client = await harness.ready({ intents: MEMBERS });
    client.send({ op: 8, d: { guild_id: GUILD, query: '', limit: 0, nonce: 'abc' } });
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_MEMBERS_CHUNK', 3);
    const chunks = client.dispatches('GUILD_MEMBERS_CHUNK').map((p) => p.d as GatewayGuildMembersChunkDispatchData);
    expect(chunks.map((c) => [c.chunk_index, c.chunk_count, c.members.length, c.nonce])).toEqual([
      [0, 3, 1000, 'abc'],
      [1, 3, 1000, 'abc'],
      [2, 3, 500, 'abc'],
    ]);
    client.send({ op: 8, d: { guild_id: GUILD, query: '', limit: 0, nonce: 'again' } });
    const limited = await client.waitFor((p) => p.op === 0 && p.t === 'RATE_LIMITED');
    expect(limited.d).toMatchObject({ opcode: 8, meta: { guild_id: GUILD, nonce: 'again' } });
    expect((limited.d as { retry_after: number }).retry_after).toBeGreaterThan(0);
  });

  it('answers a username query with a limit, and user_ids with not_found and presences', async () => {
    const client = await harness.ready({ intents: MEMBERS | GatewayIntentBits.GuildPresences });
    client.send({ op: 8, d: { guild_id: GUILD, query: 'USER1', limit: 5 } });
    client.send({ op: 8, d: { guild_id: GUILD, user_ids: [`${GUILD}1`, '999'], limit: 0, presences: true } });
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_MEMBERS_CHUNK', 2);
    const [byQuery, byIds] = client.dispatches('GUILD_MEMBERS_CHUNK').map((p) => p.d as GatewayGuildMembersChunkDispatchData);
    expect(byQuery?.members.map((m) => m.user.username)).toEqual(['user1', 'user10', 'user11', 'user12', 'user13']);
    expect(byIds?.members.map((m) => m.user.id)).toEqual([`${GUILD}1`]);
    expect(byIds?.not_found).toEqual(['999']);
    expect(byIds?.presences?.map((p) => p.user.id)).toEqual([`${GUILD}1`]);
  });

  it('returns at most 100 members for a username prefix, limit 0 included; query "" with a limit lists that many', async () => {
    const client = await harness.ready({ intents: MEMBERS });
    client.send({ op: 8, d: { guild_id: GUILD, query: 'user', limit: 0 } });
    client.send({ op: 8, d: { guild_id: GUILD, query: '', limit: 7 } });
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_MEMBERS_CHUNK', 2);
    const chunks = client.dispatches('GUILD_MEMBERS_CHUNK').map((p) => p.d as GatewayGuildMembersChunkDispatchData);
    expect(chunks.map((c) => c.members.length)).toEqual([100, 7]);
  });

  it('ignores an invalid nonce, and sends no presences to a session without GUILD_PRESENCES, as Discord does', async () => {
    const client = await harness.ready({ intents: MEMBERS });
    client.send({ op: 8, d: { guild_id: GUILD, query: 'user1', limit: 1, nonce: 'n'.repeat(33), presences: true } });
    client.send({ op: 8, d: { guild_id: GUILD, query: 'user2', limit: 1, nonce: 42 } });
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_MEMBERS_CHUNK', 2);
    const chunks = client.dispatches('GUILD_MEMBERS_CHUNK').map((p) => p.d as GatewayGuildMembersChunkDispatchData);
    expect(chunks.map((c) => [c.members[0]?.user.username, 'nonce' in c, 'presences' in c])).toEqual([
      ['user1', false, false],
      ['user2', false, false],
    ]);
  });

  it.each([
    ['listing all members without GUILD_MEMBERS', GatewayIntentBits.Guilds, { guild_id: GUILD, query: '', limit: 0 }],
    ['listing some members without GUILD_MEMBERS', GatewayIntentBits.Guilds, { guild_id: GUILD, query: '', limit: 5 }],
    ['neither query nor user_ids', MEMBERS, { guild_id: GUILD, limit: 1 }],
  ])('closes with 4001 on %s', async (_name, intents, d) => {
    const client = await harness.ready({ intents });
    client.send({ op: 8, d });
    const closed = await client.closed;
    expect(closed.code).toBe(4001);
    expect(closed.reason).toMatch(/Invalid request guild members/);
  });
});
