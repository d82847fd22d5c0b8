import { OPTIONAL_METADATA } from '../metadata-keys';
import type { ParameterDecoratorFn } from './inject.decorator';

/**
 * Lets a constructor parameter be missing: it receives `undefined` instead of failing start-up.
 *
 * @example
 * ```ts
 * constructor(@Optional() @Inject(METRICS) private readonly metrics?: Metrics) {}
 * ```
 */
export function Optional(): ParameterDecoratorFn {
  return (target, _propertyKey, parameterIndex) => {
    const next = new Set(getOptionalParameters(target));
    next.add(parameterIndex);
    Reflect.defineMetadata(OPTIONAL_METADATA, next, target);
  };
}

export function getOptionalParameters(target: object): ReadonlySet<number> {
  return (Reflect.getOwnMetadata(OPTIONAL_METADATA, target) as ReadonlySet<number> | undefined) ?? new Set();
}
