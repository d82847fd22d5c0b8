import type { ConnectionLane } from './connection-lane';

/** Where a queue gets the connection its pipelined requests share. */
export interface LaneSource {
  take(): ConnectionLane;
  give(lane: ConnectionLane): void;
}

/**
 * A started job's place in its bucket. In a strict queue (depth 1) it is always free to send. In a
 * pipelining queue it may send only when every earlier started job of the bucket is in flight (sent
 * and not yet answered) or finished: so requests leave in call order, and a job that got an answer
 * it will retry (a 429, a 5xx, a reset) holds back every later job that has not been sent yet until
 * its retry is sent.
 */
export interface BucketTurn {
  /** Undefined when the job may send now; otherwise resolves when it may (rejects when `signal` aborts). */
  ready(signal: AbortSignal): Promise<void> | undefined;
  /**
   * The job is about to ask the limiter for a slot: from here until it is answered (or gives the
   * claim up with `unclaim()` because it was told to wait), its slot counts in `othersInFlight()`.
   * With an asynchronous store (Redis) another request's answer can be settled between the store
   * granting this slot and `sent()`; without the claim it would be left out of that answer's count.
   */
  claim(): void;
  /** The limiter granted nothing: the job waits and will claim again. */
  unclaim(): void;
  /** The attempt was handed to the connection. */
  sent(): void;
  /** The attempt's answer (or failure) arrived: the job is deciding, or will retry. */
  answered(): void;
  /** The connection every in-flight request of this bucket uses, or undefined for the shared pool. */
  lane(): ConnectionLane | undefined;
  /** Other requests of the bucket granted or sent and not yet answered: an answer's `remaining` does not count them. */
  othersInFlight(): number;
}

/** `job` must not reject: it settles its caller's promise itself. */
export type QueueJob = (turn: BucketTurn) => Promise<void>;

const FREE_TURN: BucketTurn = {
  ready: () => undefined,
  claim: () => undefined,
  unclaim: () => undefined,
  sent: () => undefined,
  answered: () => undefined,
  lane: () => undefined,
  othersInFlight: () => 0,
};

class PipelineTurn implements BucketTurn {
  public inFlight = false;
  public claimed = false;
  public waiter: { resolve: () => void; reject: (reason: unknown) => void; signal: AbortSignal } | undefined;

  public constructor(private readonly queue: BucketQueue) {}

  public ready(signal: AbortSignal): Promise<void> | undefined {
    return this.queue.ready(this, signal);
  }

  public claim(): void {
    this.claimed = true;
  }

  public unclaim(): void {
    this.claimed = false;
  }

  public sent(): void {
    this.inFlight = true;
    this.claimed = false;
    this.queue.wake();
  }

  public answered(): void {
    this.inFlight = false;
    this.claimed = false;
    this.queue.learned();
  }

  public lane(): ConnectionLane | undefined {
    return this.queue.lane();
  }

  public othersInFlight(): number {
    return this.queue.inFlightExcept(this);
  }

  /** The abort listener of a waiting turn. */
  public handleEvent(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.waiter = undefined;
    waiter.reject(waiter.signal.reason);
  }
}

/**
 * The FIFO of one rate-limit bucket. Strict (depth 1, the default): one job runs at a time, in the
 * order pushed, so requests to one bucket reach Discord in the order the bot made them and a 429'd
 * request is retried before anything behind it (it is still the running job). Pipelining (depth
 * n > 1): up to n jobs run at once, sending in push order over one connection (see BucketTurn), but
 * only one until the bucket's first answer arrived, so its limits are learned before more go out.
 * Different buckets have different queues and run concurrently.
 */
export class BucketQueue {
  private jobs: Array<QueueJob | undefined> = [];
  private head = 0;
  private running = false;
  private readonly active: PipelineTurn[] = [];
  private connection: ConnectionLane | undefined;

  public constructor(
    public id: string,
    private readonly onIdle: (queue: BucketQueue) => void,
    private readonly depth = 1,
    /** The bucket answered before (in this queue or an earlier one with its id): no lone first request. */
    public known = false,
    private readonly lanes?: LaneSource,
    private readonly onLearned?: (queue: BucketQueue) => void,
  ) {}

  public get size(): number {
    return this.jobs.length - this.head + (this.depth === 1 ? (this.running ? 1 : 0) : this.active.length);
  }

  public push(job: QueueJob): void {
    this.jobs.push(job);
    if (this.depth > 1) this.pump();
    else if (!this.running) void this.drain();
  }

  /** Takes a job that has not started out of the queue; false when it already started (or is unknown). */
  public drop(job: QueueJob): boolean {
    const index = this.jobs.indexOf(job, this.head);
    if (index === -1) return false;
    this.jobs[index] = undefined;
    return true;
  }

  /** Moves every waiting job of `other` behind this queue's, keeping their order. */
  public absorb(other: BucketQueue): void {
    for (let index = other.head; index < other.jobs.length; index += 1) {
      const job = other.jobs[index];
      if (job !== undefined) this.jobs.push(job);
    }
    other.jobs = [];
    other.head = 0;
    if (this.jobs.length === this.head) return;
    if (this.depth > 1) this.pump();
    else if (!this.running) void this.drain();
  }

  /** @internal See BucketTurn.ready. */
  public ready(turn: PipelineTurn, signal: AbortSignal): Promise<void> | undefined {
    if (this.firstWaiting() === turn) return undefined;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      turn.waiter = { resolve, reject, signal };
      signal.addEventListener('abort', turn, { once: true });
    });
  }

  /** @internal Lets the first turn that is not in flight send, if it is waiting to. */
  public wake(): void {
    const first = this.firstWaiting();
    const waiter = first?.waiter;
    if (first === undefined || waiter === undefined) return;
    first.waiter = undefined;
    waiter.signal.removeEventListener('abort', first);
    waiter.resolve();
  }

  /** @internal An answer arrived: the bucket's limits are known from now on. */
  public learned(): void {
    if (this.known) return;
    this.known = true;
    this.onLearned?.(this);
    this.pump();
  }

  /** @internal The connection of this queue's pipeline, taken on first use and given back when idle. */
  public lane(): ConnectionLane | undefined {
    if (this.lanes === undefined) return undefined;
    this.connection ??= this.lanes.take();
    return this.connection;
  }

  /** @internal */
  public inFlightExcept(turn: PipelineTurn): number {
    let count = 0;
    for (const other of this.active) if (other !== turn && (other.inFlight || other.claimed)) count += 1;
    return count;
  }

  private firstWaiting(): PipelineTurn | undefined {
    for (const turn of this.active) if (!turn.inFlight) return turn;
    return undefined;
  }

  private pump(): void {
    const limit = this.known ? this.depth : 1;
    while (this.active.length < limit && this.head < this.jobs.length) {
      const job = this.jobs[this.head];
      this.jobs[this.head] = undefined;
      this.head += 1;
      if (job === undefined) continue;
      const turn = new PipelineTurn(this);
      this.active.push(turn);
      void job(turn).then(() => this.finish(turn));
    }
    if (this.head === this.jobs.length) {
      this.jobs = [];
      this.head = 0;
      if (this.active.length === 0) {
        if (this.connection !== undefined) this.lanes?.give(this.connection);
        this.connection = undefined;
        this.onIdle(this);
      }
    }
  }

  private finish(turn: PipelineTurn): void {
    this.active.splice(this.active.indexOf(turn), 1);
    this.wake();
    this.pump();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.head < this.jobs.length) {
      const job = this.jobs[this.head];
      this.jobs[this.head] = undefined;
      this.head += 1;
      if (job !== undefined) await job(FREE_TURN);
    }
    this.jobs = [];
    this.head = 0;
    this.running = false;
    this.onIdle(this);
  }
}
