/**
 * A class that can be constructed: the shape of a provider or module class.
 *
 * `never[]` accepts constructors of any arity without resorting to `any`.
 */
export type Type<T = unknown> = new (...args: never[]) => T;

/** An abstract class used only as a lookup key (it is never constructed by the container). */
export type AbstractType<T = unknown> = abstract new (...args: never[]) => T;

/**
 * A typed token for things that have no class of their own: options objects, numbers, functions.
 *
 * @example
 * ```ts
 * export const BOT_PREFIX = new InjectionToken<string>('BOT_PREFIX');
 * @Module({ providers: [{ provide: BOT_PREFIX, useValue: '!' }], exports: [BOT_PREFIX] })
 * export class PrefixModule {}
 * // elsewhere: constructor(@Inject(BOT_PREFIX) private readonly prefix: string) {}
 * ```
 */
export class InjectionToken<T> {
  /** The key inversify stores the binding under; unique even when two tokens share a description. */
  public readonly id: symbol;
  /** Carries `T` through `app.get(token)`; never read at run time. */
  declare public readonly type?: T;

  public constructor(public readonly description: string) {
    this.id = Symbol(description);
  }

  public toString(): string {
    return `InjectionToken(${this.description})`;
  }
}

/** Anything a provider can be registered and injected under. */
export type Token<T = unknown> = Type<T> | AbstractType<T> | InjectionToken<T> | string | symbol;

/** The inversify service identifier for a token: `InjectionToken`s are keyed by their symbol. */
export function serviceId(token: Token): string | symbol | Type | AbstractType {
  return token instanceof InjectionToken ? token.id : token;
}

/** A token as people read it in an error message. */
export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name === '' ? '(anonymous class)' : token.name;
  if (typeof token === 'string') return `"${token}"`;
  if (typeof token === 'symbol') return token.toString();
  if (token instanceof InjectionToken) return token.description;
  return String(token);
}

/** Whether a value can be used as a token at all. */
export function isToken(value: unknown): value is Token {
  return (
    typeof value === 'function' ||
    typeof value === 'string' ||
    typeof value === 'symbol' ||
    value instanceof InjectionToken
  );
}
