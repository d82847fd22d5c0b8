import { Inject, Injectable, Module, Scope, type Provider, type Type } from '@nestjs/common';
import { ContextIdFactory, NestFactory, REQUEST } from '@nestjs/core';
import type { GraphSpec } from './graph-spec';
import { namedClass } from './named-class';

/** The same spec as NestJS 11 modules. */
export function nestGraph(spec: GraphSpec): Type {
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

/** Builds and initialises a NestJS application context for `root`. */
export async function nestBootstrap(root: Type): Promise<{ close: () => Promise<void> }> {
  const app = await NestFactory.createApplicationContext(root, { logger: false, abortOnError: false });
  await app.init();
  return { close: () => app.close() };
}

/** NestJS's per-request equivalent of the per-event handler: request scope, REQUEST injected. */
export async function nestScopedApp(): Promise<{ resolveOnce: (event: object) => Promise<unknown>; close: () => Promise<void> }> {
  class Store {}
  Injectable()(Store);
  class Handler {
    public constructor(public readonly event: unknown, public readonly store: Store) {}
  }
  Inject(REQUEST)(Handler, undefined, 0);
  Reflect.defineMetadata('design:paramtypes', [Object, Store], Handler);
  Injectable({ scope: Scope.REQUEST })(Handler);
  class ScopedModule {}
  Module({ providers: [Store, Handler] })(ScopedModule);
  const app = await NestFactory.createApplicationContext(ScopedModule, { logger: false, abortOnError: false });
  return {
    resolveOnce: (event) => {
      const contextId = ContextIdFactory.create();
      app.registerRequestByContextId(event, contextId);
      return app.resolve(Handler, contextId);
    },
    close: () => app.close(),
  };
}
