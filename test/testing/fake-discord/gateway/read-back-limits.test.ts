import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TestWorld } from './test-world';

describe('FakeGateway read-back bounds', () => {
  let harness: GatewayHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('keeps the newest recordLimit frames per connection and forgets old closed connections', async () => {
    harness = await GatewayHarness.start(new TestWorld([]), { recordLimit: 2, closedConnectionLimit: 1 });
    for (let i = 0; i < 3; i += 1) {
      const closed = harness.gateway.waitFor('close');
      const client = await harness.connect();
      await client.waitFor((p) => p.op === 10);
      await client.close(1000);
      await closed;
    }
    expect(harness.gateway.connections().map((c) => c.connectionId)).toEqual([3]);
    const client = await harness.ready();
    for (let n = 0; n < 5; n += 1) harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, { n });
    await client.waitFor((p) => p.op === 0 && p.t === 'TYPING_START', 5);
    const open = harness.gateway.connections({ connectionId: 4 })[0];
    expect(open?.sent.map((p) => (p.d as unknown as { n: number }).n)).toEqual([3, 4]);
  });
});
