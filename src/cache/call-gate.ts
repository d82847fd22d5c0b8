import { CacheClosedError } from './cache-errors';
import type { InFlight } from './in-flight';

/**
 * Whether a Cache still takes calls. `closing` is set the moment `close()` is called, so new calls
 * are refused while the ones already using the tiers (tracked in `inFlight`) finish; `closed` once
 * the tiers themselves are being closed.
 */
export class CallGate {
  public closing = false;
  public closed = false;

  public constructor(public readonly inFlight: InFlight) {}

  public assertOpen(): void {
    if (this.closing) throw new CacheClosedError('The Cache');
  }

  /** Runs a call that uses the tiers: refused (rejecting) once closing, and awaited by `close()`. */
  public guard<T>(call: () => Promise<T>): Promise<T> {
    let work: Promise<T>;
    try {
      this.assertOpen();
      work = call();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.inFlight.add(work);
  }
}
