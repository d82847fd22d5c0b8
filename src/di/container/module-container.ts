import { Container, type ResolutionContext } from 'inversify';
import { NoEventScopeError } from '../errors/no-event-scope.error';
import type { ModuleNode } from '../graph/module-node';
import type { ProviderRecord } from '../graph/provider-record';
import { EventScope } from '../scope/event-scope';
import { serviceId, tokenName } from '../token';
import { buildInstance } from './instance-builder';

/** How a built-in token is bound: a value per module, or the current event's context. */
export type BuiltinBinding = { readonly kind: 'value'; readonly value: (node: ModuleNode) => unknown } | { readonly kind: 'event-context' };

/**
 * Compiles one module into its own inversify container (no parent chain: parents leak instances
 * between modules). Own providers are bound with their scope; every token the module sees from
 * elsewhere is a transient binding that forwards to the owner's container, so the owner's scope
 * rules apply and its private tokens stay invisible.
 */
export function bindModuleContainer(node: ModuleNode, builtins: ReadonlyMap<ProviderRecord, BuiltinBinding>): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  node.container = container;
  for (const [token, record] of node.visible) {
    const id = serviceId(token) as never;
    const builtin = builtins.get(record);
    if (builtin !== undefined) {
      if (builtin.kind === 'value') container.bind(id).toConstantValue(builtin.value(node));
      else container.bind(id).toDynamicValue(() => currentContext(node, record)).inTransientScope();
      continue;
    }
    if (record.module !== node) {
      const owner = record.module;
      const ownerId = serviceId(record.token) as never;
      container.bind(id).toDynamicValue(() => owner.container.get(ownerId)).inTransientScope();
      continue;
    }
    bindOwn(container, record);
  }
  return container;
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
