import { parseRawHeaders } from './raw-headers';
import type { ResponseHeaders } from './rate-limit-headers';
import type { RestResponse } from './rest-request';

/**
 * A RestResponse whose `headers` object is built from undici's raw buffers on first read. Most
 * callers never look at the headers (the client reads the few it needs straight from the raw list),
 * and decoding every header of every answer into strings was a steady share of the client's CPU and
 * garbage. `headers` is an own, enumerable accessor (one shared getter/setter pair, so every
 * instance keeps one shape): spreading the response (`{ ...ctx.response }`), `JSON.stringify` and
 * assigning `ctx.response.headers = ...` behave as with a plain object.
 */
export class LazyResponse implements RestResponse {
  // Declared, not initialised fields: the constructor defines them in the order a plain
  // `{ status, headers, data }` would have, so keys, spread and JSON come out the same.
  declare public status: number;
  declare public headers: ResponseHeaders;
  declare public data: unknown;
  #raw: readonly Buffer[] | null;
  #headers: ResponseHeaders | undefined;

  static readonly #accessor: PropertyDescriptor = {
    get(this: LazyResponse): ResponseHeaders {
      this.#headers ??= parseRawHeaders(this.#raw);
      this.#raw = null;
      return this.#headers;
    },
    set(this: LazyResponse, value: ResponseHeaders) {
      this.#headers = value;
      this.#raw = null;
    },
    enumerable: true,
    configurable: true,
  };

  public constructor(status: number, raw: readonly Buffer[] | null, data: unknown) {
    this.status = status;
    Object.defineProperty(this, 'headers', LazyResponse.#accessor);
    this.data = data;
    this.#raw = raw;
    this.#headers = undefined;
  }
}
