import { GatewayOpcodes, Routes, type APIGatewayBotInfo } from 'discord-api-types/v10';
import { GatewayCloseError } from '../../../src/gateway';
import { RestClient } from '../../../src/rest';
import { FakeGatewayFixture, TRANSPORTS, until } from './fake-gateway-fixture';

async function settle(): Promise<void> {
  // A retry would be scheduled with a 0 ms timer; give it a few loop turns to show up.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Identifies the fake received from shard `shardId`, one per connection that sent one. */
function identifiesOf(fixture: FakeGatewayFixture, shardId: number): number {
  return fixture.gateway
    .connections()
    .filter((connection) =>
      connection.received.some((payload) => {
        const { op, d } = payload as { op: number; d?: { shard?: [number, number] } };
        return op === GatewayOpcodes.Identify && d?.shard?.[0] === shardId;
      }),
    ).length;
}

describe.each(TRANSPORTS)('ShardManager against the fake gateway: session start limit exceeded (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('the token reset ends in a 4004 GatewayCloseError naming the reset, with no retry loop', async () => {
    fixture = await FakeGatewayFixture.start({ transport, guilds: 3, world: { sessionStartLimit: { total: 2 } } });
    const oldToken = fixture.world.botToken;
    // Two processes of one bot read GET /gateway/bot before either identified: each sees 2 starts left.
    const info = fixture.gatewayInfo();
    expect(info.session_start_limit.remaining).toBe(2);
    // The other process asks Discord (REST, its old token) again once its own count is spent.
    const rest = new RestClient({ token: oldToken, baseURL: fixture.discord.restUrl });
    let otherFetches = 0;
    const other = fixture.manager({
      totalShards: 3,
      shards: [0, 1],
      fetchGatewayInfo: async () => (otherFetches++ === 0 ? info : rest.get<APIGatewayBotInfo>(Routes.gatewayBot())),
    });
    const invalidated: Array<{ shardId: number; resumable: boolean }> = [];
    const otherErrors: unknown[] = [];
    other.on('shardInvalidSession', (event) => invalidated.push(event));
    other.on('error', (error) => otherErrors.push(error));
    await other.connect();

    const manager = fixture.manager({ totalShards: 3, shards: [2], fetchGatewayInfo: async () => info });
    const closes: number[] = [];
    manager.on('shardClose', (event) => closes.push(event.code));
    const error = await manager.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );

    // The third identify broke the budget: every session ended with op 9 and the token changed.
    expect(fixture.gateway.violations().map((violation) => violation.kind)).toEqual(['session-start-limit']);
    expect(fixture.world.isValidToken(oldToken)).toBe(false);
    expect(invalidated.map((event) => event.shardId).sort()).toEqual([0, 1]);
    expect(invalidated.every((event) => !event.resumable)).toBe(true);

    // The shard re-identified once with the old token and stopped on the 4004.
    expect(error).toBeInstanceOf(GatewayCloseError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004, shardId: 2 });
    expect((error as Error).message).toMatch(/token was reset meanwhile/);
    expect((error as Error).message).toMatch(/session start limit/);
    expect(closes).toContain(4004);
    await settle();
    expect(identifiesOf(fixture, 2)).toBe(2);
    expect(manager.shards.size).toBe(0);
    expect(fixture.gateway.sessions({ shard: 2 })).toEqual([]);

    // The other process spent its count too: instead of waiting a day for the reset, it asked
    // GET /gateway/bot, got 401 for the reset token, and stopped both shards with the same error.
    await until(() => otherErrors.length === 2);
    expect(otherErrors).toEqual([
      expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004 }),
      expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004 }),
    ]);
    expect((otherErrors as GatewayCloseError[]).map((failure) => failure.shardId).sort()).toEqual([0, 1]);
    expect((otherErrors[0] as Error).message).toMatch(/rejects the token \(401\)/);
    expect(other.status().map((state) => state.status)).toEqual(['closed', 'closed']);
    // Neither of its shards identified again with the dead token.
    expect(identifiesOf(fixture, 0) + identifiesOf(fixture, 1)).toBe(2);
    await rest.close();
  });

  it('a running shard whose session ends with the reset stops on the 4004 and reports it on error', async () => {
    fixture = await FakeGatewayFixture.start({ transport, guilds: 2, world: { sessionStartLimit: { total: 2 } } });
    const info = fixture.gatewayInfo();
    const manager = fixture.manager({ totalShards: 2, shards: [0], fetchGatewayInfo: async () => info });
    const errors: unknown[] = [];
    manager.on('error', (error) => errors.push(error));
    await manager.connect();
    // Another process, started with the same stale view of the budget, identifies twice (shard 1 and
    // its retry after op 9): the second breaks the limit and resets the token under the running shard.
    const other = fixture.manager({ totalShards: 2, shards: [1], fetchGatewayInfo: async () => info });
    const otherErrors: unknown[] = [];
    other.on('error', (error) => otherErrors.push(error));
    const otherFailure = other.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await fixture.gateway.waitFor('ready', (session) => session.shard[0] === 1);
    fixture.gateway.faults.close({ shard: 1 }, 4009);
    await expect(otherFailure).resolves.toBeUndefined();
    await new Promise<void>((resolve) => other.once('shardInvalidSession', () => resolve()));
    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(errors).toEqual([expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004, shardId: 0 })]);
    expect((errors[0] as Error).message).toMatch(/token was reset meanwhile/);
    await settle();
    expect(manager.status()).toEqual([expect.objectContaining({ id: 0, status: 'closed' })]);
    expect(identifiesOf(fixture, 0)).toBe(2);
    expect(errors).toHaveLength(1);
    // Its stale GET /gateway/bot still promised starts, so it tried once more and met the 4004 too.
    await until(() => otherErrors.length === 1);
    expect(otherErrors).toEqual([expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', shardId: 1 })]);
  });
});
