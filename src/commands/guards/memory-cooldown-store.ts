import type { CooldownResult, CooldownStore } from './cooldown-store';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Cooldown counts in this process's memory. Expired windows are dropped as they are met and by a
 * sweep every `sweepEvery` uses, so a bot with many users does not grow without bound.
 *
 * @example
 * ```ts
 * const router = new CommandRouter({ rest, applicationId, cooldownStore: new MemoryCooldownStore() });
 * ```
 */
export class MemoryCooldownStore implements CooldownStore {
  private readonly windows = new Map<string, Window>();
  private uses = 0;

  public constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepEvery = 1_000,
  ) {}

  public async consume(key: string, limit: number, windowMs: number): Promise<CooldownResult> {
    const now = this.now();
    this.uses += 1;
    if (this.uses % this.sweepEvery === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    if (window.count >= limit) return { allowed: false, remaining: 0, retryAfterMs: window.resetAt - now };
    window.count += 1;
    return { allowed: true, remaining: limit - window.count, retryAfterMs: window.resetAt - now };
  }

  /** Number of keys currently tracked (expired ones included until swept). */
  public get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
