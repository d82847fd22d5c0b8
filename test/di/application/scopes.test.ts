import {
  AsyncScopedFactoryError,
  EVENT_CONTEXT,
  EventScope,
  Inject,
  Injectable,
  Module,
  NoEventScopeError,
  OvenFactory,
} from '../../../src/di';

interface FakeInteraction {
  id: string;
}

@Injectable({ scope: 'event' })
class CurrentInteraction {
  public constructor(@Inject(EVENT_CONTEXT) public readonly interaction: FakeInteraction) {}
}

@Injectable()
class Replier {
  // Singleton by declaration, but it holds a per-event provider: it becomes per event too.
  public constructor(public readonly current: CurrentInteraction) {}
}

@Injectable({ scope: 'transient' })
class Draft {}

@Injectable()
class Composer {
  public constructor(public readonly first: Draft, public readonly second: Draft) {}
}

@Module({ providers: [CurrentInteraction, Replier, Draft, Composer] })
class AppModule {}

describe('scopes', () => {
  it('gives one instance per event scope and injects the scope context', async () => {
    const app = await OvenFactory.create(AppModule);
    const [a1, a2] = EventScope.run({ id: 'a' }, () => [app.get(CurrentInteraction), app.get(CurrentInteraction)]);
    const b = EventScope.run({ id: 'b' }, () => app.get(CurrentInteraction));
    expect(a1).toBe(a2);
    expect(a1?.interaction.id).toBe('a');
    expect(b.interaction.id).toBe('b');
    expect(b).not.toBe(a1);
    await app.close();
  });

  it('keeps concurrent scopes apart across awaits', async () => {
    const app = await OvenFactory.create(AppModule);
    const handle = (id: string): Promise<string> =>
      EventScope.run({ id }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        const first = app.get(Replier);
        await new Promise((resolve) => setImmediate(resolve));
        return first === app.get(Replier) ? first.current.interaction.id : 'different instances';
      });
    expect(await Promise.all([handle('x'), handle('y'), handle('z')])).toEqual(['x', 'y', 'z']);
    await app.close();
  });

  it('raises a singleton that depends on a per-event provider to per event', async () => {
    const app = await OvenFactory.create(AppModule);
    expect(() => app.get(Replier)).toThrow(NoEventScopeError);
    const one = EventScope.run({ id: '1' }, () => app.get(Replier));
    const two = EventScope.run({ id: '2' }, () => app.get(Replier));
    expect(one).not.toBe(two);
    expect(two.current.interaction.id).toBe('2');
    await app.close();
  });

  it('makes a new transient instance for every injection', async () => {
    const app = await OvenFactory.create(AppModule);
    const composer = app.get(Composer);
    expect(composer.first).toBeInstanceOf(Draft);
    expect(composer.first).not.toBe(composer.second);
    expect(app.get(Draft)).not.toBe(app.get(Draft));
    await app.close();
  });

  it('resolve() opens a scope with the given context when called outside one', async () => {
    const app = await OvenFactory.create(AppModule);
    const current = await app.resolve(CurrentInteraction, { context: { id: 'resolved' } });
    expect(current.interaction.id).toBe('resolved');
    const inside = await EventScope.run({ id: 'outer' }, () => app.resolve(CurrentInteraction));
    expect(inside.interaction.id).toBe('outer');
    await app.close();
  });

  it('rejects an async factory that is not a singleton', async () => {
    @Module({ providers: [{ provide: 'late', useFactory: async () => 1, scope: 'transient' }] })
    class LateModule {}
    const app = await OvenFactory.create(LateModule);
    expect(() => app.get('late')).toThrow(AsyncScopedFactoryError);
    await app.close();
  });
});
