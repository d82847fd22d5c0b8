/** The answer of a cooldown store to one use. */
export interface CooldownResult {
  readonly allowed: boolean;
  /** Uses left in the current window (0 when refused). */
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly retryAfterMs: number;
}

/**
 * Counts uses per key in fixed windows. `MemoryCooldownStore` serves one process;
 * `RedisCooldownStore` shares the counts between processes and shards.
 *
 * @example
 * ```ts
 * const result = await store.consume('ping:user:123', 1, 5_000);
 * if (!result.allowed) console.log(`wait ${result.retryAfterMs} ms`);
 * ```
 */
export interface CooldownStore {
  consume(key: string, limit: number, windowMs: number): Promise<CooldownResult>;
}
