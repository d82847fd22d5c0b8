import { isGlobalModule } from '../decorators/global.decorator';
import { getModuleMetadata } from '../decorators/module.decorator';
import { DuplicateProviderError } from '../errors/duplicate-provider.error';
import { describeCause } from '../errors/factory-failed.error';
import { InvalidModuleError } from '../errors/invalid-module.error';
import { ModuleCycleError } from '../errors/module-cycle.error';
import { isForwardReference } from '../forward-ref';
import { MODULE_METADATA_KEYS, type DynamicModule, type ModuleMetadata } from '../module-metadata';
import { tokenName, type Token, type Type } from '../token';
import { readConstructorDependencies } from './constructor-dependencies';
import { readPropertyDependencies } from './property-dependencies';
import { ModuleNode } from './module-node';
import { describeValue, normalizeProvider } from './provider-normalizer';
import { ProviderRecord } from './provider-record';
import { sameDynamicModule } from './dynamic-module-identity';

/** Replacements applied while scanning, before anything is bound: how test overrides reach deep modules. */
export interface ScanOverrides {
  readonly providers?: ReadonlyMap<Token, object>;
  readonly modules?: ReadonlyMap<Type | DynamicModule, Type | DynamicModule>;
}

/** The scanned module graph, before linking. */
export interface ScannedGraph {
  readonly root: ModuleNode;
  /** In discovery order (depth first from the root). */
  readonly modules: ModuleNode[];
  readonly usedProviderOverrides: Set<Token>;
  readonly usedModuleOverrides: Set<Type | DynamicModule>;
}

interface Frame {
  readonly node: ModuleNode;
  /** Whether the edge that entered this node was a forwardRef. */
  readonly forwardIn: boolean;
}

const DYNAMIC_KEYS = new Set<string>([...MODULE_METADATA_KEYS, 'module']);
const STATIC_KEYS = new Set<string>(MODULE_METADATA_KEYS);

/**
 * Walks the imports from the root module: resolves forward references and async dynamic modules,
 * validates each module's metadata, normalises providers (applying overrides) and reports module
 * cycles that no `forwardRef` marks as intended.
 */
export async function scanModules(rootModule: Type | DynamicModule, overrides: ScanOverrides = {}): Promise<ScannedGraph> {
  const nodes = new Map<Type | DynamicModule, ModuleNode>();
  const modules: ModuleNode[] = [];
  const stack: Frame[] = [];
  const usedProviderOverrides = new Set<Token>();
  const usedModuleOverrides = new Set<Type | DynamicModule>();

  // An override keyed by a module class also replaces every dynamic module of that class; one keyed
  // by a dynamic module replaces the imports equal to it (forRoot() makes a new object per call).
  const replace = (value: unknown): unknown => {
    const keys = [...(overrides.modules?.keys() ?? [])];
    const overridden = isDynamicModule(value)
      ? (keys.find((key) => key === value) ??
        keys.find((key) => isDynamicModule(key) && sameDynamicModule(key, value)) ??
        keys.find((key) => key === value.module))
      : keys.find((key) => key === value);
    if (overridden === undefined) return value;
    usedModuleOverrides.add(overridden);
    return overrides.modules?.get(overridden);
  };

  // forRoot() returns a new object on every call: equal ones are one module, not one per call.
  const sameDynamicNode = (key: Type | DynamicModule): ModuleNode | undefined => {
    if (!isDynamicModule(key)) return undefined;
    return modules.find((node) => isDynamicModule(node.key) && sameDynamicModule(node.key, key));
  };

  const visit = async (raw: unknown, parentChain: readonly string[], where: string): Promise<ModuleNode> => {
    const forward = isForwardReference(raw);
    let value = isForwardReference(raw) ? raw.forwardRef() : raw;
    if (value instanceof Promise) {
      try {
        value = await value;
      } catch (cause) {
        throw new InvalidModuleError(
          parentChain,
          `${where} is a promise of a dynamic module that rejected: ${describeCause(cause)}.`,
          'the code building that module failed; see error.cause for its stack.',
          cause,
        );
      }
    }
    if (value === undefined || value === null) {
      throw new InvalidModuleError(
        parentChain,
        `${where} is ${String(value)}.`,
        'this usually means two module files import each other, so one import is still undefined when the decorator runs: write forwardRef(() => TheModule) in imports.',
      );
    }
    value = replace(value);
    const key = value as Type | DynamicModule;
    const existing = nodes.get(key) ?? sameDynamicNode(key);
    if (existing !== undefined) {
      nodes.set(key, existing);
      checkCycle(existing, forward, stack);
      return existing;
    }
    const node = createNode(key, parentChain, where);
    nodes.set(key, node);
    modules.push(node);
    stack.push({ node, forwardIn: forward });

    const moduleDeps = [...readConstructorDependencies(node.metatype, node.chain), ...readPropertyDependencies(node.metatype, node.chain)];
    node.moduleRecord = new ProviderRecord(node, node.metatype, 'module', 'singleton', moduleDeps, -1, { metatype: node.metatype });
    const firstIndex = new Map<Token, number>();
    (node.metadata.providers ?? []).forEach((provider: unknown, index) => {
      const token = providerToken(provider);
      const replacement = token === undefined ? undefined : overrides.providers?.get(token);
      if (token !== undefined && replacement !== undefined) usedProviderOverrides.add(token);
      const record = normalizeProvider(node, replacement ?? provider, index);
      const previous = firstIndex.get(record.token);
      if (previous !== undefined) throw new DuplicateProviderError(node.chain, tokenName(record.token), previous, index);
      firstIndex.set(record.token, index);
      node.providers.set(record.token, record);
    });

    const imports = node.metadata.imports ?? [];
    for (let index = 0; index < imports.length; index++) {
      const target = await visit(imports[index], node.chain, `imports[${index}] of ${node.name}`);
      node.imports.push({ target, forward: isForwardReference(imports[index]) });
    }
    stack.pop();
    return node;
  };

  const root = await visit(rootModule, [], 'the root module');
  return { root, modules, usedProviderOverrides, usedModuleOverrides };
}

function checkCycle(target: ModuleNode, forward: boolean, stack: readonly Frame[]): void {
  const at = stack.findIndex((frame) => frame.node === target);
  if (at === -1) return;
  const inCycle = stack.slice(at + 1);
  if (forward || inCycle.some((frame) => frame.forwardIn)) return;
  const names = [...stack.slice(at).map((frame) => frame.node.name), target.name];
  throw new ModuleCycleError(target.chain, names);
}

function createNode(key: unknown, parentChain: readonly string[], where: string): ModuleNode {
  if (typeof key === 'function') {
    const metadata = getModuleMetadata(key);
    if (metadata === undefined) {
      throw new InvalidModuleError(
        parentChain.length === 0 ? [key.name] : parentChain,
        `${where} is the class ${key.name}, which has no @Module() decorator.`,
        `decorate ${key.name} with @Module({...}); if it is a provider, list it in providers instead of imports.`,
      );
    }
    const chain = [...parentChain, key.name];
    validateMetadata(metadata, chain, STATIC_KEYS, `@Module() of ${key.name}`);
    return new ModuleNode(key as Type, key as Type, metadata, chain, metadata.global === true || isGlobalModule(key));
  }
  if (isDynamicModule(key)) {
    const base = getModuleMetadata(key.module);
    if (base === undefined) {
      throw new InvalidModuleError(
        parentChain,
        `${where} is a dynamic module whose "module" is ${key.module.name}, which has no @Module() decorator.`,
        `decorate ${key.module.name} with @Module({}) (it may be empty; forRoot() supplies the rest).`,
      );
    }
    const chain = [...parentChain, key.module.name];
    validateMetadata(key, chain, DYNAMIC_KEYS, `the dynamic module of ${key.module.name}`);
    validateMetadata(base, chain, STATIC_KEYS, `@Module() of ${key.module.name}`);
    const merged: ModuleMetadata = {
      imports: [...(base.imports ?? []), ...(key.imports ?? [])],
      providers: [...(base.providers ?? []), ...(key.providers ?? [])],
      exports: [...(base.exports ?? []), ...(key.exports ?? [])],
    };
    const global = key.global ?? (base.global === true || isGlobalModule(key.module));
    return new ModuleNode(key, key.module, merged, chain, global);
  }
  throw new InvalidModuleError(
    parentChain,
    `${where} is ${describeValue(key)}, which is not a module.`,
    'import a class decorated with @Module(), a dynamic module { module, ... } (what forRoot() returns), or forwardRef(() => TheModule).',
  );
}

function validateMetadata(metadata: object, chain: readonly string[], allowed: ReadonlySet<string>, what: string): void {
  for (const key of Object.keys(metadata)) {
    if (!allowed.has(key)) {
      const suggestion = [...allowed].find((known) => known.startsWith(key) || key.startsWith(known.slice(0, -1)));
      throw new InvalidModuleError(
        chain,
        `${what} has an unknown key "${key}".`,
        suggestion === undefined ? `use only ${[...allowed].join(', ')}.` : `did you mean "${suggestion}"?`,
      );
    }
  }
  const record = metadata as Record<string, unknown>;
  for (const list of ['imports', 'providers', 'exports']) {
    if (record[list] !== undefined && !Array.isArray(record[list])) {
      throw new InvalidModuleError(chain, `${what} has "${list}" set to ${describeValue(record[list])}.`, `make ${list} an array, e.g. ${list}: [${list === 'imports' ? 'ConfigModule' : 'GreetingService'}].`);
    }
  }
  if (record['global'] !== undefined && typeof record['global'] !== 'boolean') {
    throw new InvalidModuleError(chain, `${what} has "global" set to ${describeValue(record['global'])}.`, 'set global to true or false.');
  }
}

export function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as { module?: unknown }).module === 'function';
}

function providerToken(provider: unknown): Token | undefined {
  if (typeof provider === 'function') return provider as Type;
  if (typeof provider === 'object' && provider !== null && 'provide' in provider) return (provider as { provide: Token }).provide;
  return undefined;
}
