import { GatewayHarness } from './gateway-harness';

describe('FakeGateway bad input from a client', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    harness = await GatewayHarness.start();
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** After each bad client, a fresh client still gets a session: the server never crashed. */
  async function expectServerStillServes(): Promise<void> {
    const client = await harness.ready();
    expect(client.dispatches('READY')).toHaveLength(1);
  }

  it.each([
    ['a malformed JSON frame', 4002, '{"op": 1,'],
    ['a JSON array', 4002, '[1,2]'],
    ['an unknown opcode', 4001, JSON.stringify({ op: 5, d: null })],
    ['a server-only opcode', 4001, JSON.stringify({ op: 11, d: null })],
    ['a missing opcode', 4001, JSON.stringify({ d: null })],
    ['a payload over 4096 bytes', 4002, JSON.stringify({ op: 1, d: null, pad: 'x'.repeat(4100) })],
    ['presence before identify', 4003, JSON.stringify({ op: 3, d: { status: 'online', activities: [], since: null, afk: false } })],
    ['a heartbeat with a string seq', 4001, JSON.stringify({ op: 1, d: 'seven' })],
    ['a resume with no session_id', 4001, JSON.stringify({ op: 6, d: { token: 'x', seq: 1 } })],
    // The close reason quotes the opcode: 100 characters here, but over the 123 bytes a close frame allows.
    ['a long non-ASCII opcode', 4001, JSON.stringify({ op: 'é'.repeat(100), d: null })],
  ])('closes on %s with %i', async (_name, code, frame) => {
    const closeEvent = harness.gateway.waitFor('close');
    const client = await harness.connect();
    client.sendRaw(frame);
    expect((await client.closed).code).toBe(code);
    expect(await closeEvent).toMatchObject({ code, initiator: 'server' });
    await expectServerStillServes();
  });

  it('closes a second identify with 4005 and ends that session', async () => {
    const client = await harness.ready();
    const sessionEnd = harness.gateway.waitFor('sessionEnd');
    client.identify();
    expect((await client.closed).code).toBe(4005);
    await sessionEnd;
    expect(harness.gateway.sessions()).toEqual([]);
    await expectServerStillServes();
  });

  it('treats a binary frame holding JSON like a text frame', async () => {
    const client = await harness.connect();
    client.sendRaw(Buffer.from(JSON.stringify({ op: 1, d: null })));
    await expect(client.waitFor((p) => p.op === 11)).resolves.toBeDefined();
  });

  it('records what the client sent for read-back', async () => {
    const client = await harness.ready();
    client.send({ op: 3, d: { status: 'idle', activities: [{ name: 'tests', type: 0 }], since: null, afk: false } });
    client.send({ op: 1, d: 1 });
    await client.waitFor((p) => p.op === 11);
    const [connection] = harness.gateway.connections();
    expect(connection?.received.map((p) => (p as { op: number }).op)).toEqual([2, 3, 1]);
    expect(connection?.sent.map((p) => p.op)).toEqual([10, 0, 0, 11]);
    expect(harness.gateway.sessions()[0]?.presence).toMatchObject({ status: 'idle' });
  });
});
