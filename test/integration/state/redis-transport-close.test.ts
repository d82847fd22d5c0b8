import type { Redis } from 'ioredis';
import { RedisStateTransport, StateTransportUnavailableError } from '../../../src/state';
import { TcpProxy } from '../../support/tcp-proxy';

describe('RedisStateTransport close', () => {
  const proxy = new TcpProxy('127.0.0.1', 6379);
  beforeAll(() => proxy.start());
  afterAll(() => proxy.close());

  it('leaves no timer holding the process open after close, even after a flapping connection', async () => {
    // ioredis armed a ref()ed command timer for every command it wrote during each reconnection
    // attempt (INFO, CLIENT SETINFO) and never cleared those whose socket died: the process stayed
    // alive a full command timeout after close(). A minute here makes a leftover impossible to miss.
    const timers = (): number => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
    const before = timers();
    proxy.cut(); // accepts, then hangs up: every attempt gets as far as 'connect'
    const transport = new RedisStateTransport({
      prefix: 'oven:test:never-written',
      url: `redis://127.0.0.1:${proxy.port}`,
      commandTimeout: 60_000,
      redis: { retryStrategy: () => 5 },
    });
    const client = (transport as unknown as { client: Redis }).client;
    let attempts = 0;
    const flapped = new Promise<void>((resolve) => {
      client.on('connect', () => {
        attempts += 1;
        if (attempts === 20) resolve();
      });
    });
    await expect(transport.readSince(0)).rejects.toThrow(StateTransportUnavailableError);
    await flapped;
    await transport.close();
    // ioredis' own 200 ms disconnect timers run out by themselves; the leaked command timers would
    // last the minute. 10 s is the generous bound between the two.
    const deadline = Date.now() + 10_000;
    while (timers() > before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
