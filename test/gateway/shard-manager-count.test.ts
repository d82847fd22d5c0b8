import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { GatewayOptionError, ShardManager } from '../../src/gateway';

function info(shards: number): APIGatewayBotInfo {
  return { url: 'ws://127.0.0.1:9', shards, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
}

describe('ShardManager shard count before connect()', () => {
  it('reflects a given totalShards from construction, without fetching', async () => {
    const fetchGatewayInfo = jest.fn(async () => info(9));
    const manager = new ShardManager({ token: 't', intents: 0, fetchGatewayInfo, totalShards: 6, shards: [4, 5] });
    expect(manager.totalShards).toBe(6);
    await expect(manager.resolveTotalShards()).resolves.toBe(6);
    expect(fetchGatewayInfo).not.toHaveBeenCalled();
    // shardIdFor routes against that total already: (id >> 22) % 6.
    expect(manager.shardIdFor(String(5n << 22n))).toBe(5);
  });

  it('fetches the recommended count once, shares a concurrent request and keeps the answer', async () => {
    let calls = 0;
    const fetchGatewayInfo = jest.fn(async (): Promise<APIGatewayBotInfo> => info(++calls + 2));
    const manager = new ShardManager({ token: 't', intents: 0, fetchGatewayInfo });
    expect(manager.totalShards).toBe(0);
    const [first, second] = await Promise.all([manager.resolveTotalShards(), manager.resolveTotalShards()]);
    expect([first, second]).toEqual([3, 3]);
    await expect(manager.resolveTotalShards()).resolves.toBe(3);
    expect(fetchGatewayInfo).toHaveBeenCalledTimes(1);
    expect(manager.totalShards).toBe(3);
  });

  it('a count given through configure() wins over the fetched one', async () => {
    const manager = new ShardManager({ token: 't', intents: 0, fetchGatewayInfo: async () => info(2) });
    await manager.resolveTotalShards();
    manager.configure({ totalShards: 5 });
    expect(manager.totalShards).toBe(5);
    manager.configure({ totalShards: undefined });
    expect(manager.totalShards).toBe(2);
  });

  it('does not keep a failed fetch: the next call asks again', async () => {
    let calls = 0;
    const manager = new ShardManager({
      token: 't',
      intents: 0,
      fetchGatewayInfo: async () => {
        calls++;
        if (calls === 1) throw new Error('503 from Discord');
        return info(4);
      },
    });
    await expect(manager.resolveTotalShards()).rejects.toThrow('503 from Discord');
    expect(manager.totalShards).toBe(0);
    await expect(manager.resolveTotalShards()).resolves.toBe(4);
    expect(calls).toBe(2);
  });

  it.each([0, -1, 1.5, undefined, '4'])('rejects an answer whose shards is %p with OVEN_ERR_GATEWAY_INVALID_OPTION', async (shards) => {
    const manager = new ShardManager({ token: 't', intents: 0, fetchGatewayInfo: async () => ({ ...info(1), shards }) as unknown as APIGatewayBotInfo });
    const error = await manager.resolveTotalShards().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(GatewayOptionError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_INVALID_OPTION' });
    expect((error as Error).message).toMatch(/fetchGatewayInfo returned shards/);
    expect(manager.totalShards).toBe(0);
  });
});
