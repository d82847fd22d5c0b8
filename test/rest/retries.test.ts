import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Routes } from 'discord-api-types/v10';
import { HTTPError, RequestFailedError, RestClient, type RestRetryEvent } from '../../src/rest';
import { backoffDelay, failedBeforeSend, isIdempotent } from '../../src/rest/retry-policy';
import { json, startLocalServer, type LocalServer } from './support/local-server';

describe('retries', () => {
  let server: LocalServer;
  let rest: RestClient;
  let retries: RestRetryEvent[];

  beforeEach(async () => {
    server = await startLocalServer((_request, response) => json(response, 200, {}));
    rest = new RestClient({ token: 't', baseURL: server.baseURL, retries: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    retries = [];
    rest.on('retry', (event) => retries.push(event));
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('retries a 5xx on an idempotent request and returns the eventual answer', async () => {
    let n = 0;
    server.setHandler((_request, response) => {
      n += 1;
      if (n <= 2) {
        response.statusCode = 502;
        response.end('bad gateway');
        return;
      }
      json(response, 200, { ok: n });
    });
    await expect(rest.get(Routes.channel('111111111111111111'))).resolves.toEqual({ ok: 3 });
    expect(retries.map((event) => event.status)).toEqual([502, 502]);
  });

  it('gives up after the bound with HTTPError', async () => {
    server.setHandler((_request, response) => {
      response.statusCode = 503;
      response.end();
    });
    const error = await rest.get(Routes.channel('111111111111111111')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status: 503 });
    expect((error as HTTPError).message).toMatch(/retried as far as `retries` allows/);
    expect(server.received).toHaveLength(3);
  });

  it('does not retry a 5xx on POST: the request reached the server', async () => {
    server.setHandler((_request, response) => {
      response.statusCode = 500;
      response.end();
    });
    const error = await rest.post(Routes.channelMessages('111111111111111111'), { body: { content: 'once' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HTTPError);
    // The message must not claim a retry that never happened.
    expect((error as HTTPError).message).toMatch(/POST is not retried \(it could run twice\)/);
    expect(server.received).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('retries a connection reset on GET but not on POST', async () => {
    let resets = 1;
    server.setHandler((request, response, raw) => {
      if (resets > 0) {
        resets -= 1;
        raw.socket.destroy();
        return;
      }
      json(response, 200, { method: request.method });
    });
    await expect(rest.get(Routes.channel('111111111111111111'))).resolves.toEqual({ method: 'GET' });
    expect(retries).toHaveLength(1);

    resets = 1;
    const error = await rest.post(Routes.channelMessages('111111111111111111'), { body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect(error).toMatchObject({ reason: 'network', code: 'OVEN_ERR_REST_NETWORK', attempts: 1 });
    expect(retries).toHaveLength(1);
  });

  it('retries a POST whose connection was refused before anything was sent', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = new RestClient({ token: 't', baseURL: `http://127.0.0.1:${port}/api`, retries: 2, retryBaseDelayMs: 1 });
    const offlineRetries: RestRetryEvent[] = [];
    offline.on('retry', (event) => offlineRetries.push(event));
    const error = await offline.post(Routes.channelMessages('111111111111111111'), { body: {} }).catch((caught: unknown) => caught);
    await offline.close();
    expect(error).toMatchObject({ reason: 'network', attempts: 3 });
    expect(offlineRetries).toHaveLength(2);
    expect(failedBeforeSend((error as RequestFailedError).cause)).toBe(true);
  });

  it('backs off exponentially with bounded jitter', () => {
    const options = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(2, options, () => 0)).toBe(200);
    expect(backoffDelay(2, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
    expect(isIdempotent('PUT')).toBe(true);
    expect(isIdempotent('PATCH')).toBe(false);
  });
});
