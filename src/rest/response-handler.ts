import type { Dispatcher } from 'undici';
import { LaneClosedError, type ConnectionLane } from './connection-lane';
import type { Deadline } from './deadline-list';
import type { RawResponse } from './http-transport';
import { scanRawHeaders } from './rate-limit-headers';
import { isNetworkError } from './retry-policy';

/**
 * undici's core handler for one attempt: collects the status, headers and body chunks and settles
 * once. Used instead of `pool.request()`, which wraps every answer in a Readable stream, an abort
 * listener and a body mixin: on a localhost benchmark that machinery cost more than the HTTP parsing.
 * `cancel()` settles at once (a timeout, an abort, the client closing) and aborts the socket
 * request now or, while the request still waits for a connection, as soon as undici hands it one.
 * The handler is also the abort listener of the caller's signal (`handleEvent`), so an attempt
 * costs no closures beyond its promise's.
 */
export class ResponseHandler implements Dispatcher.DispatchHandler {
  /** The attempt's timeout, cancelled on settling. */
  public deadline: Deadline | undefined;
  /** The caller's own signal, when it is not the client's closing signal. */
  public signal: AbortSignal | undefined;
  /** The pipelining connection the attempt was sent on, if any. */
  public lane: ConnectionLane | undefined;
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
  private first: Buffer | undefined;
  private rest: Buffer[] | undefined;
  private abortRequest: ((reason: Error) => void) | undefined;
  private cancelled: Error | undefined;
  private settled = false;

  public constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly release: (handler: ResponseHandler) => void,
  ) {}

  /** Ends the attempt with `reason` (the caller sees `reason` itself). */
  public cancel(reason: unknown): void {
    if (this.settled) return;
    this.cancelled = reason instanceof Error ? reason : new Error(String(reason));
    this.finish();
    this.reject(reason);
    this.abortRequest?.(this.cancelled);
    // undici closes a pipelined connection to stop one of its requests and would send the others again.
    this.lane?.fail(this, new LaneClosedError(reason));
  }

  /** Settles with `error` because the connection under this attempt broke, and drops it from undici's queue. */
  public failWith(error: Error): void {
    if (this.settled) return;
    this.cancelled = error;
    this.finish();
    this.reject(error);
    this.abortRequest?.(error);
  }

  /** The caller's signal aborted. */
  public handleEvent(): void {
    this.cancel(this.signal?.reason);
  }

  public onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.cancelled !== undefined) abort(this.cancelled);
  }

  public onHeaders(statusCode: number, rawHeaders: Buffer[] | null): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  public onData(chunk: Buffer): boolean {
    if (this.first === undefined) this.first = chunk;
    else (this.rest ??= [this.first]).push(chunk);
    return true;
  }

  public onComplete(): void {
    if (this.settled) return;
    this.finish();
    const text = this.rest !== undefined ? Buffer.concat(this.rest).toString('utf8') : this.first === undefined ? '' : this.first.toString('utf8');
    const { limits, contentType } = scanRawHeaders(this.rawHeaders);
    const json = contentType !== undefined && contentType.startsWith('application/json') && text !== '';
    let data: unknown = text === '' ? undefined : text;
    if (json) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    this.resolve({ status: this.status, rawHeaders: this.rawHeaders, limits, data, text: json ? '' : text, json });
  }

  public onError(error: Error): void {
    if (this.settled) return;
    this.finish();
    this.reject(error);
    if (this.lane !== undefined && isNetworkError(error)) this.lane.fail(this, error);
  }

  private finish(): void {
    this.settled = true;
    this.release(this);
  }
}
