import Ajv from 'ajv';
import { Routes } from 'discord-api-types/v10';
import { loggingMiddleware, ResponseSchemaError, RestClient, RestMetrics, schemaValidationMiddleware } from '../../../src/rest';
import { json, limits, startLocalServer, type LocalServer } from '../support/local-server';

describe('built-in middleware', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((request, response) => json(response, 200, { id: '80351110224678912', username: 'Nelly', path: request.path }));
    rest = new RestClient({ token: 't', baseURL: server.baseURL, offsetMs: 0 });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('logs one line per call with status, timing, bucket and attempts', async () => {
    const lines: string[] = [];
    rest.use(loggingMiddleware({ log: (line) => lines.push(line) }));
    await rest.get(Routes.channel('111111111111111111'));
    server.setHandler((_request, response) => json(response, 404, { code: 10003, message: 'Unknown Channel' }));
    await expect(rest.get(Routes.channel('111111111111111111'))).rejects.toMatchObject({ status: 404 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/channels\/111111111111111111 -> 200 in \d+\.\d ms \(queued \d+\.\d ms, bucket GET \/channels\/:id\|111111111111111111, 1 attempt\)$/);
    expect(lines[1]).toMatch(/-> failed: Unknown Channel/);
  });

  it('counts requests, errors, latency and 429s per bucket', async () => {
    const metrics = new RestMetrics();
    rest.use(metrics.middleware);
    let first = true;
    server.setHandler((_request, response) => {
      if (first) {
        first = false;
        return json(response, 429, { message: 'You are being rate limited.', retry_after: 0.01, global: false }, { ...limits('m', 5, 0, 0.01), 'x-ratelimit-scope': 'user' });
      }
      json(response, 200, {}, limits('m', 5, 4, 1));
    });
    await rest.get(Routes.channel('111111111111111111'));
    await rest.get(Routes.channel('111111111111111111'));
    server.setHandler((_request, response) => json(response, 403, { code: 50013, message: 'Missing Permissions' }));
    await expect(rest.get(Routes.guild('222222222222222222'))).rejects.toMatchObject({ status: 403 });
    const snapshot = metrics.snapshot();
    expect(snapshot).toMatchObject({ requests: 3, errors: 1, rateLimitHits: 1, byStatus: { '200': 2, '403': 1 } });
    expect(snapshot.byBucket['m|111111111111111111']).toMatchObject({ requests: 2, errors: 0, rateLimitHits: 1 });
    expect(snapshot.byBucket['GET /guilds/:id|222222222222222222']).toMatchObject({ requests: 1, errors: 1 });
    expect(snapshot.latency.count).toBe(3);
    expect(snapshot.latency.maxMs).toBeGreaterThanOrEqual(snapshot.latency.p50Ms);
    metrics.reset();
    expect(metrics.snapshot().requests).toBe(0);
  });

  it('validates responses against a JSON schema when opted in', async () => {
    // The required fields of Discord's UserPIIResponse (OpenAPI description), enough to catch drift.
    const ajv = new Ajv({ allErrors: true });
    const validateUser = ajv.compile({
      type: 'object',
      required: ['id', 'username', 'discriminator', 'avatar', 'public_flags', 'flags', 'global_name'],
      properties: { id: { type: 'string', pattern: '^[0-9]+$' }, username: { type: 'string' } },
    });
    rest.use(
      schemaValidationMiddleware({
        validators: {
          'GET /users/@me': (data) => (validateUser(data) ? [] : (validateUser.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)),
        },
      }),
    );
    const error = await rest.get('/users/@me').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseSchemaError);
    expect((error as ResponseSchemaError).problems.join('\n')).toMatch(/must have required property/);
    await expect(rest.get(Routes.channel('111111111111111111'))).resolves.toMatchObject({ id: '80351110224678912' });
  });

  it('names a malformed validator key', () => {
    expect(() => schemaValidationMiddleware({ validators: { '/users/@me': () => [] } })).toThrow(/must be "METHOD \/route"/);
  });
});
