import { GatewayDestroyedError, GatewayOptionError, IdentifyScheduler } from '../../src/gateway';

async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await jest.advanceTimersByTimeAsync(0);
  return done;
}

describe('IdentifyScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('buckets shards by id % max_concurrency: two waves of two, 5 s apart', async () => {
    const scheduler = new IdentifyScheduler({ maxConcurrency: 2 });
    const granted: Array<[number, number]> = [];
    const start = Date.now();
    const turns = [0, 1, 2, 3].map((id) => scheduler.wait(id).then(() => granted.push([id, Date.now() - start])));
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([
      [0, 0],
      [1, 0],
    ]);
    await jest.advanceTimersByTimeAsync(4999);
    expect(granted).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    await Promise.all(turns);
    expect(granted).toEqual([
      [0, 0],
      [1, 0],
      [2, 5000],
      [3, 5000],
    ]);
  });

  it('uses the configured interval', async () => {
    const scheduler = new IdentifyScheduler({ maxConcurrency: 1, intervalMs: 100 });
    await scheduler.wait(0);
    const second = scheduler.wait(1);
    expect(await settled(second)).toBe(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(await settled(second)).toBe(true);
  });

  it('waits for the session start limit to reset once it is used up', async () => {
    const scheduler = new IdentifyScheduler({
      maxConcurrency: 16,
      sessionStartLimit: { remaining: 1, total: 1000, resetAfter: 60_000 },
    });
    await scheduler.wait(0);
    expect(scheduler.sessionStartsRemaining).toBe(0);
    const next = scheduler.wait(1);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(await settled(next)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(next)).toBe(true);
    expect(scheduler.sessionStartsRemaining).toBe(999);
  });

  it('asks for the real budget once the local count is spent, and uses it instead of waiting', async () => {
    const refresh = jest.fn(async () => ({ remaining: 5, total: 1000, resetAfter: 3_600_000 }));
    const scheduler = new IdentifyScheduler({ maxConcurrency: 16, sessionStartLimit: { remaining: 1, total: 1000, resetAfter: 60_000 }, refresh });
    await scheduler.wait(0);
    expect(refresh).not.toHaveBeenCalled();
    const next = scheduler.wait(7);
    expect(await settled(next)).toBe(true);
    expect(refresh).toHaveBeenCalledWith(7);
    expect(scheduler.sessionStartsRemaining).toBe(4);
  });

  it('keeps waiting for the local reset when the refresh has nothing better', async () => {
    const refresh = jest.fn(async () => undefined);
    const scheduler = new IdentifyScheduler({ maxConcurrency: 16, sessionStartLimit: { remaining: 0, total: 1000, resetAfter: 60_000 }, refresh });
    const first = scheduler.wait(0);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(await settled(first)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(first)).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    // A budget Discord reports as spent too is waited out the same way.
    const spent = new IdentifyScheduler({ maxConcurrency: 1, sessionStartLimit: { remaining: 0, total: 10, resetAfter: 0 }, refresh: async () => ({ remaining: 0, total: 10, resetAfter: 1000 }) });
    const turn = spent.wait(0);
    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(turn)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(turn)).toBe(true);
  });

  it('rejects the turn when the refresh rejects', async () => {
    const failure = new Error('token reset');
    const scheduler = new IdentifyScheduler({ maxConcurrency: 1, sessionStartLimit: { remaining: 0, total: 10, resetAfter: 60_000 }, refresh: async () => Promise.reject(failure) });
    await expect(scheduler.wait(0)).rejects.toBe(failure);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects waiting turns with a typed error when destroyed', async () => {
    const scheduler = new IdentifyScheduler({ maxConcurrency: 1 });
    await scheduler.wait(0);
    const waiting = scheduler.wait(1);
    scheduler.destroy();
    await expect(waiting).rejects.toBeInstanceOf(GatewayDestroyedError);
    await expect(scheduler.wait(2)).rejects.toMatchObject({ code: 'OVEN_ERR_GATEWAY_DESTROYED' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects a max_concurrency that is not a positive integer', () => {
    expect(() => new IdentifyScheduler({ maxConcurrency: 0 })).toThrow(GatewayOptionError);
  });
});
