import { FakeGateway } from '../../../../src/testing/fake-discord/gateway';
import { GatewayHarness } from './gateway-harness';
import { TEST_TOKEN, TestWorld } from './test-world';

describe('FakeGateway limits', () => {
  let harness: GatewayHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('allows one identify per max_concurrency bucket per interval and answers the excess with op 9 false', async () => {
    harness = await GatewayHarness.start(new TestWorld([], { maxConcurrency: 2 }), { identifyIntervalMs: 60_000 });
    await harness.ready({ shard: [0, 4] });
    await harness.ready({ shard: [1, 4] });
    const violation = harness.gateway.waitFor('violation');
    const third = await harness.connect();
    third.identify({ shard: [2, 4] });
    await expect(third.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    expect(await violation).toMatchObject({ kind: 'identify-rate-limit', shard: [2, 4], response: { invalidSession: false } });
    expect(harness.gateway.sessions().map((s) => s.shard[0])).toEqual([0, 1]);
    expect(harness.gateway.violations().map((v) => v.kind)).toEqual(['identify-rate-limit']);
  });

  it('consumes the shared session start limit; exceeding it terminates every session and resets the token', async () => {
    const world = new TestWorld([], { total: 2 });
    harness = await GatewayHarness.start(world);
    const first = await harness.ready();
    expect(world.sessionStartLimit.toJSON()).toMatchObject({ total: 2, remaining: 1 });
    const second = await harness.ready();
    // A session waiting to resume is terminated too.
    second.terminate();
    await harness.gateway.waitFor('close');
    expect(harness.gateway.sessions()).toHaveLength(2);
    const violation = harness.gateway.waitFor('violation');
    const client = await harness.connect();
    client.identify();
    await expect(client.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    await expect(first.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    expect(await violation).toMatchObject({ kind: 'session-start-limit', response: { invalidSession: false } });
    expect(harness.gateway.sessions()).toEqual([]);
    expect(world.sessionStartLimit.toJSON().remaining).toBe(0);
    expect(world.isValidToken(TEST_TOKEN)).toBe(false);
    // The old token is now refused outright (4004), not just rate limited.
    const retry = await harness.connect();
    await retry.waitFor((p) => p.op === 10);
    retry.identify();
    expect((await retry.closed).code).toBe(4004);
  });

  it('does not count a resume against the session start limit', async () => {
    const world = new TestWorld([], { total: 1 });
    harness = await GatewayHarness.start(world);
    const client = await harness.ready();
    const sessionId = harness.gateway.sessions()[0]?.sessionId as string;
    client.terminate();
    await harness.gateway.waitFor('close');
    const resumed = await harness.connect();
    resumed.send({ op: 6, d: { token: 'MTIz.fake.token', session_id: sessionId, seq: 1 } });
    await expect(resumed.waitFor((p) => p.op === 0 && p.t === 'RESUMED')).resolves.toBeDefined();
    expect(world.sessionStartLimit.toJSON()).toMatchObject({ total: 1, remaining: 0 });
  });

  it('closes with 4008 after more payloads than the send limit allows in the window', async () => {
    harness = await GatewayHarness.start(new TestWorld(), { sendLimit: { count: 3, windowMs: 60_000 } });
    const violation = harness.gateway.waitFor('violation');
    const client = await harness.connect();
    for (let i = 0; i < 4; i += 1) client.send({ op: 1, d: null });
    expect((await client.closed).code).toBe(4008);
    expect(await violation).toMatchObject({ kind: 'send-rate-limit', response: { close: 4008 } });
    expect(client.payloads.filter((p) => p.op === 11)).toHaveLength(3);
  });

  it('closes with 4009 and ends the session when heartbeats stop', async () => {
    // The deadline runs from the connection: long enough that a loaded machine still gets READY
    // (and so a session to end) before it, which 40 ms did not guarantee.
    harness = await GatewayHarness.start(new TestWorld(), { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 400 });
    const violation = harness.gateway.waitFor('violation');
    const sessionEnd = harness.gateway.waitFor('sessionEnd');
    const client = await harness.ready();
    expect(harness.gateway.sessions()).toHaveLength(1);
    expect((await client.closed).code).toBe(4009);
    expect(await violation).toMatchObject({ kind: 'heartbeat-timeout', response: { close: 4009 } });
    await sessionEnd;
    expect(harness.gateway.sessions()).toEqual([]);
  });

  it('a second close() resolves only once the first has dropped the sockets and stopped the server', async () => {
    harness = await GatewayHarness.start();
    const client = await harness.ready();
    let firstDone = false;
    const first = harness.gateway.close().then(() => {
      firstDone = true;
    });
    await harness.gateway.close();
    expect(firstDone).toBe(true);
    await first;
    expect((await client.closed).code).toBe(1006);
  });

  it('rejects options that cannot work with a coded error naming the option', async () => {
    harness = await GatewayHarness.start();
    expect(() => new FakeGateway(new TestWorld(), { heartbeatIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_FAKE_GATEWAY_OPTIONS', message: expect.stringContaining('heartbeatIntervalMs') }),
    );
    expect(() => new FakeGateway(new TestWorld(), { publicUrl: 'http://x' })).toThrow(/publicUrl/);
    expect(() => new FakeGateway(new TestWorld(), { resumeUrlPath: 'resume?x' })).toThrow(/resumeUrlPath/);
  });
});
