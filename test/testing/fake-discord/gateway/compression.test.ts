import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TestWorld, guildIdForKey } from './test-world';

const SYNC_FLUSH_SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

describe('FakeGateway transport options', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    harness = await GatewayHarness.start(new TestWorld([0, 1]));
  });

  afterEach(async () => {
    await harness.stop();
  });

  async function session(query: string): Promise<string[]> {
    const client = await harness.ready({}, query);
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_CREATE', 2);
    harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { content: 'é'.repeat(300) }, guildId: guildIdForKey(0), intents: 0 });
    await client.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE');
    if (query.includes('zlib-stream')) {
      expect(client.frames.length).toBeGreaterThanOrEqual(4);
      for (const frame of client.frames) {
        expect(frame.binary).toBe(true);
        expect(frame.bytes.subarray(-4)).toEqual(SYNC_FLUSH_SUFFIX);
      }
    } else {
      expect(client.frames.every((frame) => !frame.binary)).toBe(true);
    }
    return client.payloads.map((p) => JSON.stringify({ ...p, d: p.op === 0 && p.t === 'READY' ? 'ready' : p.d }));
  }

  it('compress=zlib-stream sends one shared deflate stream, each frame flushed with 00 00 ff ff, carrying the same events', async () => {
    const compressed = await session('v=10&encoding=json&compress=zlib-stream');
    const plain = await session('v=10&encoding=json');
    expect(compressed).toEqual(plain);
    expect(harness.gateway.connections().map((c) => c.query.compress)).toEqual(['zlib-stream', null]);
  });

  it('identify compress:true deflates dispatches one by one when there is no transport compression', async () => {
    const client = await harness.ready({ compress: true });
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_CREATE', 2);
    expect(client.frames.map((f) => f.binary)).toEqual([false, true, true, true]);
    expect(client.dispatches().map((p) => p.t)).toEqual(['READY', 'GUILD_CREATE', 'GUILD_CREATE']);
  });

  it('sends the close only after the compressed frames queued before it', async () => {
    const client = await harness.connect('v=10&encoding=json&compress=zlib-stream');
    await client.waitFor((p) => p.op === 10);
    client.send({ op: 1, d: null });
    client.send({ op: 3, d: { status: 'online', activities: [], since: null, afk: false } });
    expect((await client.closed).code).toBe(4003);
    expect(client.payloads.map((p) => p.op)).toEqual([10, 11]);
  });

  it.each([
    ['encoding=etf', 'v=10&encoding=etf', 4002, /encoding=json/],
    ['compress=zstd-stream', 'v=10&encoding=json&compress=zstd-stream', 4002, /zlib-stream/],
    ['v=9', 'v=9&encoding=json', 4012, /v=10/],
    // Quoted in the reason: 100 characters, but 200 bytes, over what a close frame can carry.
    ['a long non-ASCII version', `v=${encodeURIComponent('é'.repeat(100))}&encoding=json`, 4012, /^Invalid API version é+\.\.\.$/],
  ])('refuses %s with a close that names the fix', async (_name, query, code, hint) => {
    const client = await harness.connect(query);
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(hint);
    expect(client.payloads).toEqual([]);
  });
});
