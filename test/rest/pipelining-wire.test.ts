import type { ServerResponse } from 'node:http';
import { Routes } from 'discord-api-types/v10';
import { RequestFailedError, RestClient } from '../../src/rest';
import { json, startLocalServer, type LocalServer } from './support/local-server';

const CHANNEL = '111111111111111111';

describe('pipelining on the wire', () => {
  let server: LocalServer;
  let rest: RestClient;

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  /**
   * Answers the first request at once (the bucket's probe), then holds answers until `batch`
   * requests have arrived, so a client that waits for each answer before sending the next stalls
   * here and one that really pipelines gets its batch through.
   */
  async function start(batch: number): Promise<{ sockets: Set<unknown> }> {
    const held: Array<() => void> = [];
    const sockets = new Set<unknown>();
    server = await startLocalServer((_request, response: ServerResponse, raw) => {
      if (server.received.length > 1) sockets.add(raw.socket);
      held.push(() => json(response, 200, { ok: true }));
      if (server.received.length === 1 || held.length === batch) for (const answer of held.splice(0)) answer();
    });
    return { sockets };
  }

  it('puts up to n requests of one bucket on one connection before the first is answered', async () => {
    const { sockets } = await start(4);
    rest = new RestClient({ token: 't', baseURL: server.baseURL, pipelining: 4, timeout: 5_000 });
    const bodies = Array.from({ length: 9 }, (_, index) => ({ n: index }));
    await Promise.all(bodies.map((body) => rest.post(Routes.channelMessages(CHANNEL), { body })));
    expect(server.received.map((request) => JSON.parse(request.body.toString()).n as number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // One connection carried the whole pipeline.
    expect(sockets.size).toBe(1);
  });

  it('strict mode (the default) sends the next request of a bucket only after the answer', async () => {
    await start(2);
    rest = new RestClient({ token: 't', baseURL: server.baseURL, timeout: 300, retries: 0 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => rest.post(Routes.channelMessages(CHANNEL), { body: { n } })));
    // The second request waits for an answer the server holds until a third arrives: it times out.
    expect(outcomes[0]!.status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { reason: 'timeout' } });
  });

  describe('with answers held until released', () => {
    let held: Array<() => void>;

    beforeEach(async () => {
      held = [];
      server = await startLocalServer((request, response: ServerResponse) => {
        // The bucket's first answer comes at once so the pipeline opens; the rest wait for the test.
        if (request.seq === 0) json(response, 200, { n: 0 });
        else held.push(() => json(response, 200, { path: request.path }));
      });
      rest = new RestClient({ token: 't', baseURL: server.baseURL, pipelining: 4, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    });

    const arrived = async (count: number): Promise<void> => {
      while (server.received.length < count) await new Promise((resolve) => setImmediate(resolve));
    };

    it('close() rejects pipelined requests in flight and still queued, leaving nothing hanging', async () => {
      await rest.get(Routes.channel(CHANNEL));
      const pending = Array.from({ length: 8 }, () => rest.get(Routes.channel(CHANNEL)).catch((error: unknown) => error));
      await arrived(5);
      await rest.close();
      const outcomes = await Promise.all(pending);
      expect(outcomes.every((outcome) => outcome instanceof RequestFailedError && outcome.reason === 'aborted')).toBe(true);
      // Four were on the wire, four still queued: nothing more was sent.
      expect(server.received).toHaveLength(5);
    });

    it('aborting one in-flight request closes its connection: the reads in flight beside it are retried and answered', async () => {
      await rest.get(Routes.channel(CHANNEL));
      const controller = new AbortController();
      const first = rest.get(Routes.channel(CHANNEL));
      const aborted = rest.get(Routes.channel(CHANNEL), { signal: controller.signal }).catch((error: unknown) => error);
      const rest2 = [rest.get(Routes.channel(CHANNEL)), rest.get(Routes.channel(CHANNEL))];
      await arrived(5);
      controller.abort();
      expect(await aborted).toMatchObject({ reason: 'aborted' });
      // The retries of the three others arrive on a new connection; answer everything from now on.
      await arrived(8);
      for (const answer of held.splice(0)) answer();
      await expect(Promise.all([first, ...rest2])).resolves.toHaveLength(3);
    });
  });
});
