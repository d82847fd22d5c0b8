import { createRestProxy, type RestProxy } from '../../../src/proxy';
import { FakeDiscord } from '../../../src/testing';

const MESSAGES = 'POST /channels/{channel_id}/messages';

/** Resolves once `check` holds, polling; the jest timeout bounds it. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('RestProxy lifecycle', () => {
  let discord: FakeDiscord;
  let proxy: RestProxy;
  let channelId: string;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, rateLimits: { global: false, routes: { [MESSAGES]: { limit: 1, windowMs: 800 } } } });
    channelId = discord.createGuild({ name: 'lifecycle' }).system_channel_id!;
    proxy = await createRestProxy({ port: 0, rest: { baseURL: discord.restUrl } }).listen();
  });

  afterEach(async () => {
    await proxy.close();
    await discord.close();
  });

  const post = (content: string, signal?: AbortSignal): Promise<Response> =>
    fetch(`${proxy.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content }),
      ...(signal === undefined ? {} : { signal }),
    });

  it('withdraws a queued request when its client hangs up, so it never reaches Discord', async () => {
    expect((await post('first')).status).toBe(200);
    const controller = new AbortController();
    const second = post('second', controller.signal).catch((error: unknown) => error);
    // The bucket is spent: the second request waits in the proxy's queue.
    await until(() => proxy.snapshot().inFlight === 1);
    controller.abort();
    expect(await second).toMatchObject({ name: 'AbortError' });
    await until(() => proxy.snapshot().inFlight === 0);
    // Past the bucket's reset, a third request goes out, and the withdrawn one never did.
    expect((await post('third')).status).toBe(200);
    expect(discord.requests(MESSAGES).map((request) => (request.body as { content: string }).content)).toEqual(['first', 'third']);
  });

  it('answers requests still queued at close() with 503 OVEN_ERR_PROXY_CLOSED, and refuses new ones', async () => {
    expect((await post('first')).status).toBe(200);
    const queued = post('queued');
    await until(() => proxy.snapshot().inFlight === 1);
    const closing = proxy.close();
    const response = await queued;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { code: string }).code).toBe('OVEN_ERR_PROXY_CLOSED');
    await closing;
    await expect(fetch(`${proxy.url}/healthz`)).rejects.toThrow();
    await expect(proxy.listen()).rejects.toMatchObject({ code: 'OVEN_ERR_PROXY_CLOSED' });
  });
});
