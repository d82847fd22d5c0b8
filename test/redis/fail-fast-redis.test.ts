import { createFailFastRedis, describeRedis } from '../../src/redis';

describe('createFailFastRedis', () => {
  it('opens lazily, fails commands fast while Redis is away, and names the server', async () => {
    // Port 1 on loopback refuses at once: the client must reject instead of queueing the command.
    const client = createFailFastRedis({ url: 'redis://127.0.0.1:1', retry: { stepMs: 50, maxMs: 100 } });
    client.on('error', () => undefined);
    try {
      expect(client.status).toBe('wait'); // lazyConnect: nothing is opened until used
      expect(describeRedis(client)).toBe('Redis at 127.0.0.1:1');
      await expect(client.connect()).rejects.toThrow();
      await expect(client.get('key')).rejects.toThrow();
      expect(client.options.enableOfflineQueue).toBe(false);
      expect(client.options.disconnectTimeout).toBe(200);
      const retry = client.options.retryStrategy as (attempt: number) => number;
      expect([retry(1), retry(2), retry(5)]).toEqual([50, 100, 100]);
    } finally {
      client.disconnect();
    }
  });

  it('lets explicit ioredis options win over its defaults', () => {
    const client = createFailFastRedis({ retry: { stepMs: 1, maxMs: 1 }, commandTimeout: 250, redis: { enableOfflineQueue: true, keyPrefix: 'bot:' } });
    try {
      expect(client.options.enableOfflineQueue).toBe(true);
      expect(client.options.keyPrefix).toBe('bot:');
      expect(client.options.commandTimeout).toBe(250);
      expect(describeRedis(client)).toBe('Redis at 127.0.0.1:6379');
    } finally {
      client.disconnect();
    }
  });
});
