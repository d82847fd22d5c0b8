import type { LimiterAcquireRequest, LimiterStore } from '../../../src/rest';

const base: LimiterAcquireRequest = {
  route: 'POST /channels/:id/messages',
  major: '111111111111111111',
  global: true,
  globalLimit: 50,
  globalWindowMs: 1000,
  invalidWindowMs: 600_000,
};

/**
 * What every LimiterStore must do, run against the memory store here and the Redis store in
 * test/integration/rest.
 */
export function limiterStoreContract(name: string, create: () => Promise<LimiterStore>, destroy: (store: LimiterStore) => Promise<void>): void {
  describe(`${name} (LimiterStore contract)`, () => {
    let store: LimiterStore;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await destroy(store);
    });

    it('lets the first request of an unknown bucket through and holds the next until it is answered', async () => {
      expect(await store.acquire(base)).toMatchObject({ waitMs: 0, bucket: `${base.route}|${base.major}`, reason: 'none' });
      const held = await store.acquire(base);
      expect(held.reason).toBe('probe');
      expect(held.waitMs).toBeGreaterThan(0);
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 'abc', limit: 2, remaining: 1, resetAfterMs: 60_000 });
      expect(await store.acquire(base)).toMatchObject({ waitMs: 0, bucket: `abc|${base.major}` });
      const exhausted = await store.acquire(base);
      expect(exhausted).toMatchObject({ reason: 'bucket', bucket: `abc|${base.major}` });
      expect(exhausted.waitMs).toBeGreaterThan(59_000);
      expect(store.hashOf(base.route)).toBe('abc');
    });

    it("subtracts the requests still pending behind an answer (pipelining) from Discord's remaining", async () => {
      await store.acquire(base);
      // The probe's answer says 5 of 10 are left, but 3 more requests were sent after it and not answered yet.
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 'p', limit: 10, remaining: 5, resetAfterMs: 60_000, pending: 3 });
      expect(await store.acquire(base)).toMatchObject({ waitMs: 0, bucket: `p|${base.major}` });
      expect(await store.acquire(base)).toMatchObject({ waitMs: 0 });
      expect(await store.acquire(base)).toMatchObject({ reason: 'bucket' });
    });

    it('shares a bucket between routes with the same hash, per major parameter', async () => {
      const other = { ...base, route: 'PATCH /channels/:id/messages/:id' };
      await store.acquire(base);
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 'shared', limit: 1, remaining: 0, resetAfterMs: 60_000 });
      await store.acquire(other);
      await store.update({ kind: 'limits', route: other.route, major: other.major, hash: 'shared', limit: 1, remaining: 0, resetAfterMs: 60_000 });
      expect(await store.acquire(other)).toMatchObject({ reason: 'bucket', bucket: `shared|${base.major}` });
      expect(await store.acquire({ ...other, major: '222222222222222222' })).toMatchObject({ waitMs: 0, bucket: 'shared|222222222222222222' });
    });

    it('keeps the earliest reset answers give within a window, and trusts the count of a rolled-over one', async () => {
      const route = { kind: 'limits' as const, route: base.route, major: base.major, hash: 'e', limit: 5 };
      await store.acquire(base);
      await store.update({ ...route, remaining: 4, resetAfterMs: 1000 });
      await store.acquire(base);
      // A faster answer in the same window: its reset is the tighter upper bound of Discord's.
      await store.update({ ...route, remaining: 3, resetAfterMs: 600 });
      await store.acquire(base);
      await store.acquire(base);
      await store.acquire(base);
      const held = await store.acquire(base);
      expect(held.reason).toBe('bucket');
      expect(held.waitMs).toBeLessThanOrEqual(600);
      // An answer from Discord's next window (reset a window later): its remaining count wins.
      await store.update({ ...route, remaining: 3, resetAfterMs: 1600 });
      for (let index = 0; index < 3; index += 1) expect((await store.acquire(base)).waitMs).toBe(0);
      expect((await store.acquire(base)).reason).toBe('bucket');
    });

    it('starts a new window when the reset has passed', async () => {
      await store.acquire(base);
      // Long enough that a loaded machine still asks inside the window; then the test waits what
      // the store said, so it neither races the reset nor depends on sleep accuracy.
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 'w', limit: 1, remaining: 0, resetAfterMs: 400 });
      const held = await store.acquire(base);
      expect(held.reason).toBe('bucket');
      expect(held.waitMs).toBeLessThanOrEqual(400);
      await new Promise((resolve) => setTimeout(resolve, held.waitMs + 20));
      expect(await store.acquire(base)).toMatchObject({ waitMs: 0 });
    });

    it('treats routes without rate-limit headers as unlimited, and forgets a failed probe', async () => {
      await store.acquire(base);
      await store.update({ kind: 'unlimited', route: base.route, major: base.major, hash: undefined });
      for (let index = 0; index < 5; index += 1) expect((await store.acquire(base)).waitMs).toBe(0);
      const other = { ...base, route: 'GET /guilds/:id' };
      await store.acquire(other);
      await store.update({ kind: 'failed', route: other.route, major: other.major });
      expect((await store.acquire(other)).waitMs).toBe(0);
    });

    it('keeps the global limit as tokens that return one window after use', async () => {
      const request = { ...base, globalLimit: 3, globalWindowMs: 200 };
      for (let index = 0; index < 3; index += 1) {
        expect((await store.acquire({ ...request, major: String(index) })).waitMs).toBe(0);
      }
      const blocked = await store.acquire({ ...request, major: '9' });
      expect(blocked.reason).toBe('global');
      expect(blocked.waitMs).toBeGreaterThan(0);
      expect(blocked.waitMs).toBeLessThanOrEqual(200);
      expect((await store.acquire({ ...request, major: '9', global: false })).waitMs).toBe(0);
    });

    it('counts no global tokens with an Infinity global limit, but still honours a global 429', async () => {
      const unlimited = { ...base, globalLimit: Number.POSITIVE_INFINITY, route: 'GET /channels/:id' };
      await store.acquire(unlimited);
      await store.update({ kind: 'unlimited', route: unlimited.route, major: base.major, hash: undefined });
      for (let index = 0; index < 200; index += 1) {
        expect(await store.acquire({ ...unlimited, major: String(index) })).toMatchObject({ waitMs: 0, globalToken: undefined });
      }
      await store.penalize({ route: unlimited.route, major: base.major, global: true, retryAfterMs: 60_000 });
      const blocked = await store.acquire({ ...unlimited, major: '999' });
      expect(blocked.reason).toBe('global');
      expect(blocked.waitMs).toBeGreaterThan(59_000);
    });

    it('moves a global token to the time of its answer when settled', async () => {
      // Sleeps only ever overshoot: the margin that matters is the settled token's, window - 300 ms.
      const request = { ...base, globalLimit: 2, globalWindowMs: 500 };
      const first = await store.acquire({ ...request, major: 'a' });
      await store.acquire({ ...request, major: 'b' });
      expect(first.globalToken).toEqual(expect.any(String));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The first request's answer arrives now: its token counts from here, not from the grant.
      await store.update({ kind: 'unlimited', route: request.route, major: 'a', hash: undefined, globalToken: first.globalToken! });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // 600 ms after both grants: the unsettled token is back, the settled one is not.
      expect((await store.acquire({ ...request, major: 'c' })).waitMs).toBe(0);
      const held = await store.acquire({ ...request, major: 'd' });
      expect(held.reason).toBe('global');
      expect((await store.acquire({ ...request, major: 'e', global: false })).globalToken).toBeUndefined();
    });

    it('takes back the slot and the global token of a grant that was never used', async () => {
      const request = { ...base, globalLimit: 2, globalWindowMs: 60_000 };
      await store.acquire(request);
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 'u', limit: 2, remaining: 1, resetAfterMs: 60_000 });
      const unused = await store.acquire(request);
      expect(unused.waitMs).toBe(0);
      expect((await store.acquire(request)).reason).not.toBe('none');
      await store.update({ kind: 'unused', route: base.route, major: base.major, globalToken: unused.globalToken! });
      // Both the bucket's last slot and the second global token are free again.
      expect(await store.acquire(request)).toMatchObject({ waitMs: 0, reason: 'none' });
      // A first-request hold is released as well, and nothing is ever given back beyond the limit.
      const other = { ...base, route: 'GET /guilds/:id', global: false };
      await store.acquire(other);
      await store.update({ kind: 'unused', route: other.route, major: other.major });
      expect((await store.acquire(other)).waitMs).toBe(0);
      await store.update({ kind: 'limits', route: other.route, major: other.major, hash: 'v', limit: 1, remaining: 0, resetAfterMs: 60_000 });
      await store.update({ kind: 'unused', route: other.route, major: other.major });
      await store.update({ kind: 'unused', route: other.route, major: other.major });
      expect((await store.acquire(other)).waitMs).toBe(0);
      expect((await store.acquire(other)).reason).toBe('bucket');
    });

    it('blocks a bucket or everything global after a 429', async () => {
      await store.penalize({ route: base.route, major: base.major, global: false, retryAfterMs: 5000 });
      expect((await store.acquire(base)).reason).toBe('bucket');
      await store.penalize({ route: 'GET /users/@me', major: 'global', global: true, retryAfterMs: 5000 });
      expect((await store.acquire({ ...base, route: 'GET /gateway/bot', major: 'global' })).reason).toBe('global');
      expect((await store.acquire({ ...base, route: 'POST /interactions/:id/:token/callback', major: '1', global: false })).waitMs).toBe(0);
    });

    it('takes a 429 retry_after over a later bucket reset (sublimits)', async () => {
      await store.acquire(base);
      await store.update({ kind: 'limits', route: base.route, major: base.major, hash: 's', limit: 10, remaining: 8, resetAfterMs: 60_000 });
      await store.penalize({ route: base.route, major: base.major, global: false, retryAfterMs: 400 });
      const held = await store.acquire(base);
      expect(held.reason).toBe('bucket');
      expect(held.waitMs).toBeLessThanOrEqual(400);
      await new Promise((resolve) => setTimeout(resolve, held.waitMs + 20));
      expect((await store.acquire(base)).waitMs).toBe(0);
    });

    it('counts invalid responses in a sliding window and reports when the oldest leaves', async () => {
      expect(await store.recordInvalid(500)).toBe(1);
      expect(await store.recordInvalid(500)).toBe(2);
      const state = await store.invalidState(500);
      expect(state.count).toBe(2);
      expect(state.nextExpiryMs).toBeGreaterThan(0);
      expect(state.nextExpiryMs).toBeLessThanOrEqual(500);
      expect((await store.acquire({ ...base, invalidWindowMs: 500 })).invalid).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, state.nextExpiryMs + 20));
      const later = await store.invalidState(500);
      expect(later.count).toBeLessThan(2); // the oldest has left
      await new Promise((resolve) => setTimeout(resolve, later.nextExpiryMs + 20));
      expect((await store.invalidState(500)).count).toBe(0);
    });
  });
}
