import type { ForwardReference } from './forward-ref';
import type { Scope } from './scope';
import type { Token, Type } from './token';

/** `{ provide, useClass }`: build `useClass` (with its own dependencies) under `provide`. */
export interface ClassProvider<T = unknown> {
  provide: Token<T>;
  useClass: Type<T>;
  scope?: Scope;
}

/** `{ provide, useValue }`: inject this exact value. */
export interface ValueProvider<T = unknown> {
  provide: Token<T>;
  useValue: T;
}

/** An entry of a factory's `inject` list that may be missing (the factory then receives `undefined`). */
export interface OptionalFactoryDependency {
  token: Token;
  optional: true;
}

/** What a factory's `inject` list may hold. */
export type FactoryDependency = Token | OptionalFactoryDependency | ForwardReference<Token>;

/**
 * `{ provide, useFactory, inject }`: call the factory with the injected tokens. An async factory
 * is awaited before anything that depends on it is built.
 */
export interface FactoryProvider<T = unknown> {
  provide: Token<T>;
  useFactory: (...args: never[]) => T | Promise<T>;
  inject?: FactoryDependency[];
  scope?: Scope;
}

/** `{ provide, useExisting }`: an alias; both tokens give the same instance. */
export interface ExistingProvider<T = unknown> {
  provide: Token<T>;
  useExisting: Token<T>;
}

/** Every form a provider can take in `@Module({ providers })`. */
export type Provider<T = unknown> =
  | Type<T>
  | ClassProvider<T>
  | ValueProvider<T>
  | FactoryProvider<T>
  | ExistingProvider<T>;
