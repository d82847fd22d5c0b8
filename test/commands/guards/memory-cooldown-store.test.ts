import { MemoryCooldownStore } from '../../../src/commands';

describe('MemoryCooldownStore', () => {
  it('counts uses per key in fixed windows', async () => {
    const clock = { t: 0 };
    const store = new MemoryCooldownStore(() => clock.t);
    expect(await store.consume('a', 2, 1_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 1_000 });
    clock.t = 400;
    expect(await store.consume('a', 2, 1_000)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 600 });
    expect(await store.consume('a', 2, 1_000)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 600 });
    expect(await store.consume('b', 2, 1_000)).toMatchObject({ allowed: true });
    clock.t = 1_000;
    expect(await store.consume('a', 2, 1_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 1_000 });
  });

  it('sweeps expired windows so memory stays bounded', async () => {
    const clock = { t: 0 };
    const store = new MemoryCooldownStore(() => clock.t, 10);
    for (let i = 0; i < 9; i += 1) await store.consume(`user:${i}`, 1, 100);
    expect(store.size).toBe(9);
    clock.t = 200;
    await store.consume('user:new', 1, 100);
    expect(store.size).toBe(1);
  });
});
