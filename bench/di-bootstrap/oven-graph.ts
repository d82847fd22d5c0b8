import { EVENT_CONTEXT, EventScope, Inject, Injectable, Module, OvenFactory, type Provider, type Type } from '../../src/di';
import type { GraphSpec } from './graph-spec';
import { namedClass } from './named-class';

/** Materialises the spec as OvenJS modules; fresh classes each call so no run reuses metadata. */
export function ovenGraph(spec: GraphSpec): Type {
  const classes = new Map<string, Type>();
  const modules = new Map<string, Type>();
  const tokenOf = (name: string): Type | string => classes.get(name) ?? name;
  for (const moduleSpec of spec.modules) {
    const providers: Provider[] = moduleSpec.providers.map((provider) => {
      if (provider.kind === 'value') return { provide: provider.name, useValue: { name: provider.name } };
      if (provider.kind === 'factory') {
        return { provide: provider.name, useFactory: (...deps: unknown[]) => ({ deps }), inject: provider.deps.map(tokenOf) };
      }
      const cls = namedClass(provider.name);
      // What `emitDecoratorMetadata` would write for `constructor(a: A, b: B)`, with string tokens via @Inject.
      provider.deps.forEach((dep, index) => {
        if (typeof tokenOf(dep) === 'string') Inject(dep)(cls, undefined, index);
      });
      Reflect.defineMetadata('design:paramtypes', provider.deps.map((dep) => (typeof tokenOf(dep) === 'string' ? Object : tokenOf(dep))), cls);
      Injectable()(cls);
      classes.set(provider.name, cls);
      return cls;
    });
    const module = namedClass(moduleSpec.name);
    Module({
      imports: moduleSpec.imports.map((name) => modules.get(name) as Type),
      providers,
      exports: moduleSpec.exports.map(tokenOf),
    })(module);
    modules.set(moduleSpec.name, module);
  }
  return modules.get(spec.root) as Type;
}

/** An app whose handler is per event, injecting the event and a singleton. */
export async function ovenScopedApp(): Promise<{ resolveOnce: (event: object) => unknown; close: () => Promise<void> }> {
  class Store {}
  Injectable()(Store);
  class Handler {
    public constructor(public readonly event: unknown, public readonly store: Store) {}
  }
  Inject(EVENT_CONTEXT)(Handler, undefined, 0);
  Reflect.defineMetadata('design:paramtypes', [Object, Store], Handler);
  Injectable({ scope: 'event' })(Handler);
  class ScopedModule {}
  Module({ providers: [Store, Handler] })(ScopedModule);
  const app = await OvenFactory.create(ScopedModule);
  await app.init();
  return {
    resolveOnce: (event) => EventScope.run(event, () => app.get(Handler)),
    close: () => app.close(),
  };
}
