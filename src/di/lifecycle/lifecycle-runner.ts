import { LifecycleHookFailedError } from '../errors/lifecycle-hook-failed.error';
import { ShutdownFailedError } from '../errors/shutdown-failed.error';
import type { ProviderRecord } from '../graph/provider-record';
import { tokenName } from '../token';
import type { ShutdownHook, StartupHook } from './hooks';

const SHUTDOWN_PHASES: readonly ShutdownHook[] = ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'];

/**
 * Runs lifecycle hooks over singleton instances in module order (hooks one at a time, so order
 * and failures are deterministic) and tracks which ones are live: built, and initialised if they
 * have `onModuleInit`. Teardown only reaches live instances, in reverse order.
 */
export class LifecycleRunner {
  readonly #live = new Set<ProviderRecord>();

  /** `ordered`: hook targets, global modules (after what they import) first, the root module last. */
  public constructor(private readonly ordered: readonly ProviderRecord[]) {}

  /** Records that an instance exists; without `onModuleInit` it is live from now on. */
  public built(record: ProviderRecord): void {
    if (typeof hookOf(record.instance, 'onModuleInit') !== 'function') this.#live.add(record);
  }

  /** Runs one start-up hook everywhere; on failure tears down what is live and throws. */
  public async start(hook: StartupHook): Promise<void> {
    const called = new Set<unknown>();
    for (const record of this.ordered) {
      if (!record.instantiated) continue;
      const method = hookOf(record.instance, hook);
      if (typeof method !== 'function') continue;
      // Factories may hand out one object under several tokens (client.rest as RestClient): one call each.
      if (called.has(record.instance)) {
        if (hook === 'onModuleInit') this.#live.add(record);
        continue;
      }
      called.add(record.instance);
      try {
        await method.call(record.instance);
      } catch (cause) {
        const teardownErrors = await this.shutdown(undefined);
        throw new LifecycleHookFailedError({
          moduleChain: record.module.chain,
          provider: providerName(record),
          hook,
          cause,
          teardownErrors,
        });
      }
      if (hook === 'onModuleInit') this.#live.add(record);
    }
  }

  /**
   * Runs the three shutdown hooks over live instances in reverse order, each phase complete
   * before the next. Every hook runs even if another failed; the failures are returned.
   */
  public async shutdown(signal: string | undefined): Promise<Error[]> {
    const targets = [...this.ordered].reverse().filter((record) => this.#live.has(record));
    this.#live.clear();
    const errors: Error[] = [];
    for (const hook of SHUTDOWN_PHASES) {
      const called = new Set<unknown>();
      for (const record of targets) {
        const method = hookOf(record.instance, hook);
        if (typeof method !== 'function' || called.has(record.instance)) continue;
        called.add(record.instance);
        try {
          await method.call(record.instance, signal);
        } catch (cause) {
          errors.push(
            new LifecycleHookFailedError({ moduleChain: record.module.chain, provider: providerName(record), hook, cause, teardownErrors: [] }),
          );
        }
      }
    }
    return errors;
  }

  /** Like `shutdown`, but throws one error listing every failure. */
  public async close(signal: string | undefined): Promise<void> {
    const errors = await this.shutdown(signal);
    if (errors.length > 0) throw new ShutdownFailedError(errors);
  }
}

function hookOf(instance: unknown, hook: string): unknown {
  if (typeof instance !== 'object' || instance === null) return undefined;
  return (instance as Record<string, unknown>)[hook];
}

function providerName(record: ProviderRecord): string {
  const className = record.source.metatype?.name;
  const token = tokenName(record.token);
  return className === undefined || className === token ? token : `${className} (${token})`;
}
