import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import type { ReconnectReason } from '../../../src/gateway';
import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

const nonces = (dispatches: GatewayDispatchPayload[]): number[] =>
  dispatches.filter((payload) => payload.t === 'MESSAGE_CREATE').map((payload) => Number((payload.d as { nonce: string }).nonce));

describe.each(TRANSPORTS)('Shard against the fake gateway: op 7, op 9 and resumable closes (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  async function connected(): Promise<{ dispatches: GatewayDispatchPayload[]; reasons: ReconnectReason[]; manager: ReturnType<FakeGatewayFixture['manager']> }> {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager();
    const dispatches: GatewayDispatchPayload[] = [];
    const reasons: ReconnectReason[] = [];
    manager.on('dispatch', (payload) => dispatches.push(payload));
    manager.on('shardReconnect', (event) => reasons.push(event.reason));
    await manager.connect();
    return { dispatches, reasons, manager };
  }

  it('op 7: reconnects on the resume URL and resumes the same session', async () => {
    const { dispatches, reasons, manager } = await connected();
    const guildId = fixture.world.guildIds()[0] as string;
    const sessionId = manager.shards.get(0)?.sessionInfo?.sessionId;
    let resumed = 0;
    manager.on('shardResume', () => resumed++);
    fixture.message(guildId, 1);
    await until(() => nonces(dispatches).length === 1);
    fixture.gateway.faults.reconnect({});
    await until(() => resumed === 1);
    fixture.message(guildId, 2);
    await until(() => nonces(dispatches).length === 2);
    expect(reasons).toEqual(['reconnect-request']);
    expect(manager.shards.get(0)?.sessionInfo?.sessionId).toBe(sessionId);
    expect(fixture.gateway.sessions()).toHaveLength(1);
    expect(nonces(dispatches)).toEqual([1, 2]);
  });

  it('a shard is no longer ready while its reconnect and close events run', async () => {
    const { manager } = await connected();
    const seen: string[] = [];
    manager.on('shardReconnect', (event) => seen.push(`reconnect:${manager.shards.get(event.shardId)?.status}`));
    manager.on('shardClose', (event) => seen.push(`close:${manager.shards.get(event.shardId)?.status}`));
    let resumed = 0;
    manager.on('shardResume', () => resumed++);
    fixture.gateway.faults.reconnect({});
    await until(() => resumed === 1);
    fixture.gateway.faults.close({}, 4000);
    await until(() => resumed === 2);
    expect(seen).toEqual(['reconnect:reconnecting', 'close:reconnecting', 'reconnect:reconnecting']);
  });

  it('op 9 d:true resumes; op 9 d:false starts a new session with a fresh identify', async () => {
    const { dispatches, reasons, manager } = await connected();
    const firstSession = manager.shards.get(0)?.sessionInfo?.sessionId;
    let resumed = 0;
    manager.on('shardResume', () => resumed++);
    fixture.gateway.faults.invalidateSession({}, true);
    await until(() => resumed === 1);
    expect(manager.shards.get(0)?.sessionInfo?.sessionId).toBe(firstSession);
    let readies = 0;
    manager.on('shardReady', () => readies++);
    fixture.gateway.faults.invalidateSession({}, false);
    await until(() => readies === 1);
    expect(reasons).toEqual(['invalid-session', 'invalid-session']);
    const secondSession = manager.shards.get(0)?.sessionInfo?.sessionId;
    expect(secondSession).toBeDefined();
    expect(secondSession).not.toBe(firstSession);
    expect(dispatches.filter((payload) => payload.t === 'READY')).toHaveLength(2);
    expect(manager.status()[0]?.status).toBe('ready');
  });

  it('a dropped TCP connection (no close frame) and a 4000 close both resume; 4009 re-identifies', async () => {
    const { manager } = await connected();
    const sessionId = manager.shards.get(0)?.sessionInfo?.sessionId;
    let resumed = 0;
    let readies = 0;
    manager.on('shardResume', () => resumed++);
    manager.on('shardReady', () => readies++);
    fixture.gateway.faults.drop({});
    await until(() => resumed === 1);
    fixture.gateway.faults.close({}, 4000);
    await until(() => resumed === 2);
    expect(manager.shards.get(0)?.sessionInfo?.sessionId).toBe(sessionId);
    fixture.gateway.faults.close({}, 4009);
    await until(() => readies === 1);
    expect(manager.shards.get(0)?.sessionInfo?.sessionId).not.toBe(sessionId);
  });
});
