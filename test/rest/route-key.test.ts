import { routeKeyOf } from '../../src/rest';

const NOW = Date.UTC(2026, 10, 25);
/** A snowflake for a moment `msAgo` before NOW. */
function snowflakeAgo(msAgo: number): string {
  return ((BigInt(NOW - msAgo) - 1_420_070_400_000n) << 22n).toString();
}

describe('routeKeyOf', () => {
  it('keeps the channel id as the major parameter and replaces other ids', () => {
    const key = routeKeyOf('GET', '/channels/111111111111111111/messages/222222222222222222', NOW);
    expect(key).toEqual({ route: 'GET /channels/:id/messages/:id', major: '111111111111111111', globalExempt: false });
  });

  it('keys guild routes by guild id and separates methods', () => {
    expect(routeKeyOf('PATCH', '/guilds/333333333333333333/members/444444444444444444', NOW)).toMatchObject({
      route: 'PATCH /guilds/:id/members/:id',
      major: '333333333333333333',
    });
    expect(routeKeyOf('GET', '/guilds/333333333333333333/members/444444444444444444', NOW).route).toBe('GET /guilds/:id/members/:id');
  });

  it('collapses every reaction route into one bucket route whatever the emoji', () => {
    const a = routeKeyOf('PUT', '/channels/111111111111111111/messages/222222222222222222/reactions/%F0%9F%91%8D/@me', NOW);
    const b = routeKeyOf('PUT', '/channels/111111111111111111/messages/222222222222222222/reactions/custom%3A555555555555555555/@me', NOW);
    expect(a.route).toBe('PUT /channels/:id/messages/:id/reactions/:reaction');
    expect(b.route).toBe(a.route);
  });

  it('gives deletes of messages older than 14 days their own bucket', () => {
    const recent = routeKeyOf('DELETE', `/channels/111111111111111111/messages/${snowflakeAgo(60_000)}`, NOW);
    const old = routeKeyOf('DELETE', `/channels/111111111111111111/messages/${snowflakeAgo(15 * 24 * 3600_000)}`, NOW);
    expect(recent.route).toBe('DELETE /channels/:id/messages/:id');
    expect(old.route).toBe('DELETE /channels/:id/messages/:id/delete-old');
    expect(routeKeyOf('GET', `/channels/111111111111111111/messages/${snowflakeAgo(15 * 24 * 3600_000)}`, NOW).route).toBe(
      'GET /channels/:id/messages/:id',
    );
  });

  it('keys token webhooks by id and token, and exempts them and interaction callbacks from the global limit', () => {
    const webhook = routeKeyOf('POST', '/webhooks/666666666666666666/tok-en_1', NOW);
    expect(webhook).toEqual({ route: 'POST /webhooks/:id/:token', major: '666666666666666666/tok-en_1', globalExempt: true });
    const original = routeKeyOf('PATCH', '/webhooks/666666666666666666/abc/messages/@original', NOW);
    expect(original.route).toBe('PATCH /webhooks/:id/:token/messages/@original');
    const callback = routeKeyOf('POST', '/interactions/777777777777777777/aW50ZXJhY3Rpb24/callback', NOW);
    expect(callback).toEqual({ route: 'POST /interactions/:id/:token/callback', major: '777777777777777777', globalExempt: true });
    expect(routeKeyOf('GET', '/webhooks/666666666666666666', NOW)).toMatchObject({ major: '666666666666666666', globalExempt: false });
  });

  it('uses "global" as the major parameter of routes without one', () => {
    expect(routeKeyOf('GET', '/users/@me', NOW)).toEqual({ route: 'GET /users/@me', major: 'global', globalExempt: false });
    expect(routeKeyOf('GET', '/applications/888888888888888888/commands', NOW).route).toBe('GET /applications/:id/commands');
  });

  it('collapses invite and template codes so free-text codes do not grow the route table', () => {
    expect(routeKeyOf('GET', '/invites/discord-developers', NOW).route).toBe('GET /invites/:code');
    expect(routeKeyOf('POST', '/guilds/templates/hgM48av5Q69A', NOW).route).toBe('POST /guilds/templates/:code');
  });
});

describe('route keys stay bounded whatever the input', () => {
  it('turns segments that are neither ids nor Discord path words into one placeholder', () => {
    expect(routeKeyOf('GET', '/channels/111111111111111111/messages/not-an-id', NOW).route).toBe('GET /channels/:id/messages/:param');
    expect(routeKeyOf('GET', '/channels/111111111111111111/polls/222222222222222222/answers/3', NOW).route).toBe(
      'GET /channels/:id/polls/:id/answers/:id',
    );
    expect(routeKeyOf('GET', '/guilds/My%20Guild/members', NOW)).toMatchObject({ route: 'GET /guilds/:param/members', major: ':param' });
    expect(routeKeyOf('GET', '/applications/@me', NOW).route).toBe('GET /applications/@me');
    expect(routeKeyOf('PUT', '/channels/111111111111111111/thread-members/%40me', NOW).route).toBe('PUT /channels/:id/thread-members/@me');
    expect(routeKeyOf('GET', '/channels/111111111111111111/messages/%E0%A4%A', NOW).route).toBe('GET /channels/:id/messages/:param');
  });

  it('maps ten thousand hostile paths onto a handful of route keys and majors', () => {
    const routes = new Set<string>();
    const buckets = new Set<string>();
    for (let index = 0; index < 10_000; index += 1) {
      const junk = `x${index.toString(36)}Y`;
      for (const path of [`/channels/111111111111111111/messages/${junk}`, `/channels/${junk}/messages`, `/guilds/${junk}`, `/${junk}/${junk}`]) {
        const key = routeKeyOf('GET', path, NOW);
        routes.add(key.route);
        buckets.add(`${key.route}|${key.major}`);
      }
    }
    expect(routes.size).toBe(4);
    expect(buckets.size).toBe(4);
  });
});
