import { Routes } from 'discord-api-types/v10';
import { DiscordAPIError, RestClient, type RestContext, type RestMiddleware } from '../../../src/rest';
import { json, startLocalServer, type LocalServer } from '../support/local-server';

describe('MiddlewarePipeline', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((request, response) =>
      request.path.includes('missing')
        ? json(response, 404, { code: 10003, message: 'Unknown Channel' })
        : json(response, 200, { path: request.path, body: request.body.length > 0 ? JSON.parse(request.body.toString()) : null }),
    );
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('runs middleware as an onion in the order added, once per call', async () => {
    const trace: string[] = [];
    const named = (name: string): RestMiddleware => async (_ctx, next) => {
      trace.push(`${name} in`);
      await next();
      trace.push(`${name} out`);
    };
    rest.use(named('a')).use(named('b'));
    await rest.get(Routes.channel('111111111111111111'));
    expect(trace).toEqual(['a in', 'b in', 'b out', 'a out']);
  });

  it('lets a middleware change the request before and the response after', async () => {
    rest.use(async (ctx, next) => {
      ctx.request.body = { ...(ctx.request.body as object), allowed_mentions: { parse: [] } };
      await next();
      ctx.response!.data = { ...(ctx.response!.data as object), stamped: true };
    });
    const result = await rest.post<{ body: unknown; stamped: boolean }>(Routes.channelMessages('111111111111111111'), { body: { content: 'hi' } });
    expect(result.body).toEqual({ content: 'hi', allowed_mentions: { parse: [] } });
    expect(result.stamped).toBe(true);
  });

  it('lets a middleware turn an error into a response', async () => {
    rest.use(async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        if (error instanceof DiscordAPIError && error.status === 404) {
          ctx.response = { status: 200, headers: {}, data: null };
          return;
        }
        throw error;
      }
    });
    await expect(rest.get('/channels/missing')).resolves.toBeNull();
  });

  it('applies useIf by method, by route pattern and by predicate', async () => {
    const seen: string[] = [];
    const record = (label: string): RestMiddleware => async (ctx, next) => {
      seen.push(`${label}:${ctx.request.method} ${ctx.request.route}`);
      await next();
    };
    rest.pipeline
      .useIf({ method: 'POST' }, record('post'))
      .useIf({ route: '/channels/:id/messages' }, record('messages'))
      .useIf({ method: ['GET'], route: '/guilds/*' }, record('guilds'))
      .useIf((ctx: RestContext) => ctx.request.reason !== undefined, record('reason'));
    await rest.post(Routes.channelMessages('111111111111111111'), { body: {} });
    await rest.get(Routes.guildChannels('222222222222222222'));
    await rest.delete(Routes.channel('111111111111111111'), { reason: 'why' });
    expect(seen).toEqual([
      'post:POST /channels/111111111111111111/messages',
      'messages:POST /channels/111111111111111111/messages',
      'guilds:GET /guilds/222222222222222222/channels',
      'reason:DELETE /channels/111111111111111111',
    ]);
  });

  it('answers without contacting Discord when a middleware sets the response and skips next()', async () => {
    rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: { cached: true } };
    });
    await expect(rest.get(Routes.channel('111111111111111111'))).resolves.toEqual({ cached: true });
    expect(server.received).toHaveLength(0);
  });

  it('rejects next() called twice and a middleware that forgets to await next()', async () => {
    const twice = new RestClient({ token: 't', baseURL: server.baseURL }).use(async (_ctx, next) => {
      await next();
      await next();
    }, 'twice');
    await expect(twice.get(Routes.channel('111111111111111111'))).rejects.toThrow(/"twice" called next\(\) more than once/);
    await twice.close();

    const forgetful = new RestClient({ token: 't', baseURL: server.baseURL }).use((_ctx, next) => {
      void next();
    }, 'forgetful');
    await expect(forgetful.get(Routes.channel('111111111111111111'))).rejects.toThrow(/"forgetful" returned before the rest of the chain finished/);
    await forgetful.close();
  });

  it('rejects a chain that ends without a response, and non-function middleware', async () => {
    rest.use(() => undefined);
    await expect(rest.get(Routes.channel('111111111111111111'))).rejects.toMatchObject({ code: 'OVEN_ERR_REST_MIDDLEWARE' });
    expect(() => rest.use('nope' as unknown as RestMiddleware)).toThrow(/expects a function/);
  });
});
