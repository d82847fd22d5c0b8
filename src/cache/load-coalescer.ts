interface Flight {
  stale: boolean;
  readonly promise: Promise<unknown>;
}

/**
 * One loader call per key at a time: later callers join the running load instead of starting their
 * own (no thundering herd when a popular key expires). A load whose key is written or invalidated
 * meanwhile is marked stale, so its result is handed to the waiters but not cached over the change.
 */
export class LoadCoalescer {
  private readonly flights = new Map<string, Flight>();

  /**
   * The running load of the key, if any that is still current. A load that began before the key
   * was written or invalidated would hand a later caller a value older than that change: that
   * caller reads the cache (or starts a new load) instead.
   */
  public join(key: string): Promise<unknown> | undefined {
    const flight = this.flights.get(key);
    return flight === undefined || flight.stale ? undefined : flight.promise;
  }

  /** Runs `load` as the key's load; `isStale()` tells it whether the key changed since it started. */
  public async run(key: string, load: (isStale: () => boolean) => Promise<unknown>): Promise<unknown> {
    const flight: Flight = { stale: false, promise: load(() => flight.stale) };
    this.flights.set(key, flight);
    try {
      return await flight.promise;
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    }
  }

  public markStale(keys: Iterable<string>): void {
    for (const key of keys) {
      const flight = this.flights.get(key);
      if (flight !== undefined) flight.stale = true;
    }
  }

  public markStalePrefix(prefix: string): void {
    for (const [key, flight] of this.flights) if (key.startsWith(prefix)) flight.stale = true;
  }
}
