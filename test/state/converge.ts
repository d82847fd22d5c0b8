/** Something that reports progress: a store (`subscribe`) or a StateSync (`on('advanced')`). */
type Watchable = { subscribe(listener: () => void): () => void } | { on(event: 'advanced', listener: () => void): () => void };

/** Resolves once `done()` holds, re-checking after every change or sync step of the given watchables (no timers). */
export function until(watched: readonly Watchable[], done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const check = (): void => {
      if (!done()) return;
      for (const stop of stops) stop();
      resolve();
    };
    for (const item of watched) stops.push('subscribe' in item ? item.subscribe(check) : item.on('advanced', check));
    check();
  });
}
