export { Module } from './decorators/module.decorator';
export { Global } from './decorators/global.decorator';
export { Injectable } from './decorators/injectable.decorator';
export type { InjectableOptions } from './decorators/injectable.decorator';
export { Inject } from './decorators/inject.decorator';
export type { ParameterOrPropertyDecorator } from './decorators/inject.decorator';
export { Optional } from './decorators/optional.decorator';
export { forwardRef } from './forward-ref';
export type { ForwardReference } from './forward-ref';
export { InjectionToken } from './token';
export type { Token, Type, AbstractType } from './token';
export type { Scope } from './scope';
export type {
  Provider,
  ClassProvider,
  ValueProvider,
  FactoryProvider,
  ExistingProvider,
  FactoryDependency,
  OptionalFactoryDependency,
} from './provider';
export type { ModuleMetadata, DynamicModule, ModuleImport, ModuleExport, AsyncModuleOptions } from './module-metadata';

export { OvenFactory } from './application/oven-factory';
export { OvenApplication } from './application/oven-application';
export type { OvenApplicationOptions, OvenLogger } from './application/oven-application';
export { ModuleRef } from './application/module-ref';
export type { GetOptions, ResolveOptions } from './application/module-ref';

export type {
  OnModuleInit,
  OnApplicationBootstrap,
  OnApplicationListen,
  OnModuleDestroy,
  BeforeApplicationShutdown,
  OnApplicationShutdown,
} from './lifecycle/hooks';

export { createClassDecorator } from './discovery/class-decorator';
export type { DiscoverableClassDecorator, DecoratorArgs, ClassDecoratorOptions } from './discovery/class-decorator';
export { createMethodDecorator } from './discovery/method-decorator';
export type { DiscoverableMethodDecorator, MethodDecoratorUse } from './discovery/method-decorator';
export { DiscoveryService } from './discovery/discovery-service';
export type { DiscoveredClass, DiscoveredMethod } from './discovery/discovery-service';

export { EventScope } from './scope/event-scope';
export type { EventScopeState } from './scope/event-scope';
export { EVENT_CONTEXT } from './scope/event-context';

export { DiError } from './errors/di-error';
export { UnknownDependencyError } from './errors/unknown-dependency.error';
export { ProviderNotExportedError } from './errors/provider-not-exported.error';
export { ModuleCycleError } from './errors/module-cycle.error';
export { ProviderCycleError } from './errors/provider-cycle.error';
export { NotInjectableError } from './errors/not-injectable.error';
export { UnresolvableParameterError } from './errors/unresolvable-parameter.error';
export { FactoryFailedError } from './errors/factory-failed.error';
export { ProviderConstructionFailedError } from './errors/provider-construction-failed.error';
export { DuplicateProviderError } from './errors/duplicate-provider.error';
export { InvalidModuleError } from './errors/invalid-module.error';
export { LifecycleHookFailedError } from './errors/lifecycle-hook-failed.error';
export { ShutdownFailedError } from './errors/shutdown-failed.error';
export { NoEventScopeError } from './errors/no-event-scope.error';
export { UnknownProviderError } from './errors/unknown-provider.error';
export { AsyncScopedFactoryError } from './errors/async-scoped-factory.error';
export { ApplicationClosedError } from './errors/application-closed.error';
