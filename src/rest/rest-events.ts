import { EventEmitter } from 'node:events';
import type { RateLimitInfo } from './errors/rate-limit-error';
import type { RestMethod } from './rest-request';

/** A request is about to go out (emitted per attempt). */
export interface RequestEvent {
  method: RestMethod;
  path: string;
  route: string;
  bucket: string;
  attempt: number;
}

/** An HTTP answer arrived (per attempt, 429s included). */
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

/** A request had to wait for a rate limit: predicted (`hit` false) or after a 429 (`hit` true). */
export interface RateLimitedEvent extends RateLimitInfo {
  hit: boolean;
  /** `X-RateLimit-Limit` when known. */
  limit: number | undefined;
}

/** The invalid-request count crossed the warning line. */
export interface InvalidRequestWarningEvent {
  count: number;
  warnAt: number;
  refuseAt: number;
  limit: number;
  windowMs: number;
}

/** A failed attempt will be retried after `delayMs`. */
export interface RetryEvent {
  method: RestMethod;
  path: string;
  attempt: number;
  delayMs: number;
  status: number | undefined;
  error: unknown;
}

/** A route's bucket hash was learned: routes with the same hash now share one queue. */
export interface BucketLearnedEvent {
  route: string;
  hash: string;
  major: string;
}

/** Events of RestClient, for logging, metrics and the hooks bridge. */
export interface RestEvents {
  request: RequestEvent;
  response: ResponseEvent;
  rateLimited: RateLimitedEvent;
  invalidRequestWarning: InvalidRequestWarningEvent;
  retry: RetryEvent;
  bucketLearned: BucketLearnedEvent;
}

/** An EventEmitter whose event names and payloads are checked against {@link RestEvents}. */
export class RestEventEmitter {
  private readonly emitter = new EventEmitter();

  /**
   * @example
   * ```ts
   * rest.on('rateLimited', (event) => console.log(event.bucket, event.retryAfterMs));
   * ```
   */
  public on<E extends keyof RestEvents>(event: E, listener: (payload: RestEvents[E]) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  public once<E extends keyof RestEvents>(event: E, listener: (payload: RestEvents[E]) => void): this {
    this.emitter.once(event, listener);
    return this;
  }

  public off<E extends keyof RestEvents>(event: E, listener: (payload: RestEvents[E]) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** Skips building a payload nobody listens to on the hot path. */
  protected listens(event: keyof RestEvents): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

  protected emit<E extends keyof RestEvents>(event: E, payload: RestEvents[E]): void {
    this.emitter.emit(event, payload);
  }
}
