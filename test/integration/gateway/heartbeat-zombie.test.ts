import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import type { ReconnectReason } from '../../../src/gateway';
import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

function nonces(dispatches: GatewayDispatchPayload[]): number[] {
  return dispatches.filter((payload) => payload.t === 'MESSAGE_CREATE').map((payload) => Number((payload.d as { nonce: string }).nonce));
}

describe.each(TRANSPORTS)('Shard against the fake gateway: heartbeats and zombies (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('heartbeats on time: several ACKed beats, no heartbeat timeout, and an immediate beat on op 1', async () => {
    fixture = await FakeGatewayFixture.start({ transport, gateway: { heartbeatIntervalMs: 100 } });
    const violations: string[] = [];
    fixture.gateway.on('violation', (violation) => violations.push(violation.kind));
    const manager = fixture.manager();
    let acks = 0;
    manager.on('shardHeartbeatAck', () => acks++);
    await manager.connect();
    await until(() => acks >= 4);
    expect(manager.shards.get(0)?.latency).toBeGreaterThanOrEqual(0);
    let beats = 0;
    manager.on('shardHeartbeat', () => beats++);
    const before = beats;
    fixture.gateway.faults.requestHeartbeat({});
    await until(() => beats > before);
    expect(violations).toEqual([]);
    expect(manager.status()[0]?.status).toBe('ready');
  });

  it('jitters the first heartbeat: it comes interval x random() after Hello', async () => {
    // A 60 s interval: only the jitter can make a beat show up within this test.
    fixture = await FakeGatewayFixture.start({ transport, gateway: { heartbeatIntervalMs: 60_000 } });
    const beatsWith = async (random: number, waitForBeat: boolean): Promise<number> => {
      const manager = fixture.manager({ shardOptions: { random: () => random } });
      let beats = 0;
      manager.on('shardHeartbeat', () => beats++);
      await manager.connect();
      if (waitForBeat) await until(() => beats > 0);
      await manager.destroy();
      return beats;
    };
    expect(await beatsWith(0, true)).toBe(1);
    // random() = 0.9 puts the first beat 54 s after Hello: none yet once READY is in.
    expect(await beatsWith(0.9, false)).toBe(0);
  });

  it('detects a zombie (no ACK before the next beat), drops it and resumes with no event lost or duplicated', async () => {
    fixture = await FakeGatewayFixture.start({ transport, gateway: { heartbeatIntervalMs: 100 } });
    const guildId = fixture.world.guildIds()[0] as string;
    const manager = fixture.manager();
    const dispatches: GatewayDispatchPayload[] = [];
    const reasons: ReconnectReason[] = [];
    manager.on('dispatch', (payload) => dispatches.push(payload));
    manager.on('shardReconnect', (event) => {
      reasons.push(event.reason);
      // Sent while the shard is between connections: they must come back in the resume replay.
      for (let nonce = 6; nonce <= 10; nonce++) fixture.message(guildId, nonce);
    });
    let resumed = 0;
    manager.on('shardResume', () => resumed++);
    await manager.connect();
    for (let nonce = 1; nonce <= 5; nonce++) fixture.message(guildId, nonce);
    await until(() => nonces(dispatches).length === 5);
    fixture.gateway.faults.stopHeartbeatAcks({});
    await until(() => resumed === 1);
    for (let nonce = 11; nonce <= 15; nonce++) fixture.message(guildId, nonce);
    await until(() => nonces(dispatches).length >= 15);
    expect(reasons).toEqual(['zombie']);
    expect(nonces(dispatches)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(dispatches.filter((payload) => payload.t === 'READY')).toHaveLength(1);
    expect(fixture.gateway.sessions()).toHaveLength(1);
    expect(fixture.gateway.sessions()[0]?.resumes).toBe(1);
  });
});
