import { OPTIONAL_METADATA, OPTIONAL_PROPERTY_METADATA } from '../metadata-keys';
import type { ParameterOrPropertyDecorator } from './inject.decorator';

/**
 * Lets a constructor parameter or an `@Inject` property be missing: it receives `undefined`
 * instead of failing start-up.
 *
 * @example
 * ```ts
 * constructor(@Optional() @Inject(METRICS) private readonly metrics?: Metrics) {}
 *
 * @Optional() @Inject(METRICS) private readonly metrics?: Metrics;
 * ```
 */
export function Optional(): ParameterOrPropertyDecorator {
  return (target, propertyKey, parameterIndex) => {
    if (parameterIndex === undefined) {
      if (propertyKey === undefined) return;
      const owner = (target as { constructor: object }).constructor;
      Reflect.defineMetadata(OPTIONAL_PROPERTY_METADATA, new Set([...getOptionalProperties(owner), propertyKey]), owner);
      return;
    }
    const next = new Set(getOptionalParameters(target));
    next.add(parameterIndex);
    Reflect.defineMetadata(OPTIONAL_METADATA, next, target);
  };
}

export function getOptionalParameters(target: object): ReadonlySet<number> {
  return (Reflect.getOwnMetadata(OPTIONAL_METADATA, target) as ReadonlySet<number> | undefined) ?? new Set();
}

export function getOptionalProperties(target: object): ReadonlySet<string | symbol> {
  return (Reflect.getOwnMetadata(OPTIONAL_PROPERTY_METADATA, target) as ReadonlySet<string | symbol> | undefined) ?? new Set();
}
