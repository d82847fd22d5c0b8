import { BucketQueue } from './bucket-queue';

/**
 * The live queues by bucket id. A route starts in a queue keyed by its route; once its hash is
 * learned the queue moves to `<hash>|<major>`, or joins the queue already there, so every route of
 * one Discord bucket ends up in one FIFO. Idle queues are dropped.
 */
export class BucketQueues {
  private readonly queues = new Map<string, BucketQueue>();

  public get size(): number {
    return this.queues.size;
  }

  public for(id: string): BucketQueue {
    let queue = this.queues.get(id);
    if (queue === undefined) {
      queue = new BucketQueue(id, (idle) => {
        if (this.queues.get(idle.id) === idle) this.queues.delete(idle.id);
      });
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
      this.queues.set(bucket, queue);
      return;
    }
    existing.absorb(queue);
  }
}
