import { getEventListeners } from 'node:events';
import { Routes } from 'discord-api-types/v10';
import {
  DiscordAPIError,
  HTTPError,
  RequestFailedError,
  RestClient,
  RestUsageError,
} from '../../src/rest';
import { json, startLocalServer, type LocalServer } from './support/local-server';

describe('RestClient requests', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((request, response) => json(response, 200, { ok: true, path: request.path }));
    rest = new RestClient({ token: 'secret-token', baseURL: server.baseURL, retryBaseDelayMs: 1 });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('sends the version, bot authorization and Discord-format user agent', async () => {
    const data = await rest.get<{ ok: boolean }>('/users/@me');
    expect(data).toEqual({ ok: true, path: '/users/@me' });
    const [request] = server.received;
    expect(request?.headers.authorization).toBe('Bot secret-token');
    expect(request?.headers['user-agent']).toMatch(/^DiscordBot \(https:\/\/\S+, \d+\.\d+\.\d+\)/);
    expect(server.received[0]?.path).toBe('/users/@me');
  });

  it('sends JSON bodies, query strings with repeated keys and a URI-encoded audit-log reason', async () => {
    await rest.post(Routes.channelMessages('111111111111111111'), {
      body: { content: 'héllo' },
      query: { wait: true, ids: ['1', '2'], skip: undefined },
      reason: 'cleanup: spam & ads ✓',
    });
    const [request] = server.received;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual({ content: 'héllo' });
    expect(request?.query.get('wait')).toBe('true');
    expect(request?.query.getAll('ids')).toEqual(['1', '2']);
    expect(request?.query.has('skip')).toBe(false);
    expect(request?.headers['x-audit-log-reason']).toBe(encodeURIComponent('cleanup: spam & ads ✓'));
    expect(decodeURIComponent(String(request?.headers['x-audit-log-reason']))).toBe('cleanup: spam & ads ✓');
  });

  it('resolves 204 with undefined and leaves auth off interaction callbacks', async () => {
    server.setHandler((_request, response) => {
      response.statusCode = 204;
      response.end();
    });
    await expect(rest.post(Routes.interactionCallback('777777777777777777', 'tok'), { body: { type: 1 } })).resolves.toBeUndefined();
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('throws DiscordAPIError for a 404 and a 50035 with the field lines', async () => {
    server.setHandler((request, response) => {
      if (request.method === 'GET') return json(response, 404, { code: 10003, message: 'Unknown Channel' });
      return json(response, 400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } },
      });
    });
    const notFound = await rest.get(Routes.channel('111111111111111111')).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(DiscordAPIError);
    expect(notFound).toMatchObject({ status: 404, discordCode: 10003, method: 'GET', path: '/api/v10/channels/111111111111111111' });
    const invalid = await rest.post(Routes.channelMessages('111111111111111111'), { body: {} }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(DiscordAPIError);
    expect((invalid as DiscordAPIError).discordCode).toBe(50035);
    expect((invalid as DiscordAPIError).errors).toEqual(['embeds[0].title: Must be 256 or fewer in length.']);
  });

  it('after a 401 refuses further authenticated requests until setToken', async () => {
    server.setHandler((request, response) =>
      request.headers.authorization === 'Bot good' ? json(response, 200, { id: '1' }) : json(response, 401, { code: 0, message: '401: Unauthorized' }),
    );
    const first = await rest.get(Routes.user('@me')).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(DiscordAPIError);
    expect((first as DiscordAPIError).status).toBe(401);
    await expect(rest.get(Routes.user('@me'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_TOKEN_REJECTED' });
    expect(server.received).toHaveLength(1);
    rest.setToken('good');
    await expect(rest.get(Routes.user('@me'))).resolves.toEqual({ id: '1' });
  });

  it('throws HTTPError for a non-JSON failure', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(418, { 'content-type': 'text/html' });
      response.end('<html>I am a teapot</html>');
    });
    const error = await rest.get(Routes.gatewayBot()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status: 418, method: 'GET', code: 'OVEN_ERR_REST_HTTP' });
    expect((error as HTTPError).bodyText).toContain('teapot');
  });

  it('times out one attempt with the per-request timeout and reports it', async () => {
    server.setHandler(() => undefined);
    const error = await rest.post(Routes.channelMessages('111111111111111111'), { body: {}, timeout: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect(error).toMatchObject({ reason: 'timeout', code: 'OVEN_ERR_REST_TIMEOUT', attempts: 1 });
  });

  it('aborts with the caller AbortSignal', async () => {
    server.setHandler(() => undefined);
    const controller = new AbortController();
    const pending = rest.get(Routes.channel('111111111111111111'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ reason: 'aborted', code: 'OVEN_ERR_REST_ABORTED' });
  });

  it('leaves nothing attached to the client or the caller signal once requests with their own signal finish', async () => {
    const closing = (rest as unknown as { closing: AbortController }).closing.signal;
    // The transport watches the closing signal once for every attempt; requests must add nothing to that.
    const before = getEventListeners(closing, 'abort').length;
    expect(before).toBeLessThanOrEqual(1);
    const caller = new AbortController();
    for (let index = 0; index < 20; index += 1) {
      await rest.get(Routes.channel('111111111111111111'), { signal: caller.signal });
    }
    // AbortSignal.any kept one dependant per request on the client's closing signal (Node 20): a leak.
    const dependants = Object.getOwnPropertySymbols(closing).find((symbol) => symbol.description === 'kDependantSignals');
    expect((dependants === undefined ? undefined : (closing as unknown as Record<symbol, Set<unknown>>)[dependants])?.size ?? 0).toBe(0);
    expect(getEventListeners(closing, 'abort')).toHaveLength(before);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('close() rejects queued and in-flight requests instead of leaving them hanging', async () => {
    server.setHandler(() => undefined);
    const inFlight = rest.get(Routes.channel('111111111111111111')).catch((error: unknown) => error);
    const queued = rest.get(Routes.channel('111111111111111111')).catch((error: unknown) => error);
    // In flight means Discord has it: wait for the server to see it rather than for a fixed time.
    while (server.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await rest.close();
    expect(server.received).toHaveLength(1);
    expect(await inFlight).toMatchObject({ reason: 'aborted', attempts: 1 });
    expect(await queued).toMatchObject({ reason: 'aborted', attempts: 0 });
  });

  it('a second close() resolves only once the first has closed the pools and the store', async () => {
    await rest.get(Routes.channel('111111111111111111')); // opens a pooled connection to close
    let firstDone = false;
    const first = rest.close().then(() => {
      firstDone = true;
    });
    await rest.close();
    expect(firstDone).toBe(true);
    await first;
  });

  it('rejects bad routes, reasons and missing tokens with typed errors before sending', async () => {
    await expect(rest.get('/channels/undefined/messages')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
    await expect(rest.get('/users/@me?limit=1' as '/users/@me')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
    await expect(rest.get('users/@me' as '/users')).rejects.toBeInstanceOf(RestUsageError);
    // A message id from user input must not turn "delete a message" into "delete the channel"
    // once a proxy normalises /channels/1/messages/.. to /channels/1.
    await expect(rest.delete(Routes.channelMessage('111111111111111111', '..'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
    await expect(rest.delete(Routes.channelMessage('111111111111111111', '%2E%2E'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
    await expect(rest.delete(Routes.channel('111111111111111111'), { reason: 'x'.repeat(513) })).rejects.toMatchObject({
      code: 'OVEN_ERR_REST_BAD_OPTION',
    });
    const anonymous = new RestClient({ baseURL: server.baseURL });
    await expect(anonymous.get(Routes.user('@me'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_NO_TOKEN' });
    await anonymous.close();
    expect(server.received).toHaveLength(0);
  });

  it('names a request undici refuses (a header with a newline) instead of retrying it', async () => {
    const error = await rest.get(Routes.channel('111111111111111111'), { headers: { 'x-bad': 'a\nb' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestUsageError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION' });
    expect(server.received).toHaveLength(0);
  });

  it('rejects bad options at construction and requests after close', async () => {
    expect(() => new RestClient({ baseURL: 'not a url' })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_REST_BAD_OPTION' }));
    expect(() => new RestClient({ globalRequestsPerSecond: 0 })).toThrow(/globalRequestsPerSecond/);
    expect(() => new RestClient({ invalidRequests: { warnFraction: 0.9, refuseFraction: 0.5 } })).toThrow(/warnFraction/);
    const closed = new RestClient({ token: 't', baseURL: server.baseURL });
    await closed.close();
    await expect(closed.get(Routes.user('@me'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_CLOSED' });
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    for (let index = 0; index < 5; index += 1) await rest.get(Routes.user('@me'));
    const ports = new Set(server.received.map((request) => request.headers.connection));
    expect(ports.has('close')).toBe(false);
    expect(server.received.every((request) => request.headers.connection !== 'close')).toBe(true);
  });
});
