import { createClassDecorator, createMethodDecorator, DiscoveryService, Injectable, Module, OvenFactory } from '../../../src/di';

describe('createClassDecorator', () => {
  it('stores metadata readable with get(), and indexes the decorated classes', () => {
    const Tag = createClassDecorator<{ label: string }>('Tag');
    @Tag({ label: 'a' })
    class Tagged {}
    class Plain {}
    expect(Tag.get(Tagged)).toEqual({ label: 'a' });
    expect(Tag.get(Plain)).toBeUndefined();
    expect([...Tag.classes]).toEqual([Tagged]);
    expect(Tag.decoratorName).toBe('Tag');
  });

  it('with { injectable } makes the class a provider without @Injectable, keeping an explicit one', async () => {
    const Plugin = createClassDecorator<{ name: string }>('Plugin', { injectable: true });
    const EventPlugin = createClassDecorator<{ name: string }>('EventPlugin', { injectable: { scope: 'event' } });
    @Plugin({ name: 'stats' })
    class StatsPlugin {}
    @EventPlugin({ name: 'per-event' })
    class PerEventPlugin {}
    @Injectable({ scope: 'transient' })
    @EventPlugin({ name: 'explicit' })
    class ExplicitPlugin {}
    @Module({ providers: [StatsPlugin, PerEventPlugin, ExplicitPlugin] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const discovery = app.get(DiscoveryService);
    expect(discovery.getProviders(Plugin).map((found) => [found.metadata.name, found.scope])).toEqual([['stats', 'singleton']]);
    expect(discovery.getProviders(EventPlugin).map((found) => [found.metadata.name, found.scope])).toEqual([
      ['per-event', 'event'],
      ['explicit', 'transient'],
    ]);
    await app.close();
  });

  it('is found on subclasses of a decorated class, with the parent metadata', async () => {
    const Handler = createClassDecorator<{ kind: string }>('Handler');
    @Handler({ kind: 'base' })
    @Injectable()
    class BaseHandler {}
    @Injectable()
    class SpecialHandler extends BaseHandler {}
    @Module({ providers: [SpecialHandler] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const [found] = app.get(DiscoveryService).getProviders(Handler);
    expect(found?.metatype).toBe(SpecialHandler);
    expect(found?.metadata).toEqual({ kind: 'base' });
    await app.close();
  });

  it('caches results per decorator: the same array on every call', async () => {
    const Tag = createClassDecorator('Cached', { injectable: true });
    @Tag()
    class One {}
    @Module({ providers: [One] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const discovery = app.get(DiscoveryService);
    expect(discovery.getProviders(Tag)).toBe(discovery.getProviders(Tag));
    expect(Object.isFrozen(discovery.getProviders(Tag))).toBe(true);
    await app.close();
  });
});

describe('createMethodDecorator', () => {
  it('lists uses per class in declaration order, including inherited methods', () => {
    const On = createMethodDecorator<string>('On');
    class Base {
      @On('base')
      public inherited(): void {}
      @On('base-version')
      public overriddenLater(): void {}
    }
    class Derived extends Base {
      @On('overridden')
      public override overriddenLater(): void {}
      @On('first')
      public first(): void {}
      @On('second-a')
      @On('second-b')
      public second(): void {}
    }
    expect(On.get(Derived).map((use) => [use.methodName, use.metadata])).toEqual([
      ['inherited', 'base'],
      ['overriddenLater', 'overridden'],
      ['first', 'first'],
      ['second', 'second-a'],
      ['second', 'second-b'],
    ]);
    expect(On.get(Base).map((use) => use.metadata)).toEqual(['base', 'base-version']);
    expect(On.classes.has(Derived)).toBe(true);
  });
});
