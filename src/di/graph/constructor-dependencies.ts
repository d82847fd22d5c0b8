import { getInjectedTokens } from '../decorators/inject.decorator';
import { getOptionalParameters } from '../decorators/optional.decorator';
import { UnresolvableParameterError } from '../errors/unresolvable-parameter.error';
import { isForwardReference } from '../forward-ref';
import { PARAM_TYPES } from '../metadata-keys';
import { isToken, type Token, type Type } from '../token';
import type { Dependency } from './provider-record';

// Types TypeScript emits for parameters it cannot describe as a class: injecting them would
// silently bind every such parameter to the same meaningless key.
export const UNINJECTABLE_TYPES: ReadonlySet<unknown> = new Set<unknown>([Object, String, Number, Boolean, Symbol, BigInt, Array, Function, Promise]);

/**
 * Reads what a class's constructor needs, from TypeScript's `design:paramtypes` and the
 * `@Inject`/`@Optional` decorators, and rejects parameters that cannot be resolved with an error
 * that names the module, the class and the parameter index.
 */
export function readConstructorDependencies(metatype: Type, moduleChain: readonly string[]): Dependency[] {
  const declaring = findDeclaringClass(metatype);
  const recorded = Reflect.getOwnMetadata(PARAM_TYPES, declaring) as unknown[] | undefined;
  const paramTypes = recorded ?? [];
  const injected = getInjectedTokens(declaring);
  const optional = getOptionalParameters(declaring);
  const count = Math.max(paramTypes.length, declaring.length, ...[...injected.keys()].map((index) => index + 1));
  const deps: Dependency[] = [];
  for (let index = 0; index < count; index++) {
    const explicit = injected.get(index);
    let token: unknown = explicit ?? paramTypes[index];
    if (isForwardReference(token)) token = token.forwardRef();
    if (token === undefined || (explicit === undefined && UNINJECTABLE_TYPES.has(token)) || !isToken(token)) {
      throw new UnresolvableParameterError(moduleChain, metatype.name, index, recorded === undefined && explicit === undefined ? 'no metadata' : describeFound(token));
    }
    deps.push({ token: token as Token, optional: optional.has(index), index, target: undefined });
  }
  return deps;
}

// A subclass without its own constructor has no own paramtypes: its parent's constructor is the
// one that runs, so the parent's parameter metadata is the one that applies.
function findDeclaringClass(metatype: Type): Type {
  let current: unknown = metatype;
  while (typeof current === 'function' && current !== Function.prototype) {
    if (Reflect.hasOwnMetadata(PARAM_TYPES, current) || getInjectedTokens(current).size > 0) return current as Type;
    current = Object.getPrototypeOf(current);
  }
  return metatype;
}

function describeFound(token: unknown): string {
  if (token === undefined) return 'undefined';
  if (typeof token === 'function') return token.name;
  return typeof token;
}
