/** A signal that aborts when any source does, and a `release()` that unhooks it from all. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  release(): void;
}

/**
 * Joins a request's own signal to the client's long-lived closing signal. Not `AbortSignal.any`:
 * on Node 20 every signal it makes stays registered on its sources until they abort, so joining
 * the closing signal once per request grew without bound for the life of the client.
 */
export function linkSignals(first: AbortSignal, ...others: AbortSignal[]): LinkedSignal {
  const controller = new AbortController();
  const sources = [first, ...others];
  const onAbort = (event: Event): void => {
    controller.abort((event.target as AbortSignal).reason);
    release();
  };
  const release = (): void => {
    for (const source of sources) source.removeEventListener('abort', onAbort);
  };
  const aborted = sources.find((source) => source.aborted);
  if (aborted !== undefined) controller.abort(aborted.reason);
  else for (const source of sources) source.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release };
}
