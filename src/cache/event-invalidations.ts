import type { BackgroundWork } from './background-work';
import type { CallGate } from './call-gate';
import type { CacheEventSource, CacheInvalidation } from './cache-events';

/**
 * `invalidateOn`: listeners on other emitters that invalidate what a selector picks, in the
 * background (a selector or tier failure is a `backgroundError`, never thrown into the emitter).
 */
export class EventInvalidations {
  private readonly detachers = new Set<() => void>();

  public constructor(
    private readonly gate: CallGate,
    private readonly background: BackgroundWork,
    private readonly invalidate: (namespace: string, what: CacheInvalidation) => Promise<void>,
  ) {}

  public listen<E extends string | symbol, Args extends unknown[]>(
    namespace: string,
    source: CacheEventSource<E, Args>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void {
    this.gate.assertOpen();
    const listener = (...args: Args): void => {
      if (this.gate.closing) return;
      this.background.track(
        (async () => {
          const what = select(...args);
          if (what !== undefined) await this.invalidate(namespace, what);
        })(),
        'event',
      );
    };
    source.on(event, listener);
    const detach = (): void => {
      source.off(event, listener);
      this.detachers.delete(detach);
    };
    this.detachers.add(detach);
    return detach;
  }

  public detachAll(): void {
    for (const detach of [...this.detachers]) detach();
  }
}
