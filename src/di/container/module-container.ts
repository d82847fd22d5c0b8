import { Container, type ResolutionContext } from 'inversify';
import { NoEventScopeError } from '../errors/no-event-scope.error';
import type { ModuleNode } from '../graph/module-node';
import type { ProviderRecord } from '../graph/provider-record';
import { EventScope } from '../scope/event-scope';
import { serviceId, tokenName, type Token } from '../token';
import { buildInstance } from './instance-builder';

/** How a built-in token is bound: a value per module, or the current event's context. */
export type BuiltinBinding = { readonly kind: 'value'; readonly value: (node: ModuleNode) => unknown } | { readonly kind: 'event-context' };

/**
 * Compiles one module into its own inversify container (no parent chain: parents leak instances
 * between modules). Own providers are bound with their scope; a token the module sees from
 * elsewhere is a transient binding that forwards to the owner's container, so the owner's scope
 * rules apply and its private tokens stay invisible. Forwarding bindings are made for what the
 * module's providers inject; other visible tokens are bound on first lookup (`bindVisibleToken`),
 * which keeps start-up time and memory proportional to the edges actually used.
 */
export function bindModuleContainer(node: ModuleNode, builtins: ReadonlyMap<ProviderRecord, BuiltinBinding>): void {
  for (const record of node.providers.values()) bindVisibleToken(node, record.token, builtins);
  bindVisibleToken(node, node.metatype, builtins);
  for (const record of [...node.providers.values(), node.moduleRecord]) {
    for (const dep of record.deps) if (dep.target !== undefined) bindVisibleToken(node, dep.token, builtins);
  }
}

/** Gives every module its empty container first: forwarding bindings may reach any module. */
export function createModuleContainers(nodes: readonly ModuleNode[]): void {
  for (const node of nodes) node.container = new Container({ defaultScope: 'Singleton' });
}

/** Binds `token` in the module's container if the module can see it and it is not bound yet. */
export function bindVisibleToken(node: ModuleNode, token: Token, builtins: ReadonlyMap<ProviderRecord, BuiltinBinding>): boolean {
  if (node.bound.has(token)) return true;
  const record = node.visible.get(token);
  if (record === undefined) return false;
  node.bound.add(token);
  const container = node.container;
  const id = serviceId(token) as never;
  const builtin = builtins.get(record);
  if (builtin !== undefined) {
    if (builtin.kind === 'value') container.bind(id).toConstantValue(builtin.value(node));
    else container.bind(id).toDynamicValue(() => currentContext(node, record)).inTransientScope();
  } else if (record.module !== node) {
    const owner = record.module;
    const ownerId = serviceId(record.token) as never;
    if (!owner.bound.has(record.token)) bindVisibleToken(owner, record.token, builtins);
    container.bind(id).toDynamicValue(() => owner.container.get(ownerId)).inTransientScope();
  } else {
    bindOwn(container, record);
  }
  return true;
}

function bindOwn(container: Container, record: ProviderRecord): void {
  const id = serviceId(record.token) as never;
  switch (record.kind) {
    case 'value':
      container.bind(id).toConstantValue(record.source.value as never);
      return;
    case 'existing': {
      const target = serviceId(record.source.existing ?? record.token) as never;
      container.bind(id).toDynamicValue((context) => context.get(target)).inTransientScope();
      return;
    }
    default: {
      const build = (context: ResolutionContext): unknown => buildInstance(record, context);
      if (record.scope === 'singleton') {
        container.bind(id).toDynamicValue(build as never).inSingletonScope();
      } else if (record.scope === 'transient') {
        container.bind(id).toDynamicValue(build as never).inTransientScope();
      } else {
        container
          .bind(id)
          .toDynamicValue(((context: ResolutionContext) => perEvent(record, () => build(context))) as never)
          .inTransientScope();
      }
    }
  }
}

function perEvent(record: ProviderRecord, build: () => unknown): unknown {
  const scope = EventScope.current();
  if (scope === undefined) throw new NoEventScopeError(record.module.chain, tokenName(record.token));
  if (scope.instances.has(record.id)) return scope.instances.get(record.id);
  const instance = build();
  scope.instances.set(record.id, instance);
  return instance;
}

function currentContext(node: ModuleNode, record: ProviderRecord): unknown {
  const scope = EventScope.current();
  if (scope === undefined) throw new NoEventScopeError(node.chain, tokenName(record.token));
  return scope.context;
}
