import { getInjectableOptions } from '../decorators/injectable.decorator';
import { getModuleMetadata } from '../decorators/module.decorator';
import { InvalidModuleError } from '../errors/invalid-module.error';
import { NotInjectableError } from '../errors/not-injectable.error';
import { isForwardReference } from '../forward-ref';
import { SCOPES, type Scope } from '../scope';
import { isToken, tokenName, type Token, type Type } from '../token';
import { readConstructorDependencies } from './constructor-dependencies';
import { readPropertyDependencies } from './property-dependencies';
import type { ModuleNode } from './module-node';
import { ProviderRecord, type Dependency } from './provider-record';

const PROVIDER_FORMS = ['useClass', 'useValue', 'useFactory', 'useExisting'] as const;

/** Turns one `providers[index]` entry into a record, checking every field it relies on. */
export function normalizeProvider(node: ModuleNode, provider: unknown, index: number): ProviderRecord {
  const chain = node.chain;
  const where = `providers[${index}]`;
  if (typeof provider === 'function') {
    return classRecord(node, provider as Type, provider as Type, undefined, index);
  }
  if (typeof provider !== 'object' || provider === null) {
    throw new InvalidModuleError(
      chain,
      `${where} is ${describeValue(provider)}, which is not a provider.`,
      'list a class decorated with @Injectable(), or an object { provide, useClass | useValue | useFactory | useExisting }. ' +
        'An undefined entry usually means two files import each other.',
    );
  }
  const shape = provider as Record<string, unknown>;
  if (!('provide' in shape) || !isToken(shape['provide'])) {
    throw new InvalidModuleError(
      chain,
      `${where} has no valid "provide" token (found ${describeValue(shape['provide'])}).`,
      'set provide to a class, a string, a symbol or an InjectionToken.',
    );
  }
  const token = shape['provide'] as Token;
  const forms = PROVIDER_FORMS.filter((form) => form in shape);
  if (forms.length !== 1) {
    throw new InvalidModuleError(
      chain,
      `${where} (${tokenName(token)}) must have exactly one of useClass, useValue, useFactory, useExisting; it has ${forms.length === 0 ? 'none' : forms.join(', ')}.`,
      'keep exactly one of them.',
    );
  }
  const scope = readScope(node, shape['scope'], `${where} (${tokenName(token)})`);
  switch (forms[0]) {
    case 'useClass': {
      const useClass = shape['useClass'];
      if (typeof useClass !== 'function') {
        throw new InvalidModuleError(chain, `${where} (${tokenName(token)}) has a useClass that is ${describeValue(useClass)}.`, 'set useClass to a class decorated with @Injectable().');
      }
      return classRecord(node, token, useClass as Type, scope, index);
    }
    case 'useValue':
      return new ProviderRecord(node, token, 'value', 'singleton', [], index, { value: shape['useValue'] });
    case 'useFactory': {
      const factory = shape['useFactory'];
      if (typeof factory !== 'function') {
        throw new InvalidModuleError(chain, `${where} (${tokenName(token)}) has a useFactory that is ${describeValue(factory)}.`, 'set useFactory to a function.');
      }
      const inject = shape['inject'] ?? [];
      if (!Array.isArray(inject)) {
        throw new InvalidModuleError(chain, `${where} (${tokenName(token)}) has an inject that is not an array.`, 'set inject to an array of tokens, e.g. inject: [ConfigService].');
      }
      const deps = inject.map((entry: unknown, depIndex) => factoryDependency(node, token, entry, depIndex));
      return new ProviderRecord(node, token, 'factory', scope ?? 'singleton', deps, index, {
        factory: factory as (...args: unknown[]) => unknown,
      });
    }
    default: {
      const existing = shape['useExisting'];
      if (!isToken(existing)) {
        throw new InvalidModuleError(chain, `${where} (${tokenName(token)}) has a useExisting that is ${describeValue(existing)}.`, 'set useExisting to the token to alias.');
      }
      const dep: Dependency = { token: existing, optional: false, index: 0, target: undefined };
      return new ProviderRecord(node, token, 'existing', 'transient', [dep], index, { existing });
    }
  }
}

function classRecord(node: ModuleNode, token: Token, metatype: Type, scope: Scope | undefined, index: number): ProviderRecord {
  if (getModuleMetadata(metatype) !== undefined) {
    throw new InvalidModuleError(
      node.chain,
      `providers[${index}] is the module ${metatype.name}.`,
      `list ${metatype.name} in imports instead of providers.`,
    );
  }
  const options = getInjectableOptions(metatype);
  if (options === undefined) throw new NotInjectableError(node.chain, metatype.name, tokenName(token));
  const declared = scope ?? readScope(node, options.scope, metatype.name) ?? 'singleton';
  const deps = [...readConstructorDependencies(metatype, node.chain), ...readPropertyDependencies(metatype, node.chain)];
  return new ProviderRecord(node, token, 'class', declared, deps, index, { metatype });
}

function factoryDependency(node: ModuleNode, token: Token, entry: unknown, index: number): Dependency {
  let value = entry;
  let optional = false;
  if (typeof value === 'object' && value !== null && 'token' in value && (value as { optional?: unknown }).optional === true) {
    optional = true;
    value = (value as { token: unknown }).token;
  }
  if (isForwardReference(value)) value = value.forwardRef();
  if (!isToken(value)) {
    throw new InvalidModuleError(
      node.chain,
      `inject[${index}] of the factory for ${tokenName(token)} is ${describeValue(value)}, which is not a token.`,
      'list classes, strings, symbols or InjectionTokens (or { token, optional: true }). An undefined entry usually means two files import each other: use forwardRef(() => TheClass).',
    );
  }
  return { token: value, optional, index, target: undefined };
}

function readScope(node: ModuleNode, scope: unknown, what: string): Scope | undefined {
  if (scope === undefined) return undefined;
  if (!SCOPES.includes(scope as Scope)) {
    throw new InvalidModuleError(node.chain, `${what} has scope ${describeValue(scope)}.`, `use one of ${SCOPES.map((s) => `'${s}'`).join(', ')}.`);
  }
  return scope as Scope;
}

/** A value as printed in an error: short, and never throwing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return `the function ${value.name || '(anonymous)'}`;
  if (typeof value === 'string') return `the string "${value}"`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys {${Object.keys(value).join(', ')}}`;
  return `${typeof value} ${String(value)}`;
}

