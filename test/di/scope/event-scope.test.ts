import { EventScope } from '../../../src/di';

describe('EventScope', () => {
  it('exposes the context inside run and nothing outside', () => {
    expect(EventScope.current()).toBeUndefined();
    expect(EventScope.context()).toBeUndefined();
    const seen = EventScope.run({ id: 'evt' }, () => EventScope.context<{ id: string }>()?.id);
    expect(seen).toBe('evt');
    expect(EventScope.current()).toBeUndefined();
  });

  it('gives a nested run a fresh scope and restores the outer one after it', () => {
    EventScope.run('outer', () => {
      const outer = EventScope.current();
      outer?.instances.set(1, 'outer instance');
      EventScope.run('inner', () => {
        expect(EventScope.context()).toBe('inner');
        expect(EventScope.current()?.instances.has(1)).toBe(false);
      });
      expect(EventScope.current()).toBe(outer);
    });
  });

  it('follows awaits, timers and promise callbacks', async () => {
    const seen = await EventScope.run('async', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const fromTimer = await new Promise((resolve) => setTimeout(() => resolve(EventScope.context()), 1));
      return [EventScope.context(), fromTimer];
    });
    expect(seen).toEqual(['async', 'async']);
  });

  it('returns what fn returns and propagates what it throws', () => {
    expect(EventScope.run(null, () => 42)).toBe(42);
    expect(() =>
      EventScope.run(null, () => {
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
  });
});
