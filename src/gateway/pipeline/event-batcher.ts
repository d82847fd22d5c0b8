import type { PipelineEvent } from './pipeline-types';

/**
 * Holds events of high-volume types and releases them together, either when `maxSize` is reached
 * or `maxDelayMs` after the first one arrived, so a presence storm costs one delivery pass per
 * batch and no event waits longer than the bound.
 *
 * @example
 * ```ts
 * const batcher = new EventBatcher(100, 500, (events) => deliverAll(events));
 * batcher.add(event);
 * ```
 */
export class EventBatcher {
  private buffer: PipelineEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  public constructor(
    private readonly maxDelayMs: number,
    private readonly maxSize: number,
    private readonly release: (events: PipelineEvent[]) => void,
  ) {}

  public get pending(): number {
    return this.buffer.length;
  }

  public add(event: PipelineEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= this.maxSize) {
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
      this.timer.unref();
    }
  }

  /** Releases whatever is held now. */
  public flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    this.release(events);
  }
}
