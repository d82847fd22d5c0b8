import { Routes } from 'discord-api-types/v10';
import { RestClient } from '../../../src/rest';
import { json, startLocalServer, type LocalServer } from '../support/local-server';

const ids = (from: number, count: number): string[] => Array.from({ length: count }, (_, index) => String(100000000000000000n + BigInt(from + index)));

describe('auto-pagination', () => {
  let server: LocalServer;
  let rest: RestClient;
  /** 250 messages, ids ascending with age; Discord answers newest first. */
  const messageIds = ids(0, 250);

  beforeEach(async () => {
    server = await startLocalServer((request, response) => {
      const limit = Number(request.query.get('limit') ?? 50);
      const before = request.query.get('before');
      const after = request.query.get('after');
      if (request.path.endsWith('/messages')) {
        let pool = messageIds;
        if (before !== null) pool = pool.filter((id) => BigInt(id) < BigInt(before));
        const page = after !== null ? pool.filter((id) => BigInt(id) > BigInt(after)).slice(0, limit) : pool.slice(-limit);
        return json(response, 200, [...page].reverse().map((id) => ({ id })));
      }
      if (request.path.endsWith('/members')) {
        const members = ids(1000, 2500).filter((id) => after === null || BigInt(id) > BigInt(after)).slice(0, limit);
        return json(response, 200, members.map((id) => ({ user: { id } })));
      }
      if (request.path.endsWith('/bans')) {
        const bans = ids(5000, 3).filter((id) => after === null || BigInt(id) > BigInt(after)).slice(0, limit);
        return json(response, 200, bans.map((id) => ({ user: { id }, reason: null })));
      }
      if (request.path === '/users/@me/guilds') {
        const guilds = ids(9000, 450).filter((id) => after === null || BigInt(id) > BigInt(after)).slice(0, limit);
        return json(response, 200, guilds.map((id) => ({ id, name: `g${id}` })));
      }
      const users = ids(7000, 120).filter((id) => after === null || BigInt(id) > BigInt(after)).slice(0, limit);
      return json(response, 200, users.map((id) => ({ id })));
    });
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('walks messages newest first, lazily, stopping at the limit', async () => {
    const seen: string[] = [];
    for await (const message of rest.channels.iterateMessages('111111111111111111', { limit: 150 })) {
      seen.push(message.id);
      if (seen.length === 1) expect(server.received).toHaveLength(1);
    }
    expect(seen).toEqual([...messageIds].reverse().slice(0, 150));
    expect(server.received.map((request) => request.query.toString())).toEqual(['limit=100', `limit=50&before=${messageIds[150]}`]);
  });

  it('walks messages oldest first after an id until Discord runs out', async () => {
    const seen: string[] = [];
    for await (const message of rest.channels.iterateMessages('111111111111111111', { after: '0', pageSize: 100 })) seen.push(message.id);
    expect(seen).toEqual(messageIds);
    expect(server.received).toHaveLength(3);
  });

  it('fetches nothing more when the consumer breaks early', async () => {
    for await (const member of rest.guilds.iterateMembers('222222222222222222')) {
      expect(member.user.id).toBe(ids(1000, 1)[0]);
      break;
    }
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.query.get('limit')).toBe('1000');
  });

  it('walks members, bans, guilds and reactions with after cursors', async () => {
    const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
      const items: T[] = [];
      for await (const item of iterator) items.push(item);
      return items;
    };
    expect((await collect(rest.guilds.iterateMembers('222222222222222222'))).map((member) => member.user.id)).toEqual(ids(1000, 2500));
    expect(await collect(rest.guilds.iterateBans('222222222222222222'))).toHaveLength(3);
    expect((await collect(rest.users.iterateGuilds({ limit: 300 }))).map((guild) => guild.id)).toEqual(ids(9000, 300));
    expect((await collect(rest.channels.iterateReactions('111111111111111111', '333333333333333333', '👍'))).map((user) => user.id)).toEqual(ids(7000, 120));
    const reactionRequest = server.received.find((request) => request.path.includes('/reactions/'));
    expect(reactionRequest?.path).toBe(`${Routes.channelMessageReaction('111111111111111111', '333333333333333333', '👍')}`);
  });

  it('rejects a page size above the route maximum', async () => {
    const iterator = rest.channels.iterateMessages('111111111111111111', { pageSize: 101 });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION', message: expect.stringMatching(/from 1 to 100/) });
  });
});
