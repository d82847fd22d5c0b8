import { LifecycleRunner } from '../lifecycle/lifecycle-runner';
import type { ScanOverrides } from '../graph/module-scanner';
import type { DynamicModule } from '../module-metadata';
import { serviceId, type Type } from '../token';
import { ApplicationGraph } from './application-graph';
import { OvenApplication, type OvenApplicationOptions } from './oven-application';

/**
 * Builds applications from a root module.
 *
 * @example
 * ```ts
 * const app = await OvenFactory.create(AppModule);
 * await app.listen();
 * ```
 */
export class OvenFactory {
  /**
   * Compiles the module graph (every error is reported here, with its module chain), then builds
   * every singleton in dependency order, awaiting async factories before their dependents. If a
   * build fails, what was already built is shut down and the promise rejects.
   */
  public static async create(rootModule: Type | DynamicModule, options: OvenApplicationOptions = {}): Promise<OvenApplication> {
    const { graph, lifecycle } = await buildGraph(rootModule, {});
    return new OvenApplication(graph, lifecycle, options);
  }
}

/** Compiles and instantiates a graph; shared by `OvenFactory` and the testing module. */
export async function buildGraph(
  rootModule: Type | DynamicModule,
  overrides: ScanOverrides,
): Promise<{ graph: ApplicationGraph; lifecycle: LifecycleRunner }> {
  const graph = await ApplicationGraph.compile(rootModule, overrides);
  const lifecycle = new LifecycleRunner(graph.hookTargets);
  for (const record of graph.order.instantiation) {
    try {
      const id = serviceId(record.token) as never;
      // Only a factory can be async; everything it feeds is built after it, so the rest resolve synchronously.
      record.instance = record.kind === 'factory' ? await record.container.getAsync(id) : record.container.get(id);
    } catch (error) {
      await lifecycle.shutdown(undefined);
      throw error;
    }
    record.instantiated = true;
    lifecycle.built(record);
  }
  return { graph, lifecycle };
}
