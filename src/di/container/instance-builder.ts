import type { ResolutionContext } from 'inversify';
import { AsyncScopedFactoryError } from '../errors/async-scoped-factory.error';
import { FactoryFailedError } from '../errors/factory-failed.error';
import { ProviderConstructionFailedError } from '../errors/provider-construction-failed.error';
import type { Dependency, ProviderRecord } from '../graph/provider-record';
import { serviceId, tokenName } from '../token';

/**
 * Builds one instance of a class or factory record, resolving its dependencies through the
 * inversify resolution context of the record's own module container.
 */
export function buildInstance(record: ProviderRecord, context: ResolutionContext): unknown {
  const resolve = (dep: Dependency): unknown => (dep.target === undefined ? undefined : context.get(serviceId(dep.token) as never));
  const args: unknown[] = [];
  const properties: Dependency[] = [];
  for (const dep of record.deps) {
    if (dep.property === undefined) args.push(resolve(dep));
    else properties.push(dep);
  }
  if (record.kind === 'factory') return callFactory(record, args);
  const metatype = record.source.metatype as unknown as new (...params: unknown[]) => Record<string | symbol, unknown>;
  let instance: Record<string | symbol, unknown>;
  try {
    instance = new metatype(...args);
  } catch (error) {
    throw new ProviderConstructionFailedError(record.module.chain, tokenName(record.token), metatype.name, error);
  }
  for (const dep of properties) instance[dep.property as string | symbol] = resolve(dep);
  return instance;
}

function callFactory(record: ProviderRecord, args: unknown[]): unknown {
  const factory = record.source.factory as (...params: unknown[]) => unknown;
  let result: unknown;
  try {
    result = factory(...args);
  } catch (error) {
    throw new FactoryFailedError(record.module.chain, tokenName(record.token), error);
  }
  if (!(result instanceof Promise)) return result;
  if (record.scope !== 'singleton') {
    // The promise would be injected unresolved; swallow its outcome so it cannot go unhandled.
    result.catch(() => undefined);
    throw new AsyncScopedFactoryError(record.module.chain, tokenName(record.token), record.scope);
  }
  return result.catch((error: unknown) => {
    throw new FactoryFailedError(record.module.chain, tokenName(record.token), error);
  });
}
