import type { ForwardReference } from '../forward-ref';
import { INJECT_METADATA, PROPERTY_INJECT_METADATA } from '../metadata-keys';
import type { Token } from '../token';

/**
 * A decorator usable on a constructor parameter or on a class property: TypeScript calls it with
 * a parameter index in the first case and without one in the second.
 */
export type ParameterOrPropertyDecorator = (
  target: object,
  propertyKey: string | symbol | undefined,
  parameterIndex?: number,
) => void;

/** A property that `@Inject` fills after construction. */
export interface PropertyInjection {
  readonly key: string | symbol;
  /** `undefined`: the property's declared class (TypeScript's `design:type`). */
  readonly token: Token | ForwardReference<Token> | undefined;
}

/**
 * Injects a token into a constructor parameter or a property. On a parameter it is needed for
 * string, symbol and `InjectionToken` tokens, for interfaces, and when the parameter's class is
 * only imported as a type. On a property, the token defaults to the property's class; the
 * property is set right after the constructor runs (so it is not available inside it).
 *
 * @example
 * ```ts
 * constructor(@Inject(BOT_PREFIX) private readonly prefix: string) {}
 * constructor(@Inject(forwardRef(() => UsersService)) private readonly users: UsersService) {}
 *
 * @Inject() private readonly logger!: Logger;
 * ```
 */
export function Inject(token?: Token | ForwardReference<Token>): ParameterOrPropertyDecorator {
  return (target, propertyKey, parameterIndex) => {
    if (parameterIndex === undefined) {
      if (propertyKey === undefined) return;
      const owner = (target as { constructor: object }).constructor;
      const next = [...getInjectedProperties(owner).filter((entry) => entry.key !== propertyKey), { key: propertyKey, token }];
      Reflect.defineMetadata(PROPERTY_INJECT_METADATA, next, owner);
      return;
    }
    // Without a token on a parameter, the parameter's type (design:paramtypes) already says what to inject.
    if (token === undefined) return;
    const next = new Map(getInjectedTokens(target));
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

/** The properties a class itself (not its parents) declares with `@Inject`. */
export function getInjectedProperties(target: object): readonly PropertyInjection[] {
  return (Reflect.getOwnMetadata(PROPERTY_INJECT_METADATA, target) as PropertyInjection[] | undefined) ?? [];
}
