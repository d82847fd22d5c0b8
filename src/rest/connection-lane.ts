import { Client } from 'undici';
import type { ResponseHandler } from './response-handler';

/**
 * What the other requests of a lane get when one of them is cancelled (a timeout, an abort): undici
 * closes the connection to stop the cancelled one, so the rest of the pipeline lost its connection
 * too, after it was sent. The code makes the retry policy treat it as the network failure it is.
 */
export class LaneClosedError extends Error {
  public readonly code = 'UND_ERR_SOCKET';

  public constructor(cause: unknown) {
    super('the pipelined connection was closed to cancel an earlier request sent on it', { cause });
  }
}

/**
 * One keep-alive connection that a pipelining bucket sends all its in-flight requests over, so
 * HTTP/1.1 delivers them to Discord in the order they were sent. A bucket holds a lane while it
 * has requests in flight and gives it back when it drains; lanes are then reused by any bucket.
 *
 * When the connection fails, undici fails the request at the head of the pipeline and would
 * silently send the others again on a new connection, duplicating a POST Discord may already have
 * processed. `fail()` settles every other request of the lane with the same error instead (and
 * aborts it in undici, which then drops it), so the retry policy decides for each one as it does
 * for a lone request: GETs are retried, a POST only when nothing was sent.
 */
export class ConnectionLane {
  /** Buckets holding this lane; more than one only when every lane is taken. */
  public holders = 0;
  private readonly inFlight = new Set<ResponseHandler>();

  public constructor(public readonly client: Client) {}

  public add(handler: ResponseHandler): void {
    this.inFlight.add(handler);
  }

  public remove(handler: ResponseHandler): void {
    this.inFlight.delete(handler);
  }

  /** The connection under `failed` broke with `error`: the rest of the pipeline shares its fate. */
  public fail(failed: ResponseHandler, error: Error): void {
    for (const handler of [...this.inFlight]) if (handler !== failed) handler.failWith(error);
  }
}

/**
 * The lanes of one origin: at most `max` connections; past that, a bucket shares the least-held
 * lane (order within each bucket still holds on a shared connection, at the cost of waiting behind
 * the other bucket's requests).
 */
export class ConnectionLanes {
  private readonly free: ConnectionLane[] = [];
  private readonly all: ConnectionLane[] = [];

  public constructor(
    private readonly origin: string,
    private readonly depth: number,
    private readonly max: number,
    private readonly keepAliveTimeoutMs: number,
    /** Socket options (the client's `tls`) for every lane's connection. */
    private readonly connect?: Client.Options['connect'],
  ) {}

  public take(): ConnectionLane {
    let lane = this.free.pop();
    if (lane === undefined && this.all.length < this.max) {
      lane = new ConnectionLane(
        new Client(this.origin, {
          pipelining: this.depth,
          keepAliveTimeout: this.keepAliveTimeoutMs,
          keepAliveMaxTimeout: this.keepAliveTimeoutMs,
          ...(this.connect === undefined ? {} : { connect: this.connect }),
        }),
      );
      this.all.push(lane);
    }
    if (lane === undefined) lane = this.all.reduce((least, candidate) => (candidate.holders < least.holders ? candidate : least));
    lane.holders += 1;
    return lane;
  }

  public give(lane: ConnectionLane): void {
    lane.holders -= 1;
    if (lane.holders === 0) this.free.push(lane);
  }

  public get size(): number {
    return this.all.length;
  }

  public async close(): Promise<void> {
    const lanes = this.all.splice(0);
    this.free.length = 0;
    await Promise.all(lanes.map((lane) => lane.client.destroy()));
  }
}
