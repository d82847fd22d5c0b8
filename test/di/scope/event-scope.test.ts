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

  it('keeps one instances map per scope, made on first use and shared across awaits', async () => {
    const seen = await EventScope.run('lazy', async () => {
      const first = EventScope.current()?.instances;
      first?.set(7, 'built in the sync part');
      await new Promise((resolve) => setImmediate(resolve));
      const later = EventScope.current()?.instances;
      return { same: later === first, value: later?.get(7) };
    });
    expect(seen).toEqual({ same: true, value: 'built in the sync part' });
    const scopes = [EventScope.run(1, () => EventScope.current()), EventScope.run(2, () => EventScope.current())];
    expect(scopes[0]?.instances).not.toBe(scopes[1]?.instances);
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
