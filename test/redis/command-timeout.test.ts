import { withCommandTimeout } from '../../src/redis';

describe('withCommandTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fails a command that does not settle in time, naming the timeout', async () => {
    const never = new Promise<string>(() => undefined);
    const outcome = withCommandTimeout(never, 1_000).catch((error: unknown) => error);
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(await outcome).toEqual(new Error('Command timed out after 1000 ms'));
  });

  it('gives the answer and clears its timer at once when the command settles', async () => {
    await expect(withCommandTimeout(Promise.resolve('PONG'), 1_000)).resolves.toBe('PONG');
    expect(jest.getTimerCount()).toBe(0);
    await expect(withCommandTimeout(Promise.reject(new Error('ERR wrong type')), 1_000)).rejects.toThrow('ERR wrong type');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('never keeps the process alive: its timer is unref()ed', () => {
    jest.useRealTimers();
    const before = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
    const pending = withCommandTimeout(new Promise<never>(() => undefined), 60_000);
    pending.catch(() => undefined);
    expect(process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length).toBe(before);
  });
});
