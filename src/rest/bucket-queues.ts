import { BucketQueue, type LaneSource } from './bucket-queue';

/** Bucket ids that answered once, remembered so a later burst need not send a lone first request again. */
const MAX_KNOWN = 4096;

/**
 * The live queues by bucket id. A route starts in a queue keyed by its route; once its hash is
 * learned the queue moves to `<hash>|<major>`, or joins the queue already there, so every route of
 * one Discord bucket ends up in one FIFO. Idle queues are dropped.
 */
export class BucketQueues {
  private readonly queues = new Map<string, BucketQueue>();
  private readonly known = new Set<string>();
  private readonly remove = (idle: BucketQueue): void => {
    if (this.queues.get(idle.id) === idle) this.queues.delete(idle.id);
  };
  private readonly remember = (queue: BucketQueue): void => {
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.add(queue.id);
  };

  /** `depth` > 1 makes pipelining queues that send over connections from `lanes`. */
  public constructor(
    private readonly depth = 1,
    private readonly lanes?: LaneSource,
  ) {}

  public get size(): number {
    return this.queues.size;
  }

  /** The queue of bucket `id`; `pipelined` false keeps this bucket strict whatever the depth. */
  public for(id: string, pipelined = true): BucketQueue {
    let queue = this.queues.get(id);
    if (queue === undefined) {
      queue =
        pipelined && this.depth > 1
          ? new BucketQueue(id, this.remove, this.depth, this.known.has(id), this.lanes, this.remember)
          : new BucketQueue(id, this.remove);
      this.queues.set(id, queue);
    }
    return queue;
  }

  /** Moves a queue to the id of the bucket it turned out to be, joining a queue already there. */
  public rekey(queue: BucketQueue, bucket: string): void {
    if (queue.id === bucket) return;
    const existing = this.queues.get(bucket);
    if (existing === queue) return;
    if (existing === undefined) {
      if (this.queues.get(queue.id) === queue) this.queues.delete(queue.id);
      queue.id = bucket;
      if (queue.known) this.remember(queue);
      this.queues.set(bucket, queue);
      return;
    }
    existing.absorb(queue);
  }
}
