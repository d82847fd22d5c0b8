import type { Dispatcher } from 'undici';
import type { RawResponse } from './http-transport';
import type { ResponseHeaders } from './rate-limit-headers';

/**
 * undici's core handler for one attempt: collects the status, headers and body chunks and settles
 * once. Used instead of `pool.request()`, which wraps every answer in a Readable stream, an abort
 * listener and a body mixin: on a localhost benchmark that machinery cost more than the HTTP parsing.
 * `cancel()` settles at once (a timeout, an abort, the client closing) and aborts the socket
 * request now or, while the request still waits for a connection, as soon as undici hands it one.
 */
export class ResponseHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: ResponseHeaders = {};
  private readonly chunks: Buffer[] = [];
  private abortRequest: ((reason: Error) => void) | undefined;
  private cancelled: Error | undefined;
  private settled = false;

  public constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly onSettled: () => void,
  ) {}

  /** Ends the attempt with `reason` (the caller sees `reason` itself). */
  public cancel(reason: unknown): void {
    if (this.settled) return;
    this.cancelled = reason instanceof Error ? reason : new Error(String(reason));
    this.finish();
    this.reject(reason);
    this.abortRequest?.(this.cancelled);
  }

  public onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.cancelled !== undefined) abort(this.cancelled);
  }

  public onHeaders(statusCode: number, rawHeaders: Buffer[] | null): boolean {
    this.status = statusCode;
    if (rawHeaders !== null) this.headers = parseRawHeaders(rawHeaders);
    return true;
  }

  public onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  public onComplete(): void {
    if (this.settled) return;
    this.finish();
    const text = this.chunks.length === 0 ? '' : this.chunks.length === 1 ? this.chunks[0]!.toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
    const contentType = this.headers['content-type'];
    const json = typeof contentType === 'string' && contentType.startsWith('application/json') && text !== '';
    let data: unknown = text === '' ? undefined : text;
    if (json) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    this.resolve({ status: this.status, headers: this.headers, data, text: json ? '' : text, json });
  }

  public onError(error: Error): void {
    if (this.settled) return;
    this.finish();
    this.reject(error);
  }

  private finish(): void {
    this.settled = true;
    this.onSettled();
  }
}

/** undici's raw `[name, value, name, value, ...]` as lower-cased names; repeated names become arrays. */
function parseRawHeaders(raw: Buffer[]): ResponseHeaders {
  const headers: ResponseHeaders = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toString('latin1').toLowerCase();
    const value = raw[index + 1]!.toString('latin1');
    const existing = headers[name];
    if (existing === undefined) {
      // `__proto__` as a plain assignment would change the object's prototype, not add a header.
      if (name === '__proto__') Object.defineProperty(headers, name, { value, enumerable: true, configurable: true, writable: true });
      else headers[name] = value;
    } else if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [existing, value];
  }
  return headers;
}
