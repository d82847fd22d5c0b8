import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TEST_TOKEN, TestWorld, guildIdForKey } from './test-world';

describe('FakeGateway at scale', () => {
  let harness: GatewayHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('splits 40 guilds and their events across 8 shards exactly as (guild_id >> 22) % 8', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => i * 3 + 1);
    harness = await GatewayHarness.start(new TestWorld(keys));
    const clients = [];
    for (let shard = 0; shard < 8; shard += 1) clients.push(await harness.ready({ shard: [shard, 8] }));
    for (const key of keys) {
      harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { key }, guildId: guildIdForKey(key), intents: 0 });
    }
    for (const [shard, client] of clients.entries()) {
      const expected = keys.filter((key) => key % 8 === shard);
      await client.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE', expected.length);
      const ready = client.dispatches('READY')[0]?.d as GatewayReadyDispatchData;
      expect(ready.guilds.map((g) => g.id)).toEqual(expected.map(guildIdForKey));
      expect(client.dispatches('GUILD_CREATE').map((p) => (p.d as { id: string }).id)).toEqual(expected.map(guildIdForKey));
      expect(client.dispatches('MESSAGE_CREATE').map((p) => (p.d as unknown as { key: number }).key)).toEqual(expected);
    }
  });

  it('loses and repeats nothing when the socket drops in the middle of a flood and the client resumes', async () => {
    harness = await GatewayHarness.start(new TestWorld([]), { replayBufferSize: 20_000 });
    const first = await harness.ready();
    const sessionId = (first.dispatches('READY')[0]?.d as GatewayReadyDispatchData).session_id;
    const flood = harness.gateway.flood(GatewayDispatchEvents.TypingStart, { x: 1 }, 10_000);
    await first.waitFor((p) => p.op === 0 && p.t === 'TYPING_START', 100);
    harness.gateway.faults.drop({ sessionId });
    await flood;
    const lastSeen = first.dispatches().at(-1)?.s as number;
    const second = await harness.connect();
    await second.waitFor((p) => p.op === 10);
    second.send({ op: 6, d: { token: TEST_TOKEN, session_id: sessionId, seq: lastSeen } });
    await second.waitFor((p) => p.op === 0 && p.t === 'RESUMED');
    const seqs = [...first.dispatches(), ...second.dispatches()].map((p) => p.s);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(second.dispatches().at(-1)).toMatchObject({ t: 'RESUMED', s: 10_002 });
  });
});
