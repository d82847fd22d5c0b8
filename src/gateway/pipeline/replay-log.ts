import type { PipelineEvent, ReplayQuery } from './pipeline-types';

/**
 * A fixed-size ring of the most recent events, oldest first on read. Fixed size keeps memory
 * bounded however long the bot runs.
 *
 * @example
 * ```ts
 * const log = new ReplayLog(100);
 * log.record(event);
 * log.entries({ types: ['MESSAGE_CREATE'] });
 * ```
 */
export class ReplayLog {
  private readonly ring: Array<PipelineEvent | undefined>;
  private next = 0;
  private count = 0;

  public constructor(public readonly capacity: number) {
    this.ring = new Array<PipelineEvent | undefined>(capacity);
  }

  /** Events currently held. */
  public get size(): number {
    return this.count;
  }

  public record(event: PipelineEvent): void {
    if (this.capacity === 0) return;
    this.ring[this.next] = event;
    // A compare instead of `%`: an integer division per event.
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** Held events matching `query`, oldest first. */
  public entries(query: ReplayQuery = {}): PipelineEvent[] {
    const out: PipelineEvent[] = [];
    const start = (this.next - this.count + this.capacity) % Math.max(1, this.capacity);
    for (let i = 0; i < this.count; i++) {
      const event = this.ring[(start + i) % this.capacity] as PipelineEvent;
      if (query.types !== undefined && !query.types.includes(event.type)) continue;
      if (query.shardId !== undefined && event.shardId !== query.shardId) continue;
      if (query.since !== undefined && event.receivedAt < query.since) continue;
      out.push(event);
    }
    return out;
  }

  public clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
