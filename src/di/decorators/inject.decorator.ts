import type { ForwardReference } from '../forward-ref';
import { INJECT_METADATA } from '../metadata-keys';
import type { Token } from '../token';

/** A constructor parameter decorator, typed loosely enough for TypeScript's constructor slots. */
export type ParameterDecoratorFn = (
  target: object,
  propertyKey: string | symbol | undefined,
  parameterIndex: number,
) => void;

/**
 * Injects a token into a constructor parameter. Needed for string, symbol and `InjectionToken`
 * tokens, for interfaces, and when the parameter's class is only imported as a type.
 *
 * @example
 * ```ts
 * constructor(@Inject(BOT_PREFIX) private readonly prefix: string) {}
 * constructor(@Inject(forwardRef(() => UsersService)) private readonly users: UsersService) {}
 * ```
 */
export function Inject(token: Token | ForwardReference<Token>): ParameterDecoratorFn {
  return (target, _propertyKey, parameterIndex) => {
    const existing = getInjectedTokens(target);
    const next = new Map(existing);
    next.set(parameterIndex, token);
    Reflect.defineMetadata(INJECT_METADATA, next, target);
  };
}

/** The `@Inject` tokens of a class's constructor, by parameter index. */
export function getInjectedTokens(target: object): ReadonlyMap<number, Token | ForwardReference<Token>> {
  return (
    (Reflect.getOwnMetadata(INJECT_METADATA, target) as
      | ReadonlyMap<number, Token | ForwardReference<Token>>
      | undefined) ?? new Map()
  );
}
