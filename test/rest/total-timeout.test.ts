import type { ServerResponse } from 'node:http';
import { Routes } from 'discord-api-types/v10';
import { RestClient, RestUsageError, TotalTimeoutError } from '../../src/rest';
import { json, limits, startLocalServer, type LocalServer } from './support/local-server';

const CHANNEL = '111111111111111111';

describe('totalTimeout', () => {
  let server: LocalServer;
  let rest: RestClient;
  const parked: ServerResponse[] = [];

  beforeEach(async () => {
    server = await startLocalServer((_request, response) => json(response, 200, { ok: true }));
  });

  afterEach(async () => {
    await rest.close();
    for (const response of parked.splice(0)) response.destroy();
    await server.close();
  });

  it('rejects a request still queued behind its bucket at once, says so, and never sends it', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
    server.setHandler((_request, response) => void parked.push(response));
    const first = rest.get(Routes.channel(CHANNEL), { signal: AbortSignal.timeout(2_000) }).catch((error: unknown) => error);
    const started = performance.now();
    const error = await rest.get(Routes.channel(CHANNEL), { totalTimeout: 100 }).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(TotalTimeoutError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_REST_TOTAL_TIMEOUT', phase: 'queue', attempts: 0, totalTimeoutMs: 100 });
    const { spent } = error as TotalTimeoutError;
    expect(spent.queueMs).toBeGreaterThanOrEqual(90);
    expect(spent.attemptMs).toBe(0);
    expect((error as Error).message).toContain('queued behind its bucket');
    server.setHandler((_request, response) => json(response, 200, { ok: true }));
    for (const response of parked.splice(0)) json(response, 200, { ok: true });
    await first;
    await rest.get(Routes.user());
    expect(server.received.filter((request) => request.path === Routes.channel(CHANNEL))).toHaveLength(1);
  });

  it('covers rate-limit waits and names them', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
    server.setHandler((_request, response) => json(response, 200, { ok: true }, limits('b', 1, 0, 30)));
    await rest.get(Routes.channel(CHANNEL));
    const error = await rest.get(Routes.channel(CHANNEL), { totalTimeout: 150 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OVEN_ERR_REST_TOTAL_TIMEOUT', phase: 'rate-limit', attempts: 0 });
    expect((error as TotalTimeoutError).spent.rateLimitMs).toBeGreaterThanOrEqual(100);
    expect(server.received).toHaveLength(1);
  });

  it('covers retries of failing attempts, where one attempt timeout alone would keep going', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL, retries: 10, retryBaseDelayMs: 60, retryMaxDelayMs: 60 });
    server.setHandler((_request, response) => json(response, 502, { message: 'bad gateway' }));
    const error = await rest.get(Routes.channel(CHANNEL), { totalTimeout: 250 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TotalTimeoutError);
    const { spent, attempts } = error as TotalTimeoutError;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(11);
    expect(spent.retryBackoffMs).toBeGreaterThan(0);
    expect(spent.attemptMs).toBeGreaterThan(0);
  });

  it('aborts an attempt in flight, and applies the client-wide totalTimeout', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL, totalTimeout: 100, timeout: 10_000 });
    server.setHandler((_request, response) => void parked.push(response));
    const error = await rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'x' } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OVEN_ERR_REST_TOTAL_TIMEOUT', phase: 'attempt', attempts: 1 });
    expect((error as TotalTimeoutError).spent.attemptMs).toBeGreaterThan(50);
    expect((error as Error).message).toContain('during an HTTP attempt');
  });

  it('leaves requests that finish in time alone and rejects bad values with a typed error', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
    await expect(rest.get(Routes.channel(CHANNEL), { totalTimeout: 5_000 })).resolves.toEqual({ ok: true });
    await expect(rest.get(Routes.channel(CHANNEL), { totalTimeout: -1 })).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION' });
    await expect(rest.get(Routes.channel(CHANNEL), { totalTimeout: Number.NaN })).rejects.toBeInstanceOf(RestUsageError);
    expect(() => new RestClient({ totalTimeout: 0 })).toThrow(/totalTimeout must be a positive number/);
  });
});
