import { Routes } from 'discord-api-types/v10';
import { InvalidRequestLimitError, MemoryLimiterStore, RestClient, type InvalidRequestWarningEvent, type LimiterGrant } from '../../src/rest';
import { json, limits, startLocalServer, type LocalServer } from './support/local-server';

describe('invalid-request guard', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((_request, response) => json(response, 403, { code: 50013, message: 'Missing Permissions' }));
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('warns at warnFraction and refuses at refuseFraction of the limit, naming the count', async () => {
    rest = new RestClient({ token: 't', baseURL: server.baseURL, invalidRequests: { limit: 10, warnFraction: 0.5, refuseFraction: 0.8 } });
    const warnings: InvalidRequestWarningEvent[] = [];
    rest.on('invalidRequestWarning', (event) => warnings.push(event));
    const outcomes: unknown[] = [];
    for (let index = 0; index < 10; index += 1) {
      outcomes.push(await rest.delete(Routes.channel(String(100000000000000000n + BigInt(index)))).catch((error: unknown) => error));
    }
    expect(server.received).toHaveLength(8);
    expect(outcomes.slice(0, 8).every((outcome) => (outcome as { status?: number }).status === 403)).toBe(true);
    const refused = outcomes[8] as InvalidRequestLimitError;
    expect(refused).toBeInstanceOf(InvalidRequestLimitError);
    expect(refused).toMatchObject({ code: 'OVEN_ERR_REST_INVALID_REQUEST_LIMIT', count: 8, refuseAt: 8, limit: 10 });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.message).toContain('8 invalid responses');
    expect(warnings).toEqual([{ count: 5, warnAt: 5, refuseAt: 8, limit: 10, windowMs: 600_000 }]);
  });

  it('resumes when the window has passed, without a hold left by the refused request', async () => {
    const store = new MemoryLimiterStore();
    // The client takes the memory store's synchronous path; record the grants it hands out there.
    const acquire = store.acquireSync.bind(store);
    const grants: LimiterGrant[] = [];
    store.acquireSync = (request) => {
      const grant = acquire(request);
      grants.push(grant);
      return grant;
    };
    // A window a loaded machine cannot outrun between the two 403s and the refusal; the test then
    // waits the time the refusal names, which is what a caller would do.
    rest = new RestClient({ token: 't', baseURL: server.baseURL, store, invalidRequests: { limit: 2, windowMs: 1_000, refuseFraction: 1 } });
    await expect(rest.delete(Routes.channel('100000000000000001'))).rejects.toMatchObject({ status: 403 });
    await expect(rest.delete(Routes.channel('100000000000000002'))).rejects.toMatchObject({ status: 403 });
    const refused = await rest.get(Routes.channel('100000000000000003')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidRequestLimitError);
    const { retryAfterMs } = refused as InvalidRequestLimitError;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1_000);
    // Both 403s must have left the window, not only the oldest.
    await new Promise((resolve) => setTimeout(resolve, 1_000 + 20));
    server.setHandler((_request, response) => json(response, 200, { ok: true }));
    await expect(rest.get(Routes.channel('100000000000000003'))).resolves.toEqual({ ok: true });
    expect(grants.filter((grant) => grant.reason === 'probe')).toHaveLength(0);
    await store.close();
  });

  it('gives back the bucket slot and the global token of a request it refuses', async () => {
    const store = new MemoryLimiterStore();
    let answered = 0;
    server.setHandler((_request, response) => {
      answered += 1;
      json(response, 403, { code: 50013, message: 'Missing Permissions' }, limits('guarded', 4, 4 - answered, 60));
    });
    rest = new RestClient({
      token: 't',
      baseURL: server.baseURL,
      store,
      globalRequestsPerSecond: 4,
      invalidRequests: { limit: 2, refuseFraction: 1 },
    });
    const route = Routes.channel('100000000000000001');
    await expect(rest.delete(route)).rejects.toMatchObject({ status: 403 });
    await expect(rest.delete(route)).rejects.toMatchObject({ status: 403 });
    for (let index = 0; index < 2; index += 1) await expect(rest.delete(route)).rejects.toBeInstanceOf(InvalidRequestLimitError);
    expect(server.received).toHaveLength(2);
    // Two of four slots (and global tokens) were spent on answers; the refused requests spent none.
    const acquire = { route: 'DELETE /channels/:id', major: '100000000000000001', global: true, globalLimit: 4, globalWindowMs: 60_000, invalidWindowMs: 600_000 };
    expect(await store.acquire(acquire)).toMatchObject({ waitMs: 0 });
    expect(await store.acquire(acquire)).toMatchObject({ waitMs: 0 });
    expect((await store.acquire(acquire)).reason).toBe('bucket');
    await store.close();
  });

  it('counts 429s but not shared-scope ones', async () => {
    let n = 0;
    server.setHandler((_request, response) => {
      n += 1;
      if (n <= 3) {
        return json(response, 429, { message: 'The resource is being rate limited.', retry_after: 0.001, global: false }, {
          ...limits('res', 10, 9, 0.001),
          'x-ratelimit-scope': 'shared',
        });
      }
      if (n <= 5) {
        return json(response, 429, { message: 'You are being rate limited.', retry_after: 0.001, global: false }, {
          ...limits('res', 10, 0, 0.001),
          'x-ratelimit-scope': 'user',
        });
      }
      return json(response, 200, {});
    });
    rest = new RestClient({ token: 't', baseURL: server.baseURL, offsetMs: 0, invalidRequests: { limit: 3, warnFraction: 1, refuseFraction: 1 } });
    await rest.get(Routes.channel('111111111111111111'));
    // 3 shared 429s did not count, 2 user 429s did: one more invalid response would reach the line.
    expect(server.received).toHaveLength(6);
    server.setHandler((_request, response) => json(response, 401, { code: 0, message: '401: Unauthorized' }));
    await expect(rest.get(Routes.channel('111111111111111111'))).rejects.toMatchObject({ status: 401 });
    await expect(rest.get(Routes.gateway(), { auth: false })).rejects.toBeInstanceOf(InvalidRequestLimitError);
  });
});
