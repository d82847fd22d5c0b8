import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

describe('fake Discord REST faults', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
  });
  afterEach(async () => {
    await discord.close();
  });

  it('answers 500 and 502 for the given number of requests on one route only', async () => {
    discord.restFaults.serverError({ status: 502, route: 'GET /users/@me', times: 2 });
    expect((await http(discord, 'GET', '/gateway/bot')).status).toBe(200);
    const first = await http(discord, 'GET', '/users/@me');
    expect(first.status).toBe(502);
    expect(first.json).toEqual({ message: '502: Bad Gateway', code: 0 });
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(502);
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
    discord.restFaults.serverError();
    expect((await http(discord, 'GET', '/gateway/bot')).status).toBe(500);
  });

  it('resets the connection (the client sees ECONNRESET) and logs it with status 0', async () => {
    discord.restFaults.resetConnection({ route: 'GET /users/@me' });
    const failure = await http(discord, 'GET', '/users/@me').catch((error: unknown) => error);
    expect(failure).toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(discord.requests('GET /users/@me').map((r) => r.status)).toEqual([0]);
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
  });

  it('delays only the faulted route: a later request elsewhere answers first', async () => {
    discord.restFaults.latency(1000, { route: 'GET /users/@me', times: 1 });
    const order: string[] = [];
    const slow = http(discord, 'GET', '/users/@me').then(() => order.push('slow'));
    const fast = http(discord, 'GET', '/gateway/bot').then(() => order.push('fast'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('sends a storm of 429s on one route, then recovers; clear() stops every fault', async () => {
    discord.restFaults.rateLimitStorm({ route: 'GET /users/@me', times: 2, retryAfterMs: 1500 });
    const limited = await http(discord, 'GET', '/users/@me');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: false });
    expect(limited.headers.get('retry-after')).toBe('2');
    discord.restFaults.clear();
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
  });
});
