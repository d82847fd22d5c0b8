/**
 * `max_concurrency` buckets: shard `id` identifies in bucket `id % max_concurrency`, and each bucket
 * allows one identify per interval (5 s on Discord).
 */
export class IdentifyThrottle {
  private readonly lastIdentifyAt = new Map<number, number>();

  public constructor(private readonly intervalMs: number) {}

  /**
   * Records an identify of `shardId` at `now`, or returns the milliseconds the bucket still needs
   * when it came too early (the identify is then refused and not recorded).
   */
  public tryTake(shardId: number, maxConcurrency: number, now: number): { ok: true } | { ok: false; bucket: number; waitMs: number } {
    const bucket = shardId % Math.max(1, maxConcurrency);
    const last = this.lastIdentifyAt.get(bucket);
    if (last !== undefined && now - last < this.intervalMs) {
      return { ok: false, bucket, waitMs: this.intervalMs - (now - last) };
    }
    this.lastIdentifyAt.set(bucket, now);
    return { ok: true };
  }
}
