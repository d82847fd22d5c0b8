/**
 * The strict FIFO of one rate-limit bucket: one job runs at a time, in the order pushed, so
 * requests to one bucket reach Discord in the order the bot made them and a 429'd request is
 * retried before anything behind it (it is still the running job). Different buckets have different
 * queues and run concurrently.
 */
export class BucketQueue {
  private jobs: Array<(() => Promise<void>) | undefined> = [];
  private head = 0;
  private running = false;

  public constructor(
    public id: string,
    private readonly onIdle: (queue: BucketQueue) => void,
  ) {}

  public get size(): number {
    return this.jobs.length - this.head + (this.running ? 1 : 0);
  }

  /** `job` must not reject: it settles its caller's promise itself. */
  public push(job: () => Promise<void>): void {
    this.jobs.push(job);
    if (!this.running) void this.drain();
  }

  /** Moves every waiting job of `other` behind this queue's, keeping their order. */
  public absorb(other: BucketQueue): void {
    for (let index = other.head; index < other.jobs.length; index += 1) {
      const job = other.jobs[index];
      if (job !== undefined) this.jobs.push(job);
    }
    other.jobs = [];
    other.head = 0;
    if (!this.running && this.jobs.length > this.head) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.head < this.jobs.length) {
      const job = this.jobs[this.head]!;
      this.jobs[this.head] = undefined;
      this.head += 1;
      await job();
    }
    this.jobs = [];
    this.head = 0;
    this.running = false;
    this.onIdle(this);
  }
}
