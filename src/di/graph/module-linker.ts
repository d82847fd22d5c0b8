import { InvalidModuleError } from '../errors/invalid-module.error';
import { ProviderNotExportedError } from '../errors/provider-not-exported.error';
import { UnknownDependencyError } from '../errors/unknown-dependency.error';
import { getModuleMetadata } from '../decorators/module.decorator';
import { isToken, tokenName, type Token } from '../token';
import { isDynamicModule, type ScannedGraph } from './module-scanner';
import type { ModuleNode } from './module-node';
import { dependencySlot, type ProviderRecord } from './provider-record';
import { describeValue } from './provider-normalizer';
import { sameDynamicModule } from './dynamic-module-identity';

/**
 * Computes what each module exports and sees, then points every dependency at the record that
 * satisfies it, reporting missing and private (unexported) tokens with the module chain.
 * `builtins` are visible in every module (EVENT_CONTEXT, DiscoveryService, ModuleRef).
 */
export function linkModules(graph: ScannedGraph, builtins: ReadonlyMap<Token, ProviderRecord>): void {
  for (const node of graph.modules) computeExports(node, new Set());
  const globals = graph.modules.filter((node) => node.global);
  for (const node of graph.modules) {
    for (const [token, record] of builtins) node.visible.set(token, record);
    for (const global of globals) {
      if (global !== node) for (const [token, record] of global.exported ?? []) node.visible.set(token, record);
    }
    for (const edge of node.imports) for (const [token, record] of edge.target.exported ?? []) node.visible.set(token, record);
    node.visible.set(node.metatype, node.moduleRecord);
    for (const [token, record] of node.providers) node.visible.set(token, record);
  }
  for (const node of graph.modules) {
    for (const record of [...node.providers.values(), node.moduleRecord]) resolveDependencies(graph, node, record);
  }
}

function computeExports(node: ModuleNode, inProgress: Set<ModuleNode>): Map<Token, ProviderRecord> {
  if (node.exported !== undefined) return node.exported;
  // Two modules re-exporting each other through a forwardRef: the inner pass sees what is known so far.
  if (inProgress.has(node)) return new Map();
  inProgress.add(node);
  const exported = new Map<Token, ProviderRecord>();
  (node.metadata.exports ?? []).forEach((entry: unknown, index) => {
    const own = isToken(entry) ? node.providers.get(entry) : undefined;
    if (own !== undefined) {
      exported.set(own.token, own);
      return;
    }
    const moduleName = isDynamicModule(entry) ? entry.module.name : typeof entry === 'function' && getModuleMetadata(entry) !== undefined ? entry.name : undefined;
    if (moduleName !== undefined) {
      const imported = node.imports.find(
        (edge) =>
          edge.target.key === entry ||
          edge.target.metatype === entry ||
          (isDynamicModule(entry) && isDynamicModule(edge.target.key) && sameDynamicModule(edge.target.key, entry)),
      );
      if (imported === undefined) {
        throw new InvalidModuleError(
          node.chain,
          `exports[${index}] is the module ${moduleName}, which ${node.name} does not import.`,
          `add ${moduleName} to ${node.name}'s imports, or remove it from exports.`,
        );
      }
      for (const [token, record] of computeExports(imported.target, inProgress)) exported.set(token, record);
      return;
    }
    const fromImport = isToken(entry) ? findInImports(node, entry, inProgress) : undefined;
    if (fromImport !== undefined) {
      exported.set(entry as Token, fromImport);
      return;
    }
    throw new InvalidModuleError(
      node.chain,
      `exports[${index}] is ${isToken(entry) ? tokenName(entry) : describeValue(entry)}, which ${node.name} neither provides nor imports from a module that exports it.`,
      `add it to ${node.name}'s providers, or import the module that exports it.`,
    );
  });
  inProgress.delete(node);
  node.exported = exported;
  return exported;
}

function findInImports(node: ModuleNode, token: Token, inProgress: Set<ModuleNode>): ProviderRecord | undefined {
  for (const edge of node.imports) {
    const record = computeExports(edge.target, inProgress).get(token);
    if (record !== undefined) return record;
  }
  return undefined;
}

function resolveDependencies(graph: ScannedGraph, node: ModuleNode, record: ProviderRecord): void {
  for (const dep of record.deps) {
    dep.target = node.visible.get(dep.token);
    if (dep.target !== undefined || dep.optional) continue;
    const provider = record.kind === 'factory' ? `the factory for ${tokenName(record.token)}` : tokenName(record.token);
    const owner = node.imports.find((edge) => edge.target.providers.has(dep.token));
    if (owner !== undefined) {
      throw new ProviderNotExportedError({
        moduleChain: node.chain,
        provider,
        dependency: tokenName(dep.token),
        slot: dependencySlot(dep),
        ownerModule: owner.target.name,
      });
    }
    const elsewhere = graph.modules.find((other) => other.providers.has(dep.token));
    const signature = `${tokenName(record.source.metatype ?? record.token)}(${record.deps.filter((other) => other.property === undefined).map((other) => (other === dep ? '?' : tokenName(other.token))).join(', ')})`;
    const hint =
      elsewhere !== undefined
        ? `${tokenName(dep.token)} is provided by ${elsewhere.name} (${elsewhere.chain.join(' -> ')}), which ${node.name} does not import: import ${elsewhere.name} in ${node.name} and make sure it exports ${tokenName(dep.token)}.`
        : typeof dep.token === 'function'
          ? `If ${tokenName(dep.token)} is only meant as a type here, inject a token with @Inject(TOKEN) instead.`
          : undefined;
    throw new UnknownDependencyError({
      moduleChain: node.chain,
      provider,
      dependency: tokenName(dep.token),
      slot: dependencySlot(dep),
      signature,
      ...(hint === undefined ? {} : { hint }),
    });
  }
}
