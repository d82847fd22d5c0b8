import { getInjectedProperties } from '../decorators/inject.decorator';
import { getOptionalProperties } from '../decorators/optional.decorator';
import { UnresolvableParameterError } from '../errors/unresolvable-parameter.error';
import { isForwardReference } from '../forward-ref';
import { PROPERTY_TYPE } from '../metadata-keys';
import { isToken, type Token, type Type } from '../token';
import type { Dependency } from './provider-record';
import { UNINJECTABLE_TYPES } from './constructor-dependencies';

/**
 * Reads the `@Inject` properties of a class and of its parents (a subclass inherits its parents'
 * injected properties), resolving each token now so a wrong one is reported at start-up.
 */
export function readPropertyDependencies(metatype: Type, moduleChain: readonly string[]): Dependency[] {
  const byKey = new Map<string | symbol, Dependency>();
  const chain: object[] = [];
  for (let current: unknown = metatype; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.unshift(current);
  }
  for (const owner of chain) {
    const optional = getOptionalProperties(owner);
    for (const { key, token: explicit } of getInjectedProperties(owner)) {
      let token: unknown = explicit ?? Reflect.getMetadata(PROPERTY_TYPE, (owner as { prototype: object }).prototype, key);
      if (isForwardReference(token)) token = token.forwardRef();
      if (token === undefined || (explicit === undefined && UNINJECTABLE_TYPES.has(token)) || !isToken(token)) {
        const found = token === undefined ? 'undefined' : typeof token === 'function' ? token.name : typeof token;
        throw new UnresolvableParameterError(moduleChain, metatype.name, String(key), found);
      }
      byKey.set(key, { token: token as Token, optional: optional.has(key), index: -1, property: key, target: undefined });
    }
  }
  return [...byKey.values()];
}
