interface Waiter {
  resolve(): void;
  detach(): void;
}

/**
 * One waiter at a time polls for the global limit; the others park here without timers, in FIFO
 * order. Without it every bucket blocked on the global limit sleeps until the same instant, wakes
 * together, and all but one go back to sleep: with a thousand busy channels that is a thousand
 * store calls (Lua scripts, with Redis) per token. The gate also makes the global limit fair:
 * buckets get global tokens in the order they asked.
 */
export class GlobalGate {
  private held = false;
  private waiters: Array<Waiter | undefined> = [];
  private head = 0;

  /** Resolves when the caller is the one waiter allowed to poll; rejects with the signal's reason. */
  public enter(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter, this.head);
        if (index !== -1) this.waiters[index] = undefined;
        reject(signal.reason);
      };
      const waiter: Waiter = { resolve, detach: () => signal.removeEventListener('abort', onAbort) };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** The polling waiter got its token (or gave up): hand the gate to the next one. */
  public leave(): void {
    while (this.head < this.waiters.length) {
      const next = this.waiters[this.head];
      this.waiters[this.head] = undefined;
      this.head += 1;
      if (next !== undefined) {
        next.detach();
        next.resolve();
        return;
      }
    }
    this.waiters = [];
    this.head = 0;
    this.held = false;
  }

  /** Waiters parked behind the polling one. */
  public get parked(): number {
    let count = 0;
    for (let index = this.head; index < this.waiters.length; index += 1) if (this.waiters[index] !== undefined) count += 1;
    return count;
  }
}
