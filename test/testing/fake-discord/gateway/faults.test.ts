import { performance } from 'node:perf_hooks';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TestWorld } from './test-world';

describe('FakeGateway faults', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    harness = await GatewayHarness.start(new TestWorld([]), { reconnectCloseDelayMs: 20 });
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('stops ACKing heartbeats of the targeted shard only, then ACKs again', async () => {
    const zombie = await harness.ready({ shard: [0, 2] });
    const healthy = await harness.ready({ shard: [1, 2] });
    expect(harness.gateway.faults.stopHeartbeatAcks({ shard: 0 })).toBe(1);
    const zombieBeat = harness.gateway.waitFor('payload', (e) => e.connectionId === 1 && (e.payload as { op: number }).op === 1);
    zombie.send({ op: 1, d: 1 });
    healthy.send({ op: 1, d: 1 });
    await healthy.waitFor((p) => p.op === 11);
    await zombieBeat;
    // A frame sent after the heartbeat was handled arrives after any ACK would have.
    harness.gateway.faults.requestHeartbeat({ shard: 0 });
    await zombie.waitFor((p) => p.op === 1);
    expect(zombie.payloads.filter((p) => p.op === 11)).toEqual([]);
    harness.gateway.faults.resumeHeartbeatAcks({ shard: 0 });
    zombie.send({ op: 1, d: 1 });
    await expect(zombie.waitFor((p) => p.op === 11)).resolves.toBeDefined();
    expect(zombie.payloads.filter((p) => p.op === 11)).toHaveLength(1);
  });

  it('drops a socket without a close frame, keeping the session resumable', async () => {
    const client = await harness.ready();
    const closed = harness.gateway.waitFor('close');
    harness.gateway.faults.drop({});
    expect((await client.closed).code).toBe(1006);
    expect(await closed).toMatchObject({ initiator: 'server', code: 1006, sessionEnded: false });
    expect(harness.gateway.sessions()).toHaveLength(1);
  });

  it('sends op 7 and closes with 4000 if the client stays, keeping the session', async () => {
    const client = await harness.ready();
    harness.gateway.faults.reconnect({});
    await expect(client.waitFor((p) => p.op === 7)).resolves.toEqual({ op: 7, d: null, s: null, t: null });
    expect((await client.closed).code).toBe(4000);
    expect(harness.gateway.sessions()).toHaveLength(1);
  });

  it('sends op 9 false and forgets the session; op 1 asks for a heartbeat', async () => {
    const client = await harness.ready();
    harness.gateway.faults.requestHeartbeat({});
    await expect(client.waitFor((p) => p.op === 1)).resolves.toEqual({ op: 1, d: null, s: null, t: null });
    harness.gateway.faults.invalidateSession({}, false);
    await expect(client.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    expect(harness.gateway.sessions()).toEqual([]);
    client.identify();
    await expect(client.waitFor((p) => p.op === 0 && p.t === 'READY', 2)).resolves.toBeDefined();
  });

  it('delays frames by the latency fault without reordering them', async () => {
    const client = await harness.ready();
    harness.gateway.faults.setLatency({}, 50);
    const sentAt = performance.now();
    harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, { n: 1 });
    harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, { n: 2 });
    harness.gateway.faults.setLatency({}, 0);
    harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, { n: 3 });
    await client.waitFor((p) => p.op === 0 && p.t === 'TYPING_START');
    // A lower bound only (load can only add to it): the first frame really was held back.
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(45);
    await client.waitFor((p) => p.op === 0 && p.t === 'TYPING_START', 3);
    expect(client.dispatches('TYPING_START').map((p) => (p.d as unknown as { n: number }).n)).toEqual([1, 2, 3]);
  });

  it('closes with a chosen code, and refuses codes a server may not send', async () => {
    const client = await harness.ready();
    expect(() => harness.gateway.faults.close({}, 1006)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_GATEWAY_OPTIONS' }));
    harness.gateway.faults.close({}, 4000, 'try again');
    expect(await client.closed).toEqual({ code: 4000, reason: 'try again' });
  });

  it('throws a coded error naming the open connections when a selector matches none', async () => {
    await harness.ready({ shard: [0, 1] });
    expect(() => harness.gateway.faults.reconnect({ shard: 3 })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_FAKE_GATEWAY_NO_MATCH', message: expect.stringMatching(/"shard":3.*shard 0/) }),
    );
  });

  it('rejects waitFor with a coded error after its timeout', async () => {
    await expect(harness.gateway.waitFor('resumed', () => true, 5)).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_GATEWAY_WAIT_TIMEOUT' });
  });
});
