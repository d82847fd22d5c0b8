import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import type { TlsOptions } from '../tls';
import { ConnectionLanes, type ConnectionLane } from './connection-lane';
import { DeadlineList } from './deadline-list';
import type { RateLimitHeaders } from './rate-limit-headers';
import { ResponseHandler } from './response-handler';

/** One HTTP attempt, ready to send. */
export interface Attempt {
  origin: string;
  method: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string | Buffer | Readable | undefined;
  timeout: number;
  /** Aborts the attempt. The transport's own `closing` signal needs no per-attempt listener. */
  signal: AbortSignal;
  /** Send on this pipelining connection (see `lane()`) instead of the shared pool. */
  lane?: ConnectionLane | undefined;
}

/** One HTTP answer with its body read. */
export interface RawResponse {
  status: number;
  /** undici's raw `[name, value, ...]`, decoded into an object only if someone reads it (see LazyResponse). */
  rawHeaders: Buffer[] | null;
  /** The rate-limit headers, read from the raw list when the answer arrived. */
  limits: RateLimitHeaders;
  data: unknown;
  /** The body as text when it was not JSON (for HTTPError). */
  text: string;
  json: boolean;
}

/** Thrown when an attempt's own timer, not the caller, aborted it. */
export class AttemptTimeout extends Error {
  public constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * undici with one keep-alive Pool per origin, so every request to Discord reuses warm connections
 * instead of paying a TLS handshake each time. Attempts go straight to `pool.dispatch` with a
 * collecting handler; timeouts share one timer per duration; the client's closing signal is watched
 * once for all attempts instead of once per attempt.
 */
export class HttpTransport {
  private readonly pools = new Map<string, Pool>();
  private readonly lanes = new Map<string, ConnectionLanes>();
  private readonly deadlines = new DeadlineList();
  private readonly inFlight = new Set<ResponseHandler>();

  public constructor(
    private readonly connections: number,
    private readonly keepAliveTimeoutMs: number,
    private readonly closing?: AbortSignal,
    /** Requests one lane may have in flight (the client's `pipelining`). */
    private readonly pipelining: number = 1,
    /** The client's `tls`, given to every connection it opens. */
    private readonly tls?: TlsOptions,
  ) {
    closing?.addEventListener('abort', () => this.cancelAll(closing.reason), { once: true });
  }

  /** In-flight attempts, for tests. */
  public get pending(): number {
    return this.inFlight.size;
  }

  public send(attempt: Attempt): Promise<RawResponse> {
    const { signal } = attempt;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<RawResponse>((resolve, reject) => {
      const handler = new ResponseHandler(resolve, reject, this.release);
      handler.deadline = this.deadlines.add(attempt.timeout, () => handler.cancel(new AttemptTimeout(attempt.timeout)));
      this.inFlight.add(handler);
      if (signal !== this.closing) {
        handler.signal = signal;
        signal.addEventListener('abort', handler, { once: true });
      }
      const { lane } = attempt;
      if (lane === undefined) {
        this.pool(attempt.origin).dispatch(
          { path: attempt.path, method: attempt.method as 'GET', headers: attempt.headers, body: attempt.body ?? null },
          handler,
        );
        return;
      }
      handler.lane = lane;
      lane.add(handler);
      // undici sends nothing behind a request until its headers are back unless it is marked
      // non-blocking, and never pipelines a non-idempotent one; what happens to the rest of the
      // pipeline when the connection fails is decided by ConnectionLane, not by undici's resend.
      lane.client.dispatch(
        {
          path: attempt.path,
          method: attempt.method as 'GET',
          headers: attempt.headers,
          body: attempt.body ?? null,
          idempotent: true,
          blocking: false,
        },
        handler,
      );
    });
  }

  /** Called once per handler when it settles: one function for all attempts, not a closure each. */
  private readonly release = (handler: ResponseHandler): void => {
    this.inFlight.delete(handler);
    handler.deadline?.cancel();
    handler.signal?.removeEventListener('abort', handler);
    handler.lane?.remove(handler);
  };

  /** A pipelining connection to `origin` for one bucket's in-flight requests; `giveLane` when they are all answered. */
  public takeLane(origin: string): ConnectionLane {
    let lanes = this.lanes.get(origin);
    if (lanes === undefined) {
      lanes = new ConnectionLanes(origin, this.pipelining, this.connections, this.keepAliveTimeoutMs, this.connectOptions().connect);
      this.lanes.set(origin, lanes);
    }
    return lanes.take();
  }

  public giveLane(origin: string, lane: ConnectionLane): void {
    this.lanes.get(origin)?.give(lane);
  }

  public async close(): Promise<void> {
    this.cancelAll(new Error('transport closed'));
    this.deadlines.clear();
    const pools = [...this.pools.values()];
    this.pools.clear();
    const lanes = [...this.lanes.values()];
    this.lanes.clear();
    await Promise.all([...pools.map((pool) => pool.destroy()), ...lanes.map((set) => set.close())]);
  }

  private cancelAll(reason: unknown): void {
    for (const handler of [...this.inFlight]) handler.cancel(reason);
  }

  /** undici's socket options for the client's `tls`, as a spreadable `{ connect }` (empty keeps undici's defaults). */
  private connectOptions(): { connect?: { ca?: string | Buffer | Array<string | Buffer>; rejectUnauthorized?: boolean } } {
    if (this.tls === undefined) return {};
    const { ca, rejectUnauthorized } = this.tls;
    return {
      connect: {
        ...(ca === undefined ? {} : { ca: typeof ca === 'string' || Buffer.isBuffer(ca) ? ca : [...ca] }),
        ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }),
      },
    };
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.connections,
        keepAliveTimeout: this.keepAliveTimeoutMs,
        keepAliveMaxTimeout: this.keepAliveTimeoutMs,
        ...this.connectOptions(),
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
