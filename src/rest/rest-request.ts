import type { RestFile } from './multipart';
import type { QueryInput } from './query-string';
import type { ResponseHeaders } from './rate-limit-headers';

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A path below the API version, as `Routes` from discord-api-types builds it: `/channels/123/messages`. */
export type RouteLike = `/${string}`;

/**
 * Per-request options of `rest.get/post/put/patch/delete`.
 *
 * @example
 * ```ts
 * await rest.post(Routes.channelMessages(channelId), { body: { content: 'hi' }, reason: 'greeting', timeout: 5_000 });
 * ```
 */
export interface RequestOptions {
  /** Sent as JSON, or as `payload_json` when `files` are given. */
  body?: unknown;
  query?: QueryInput;
  files?: readonly RestFile[];
  /** Audit-log reason, sent URI-encoded in `X-Audit-Log-Reason` (1-512 characters). */
  reason?: string;
  /** Aborts the request wherever it is: queued, waiting for a rate limit, or in flight. */
  signal?: AbortSignal;
  /** Send `Authorization`. @defaultValue true, except interaction callbacks and webhook-token routes */
  auth?: boolean;
  /** Milliseconds one HTTP attempt may take. @defaultValue the client's `timeout` */
  timeout?: number;
  /**
   * Milliseconds the whole request may take from entering the client's queue: waiting behind its
   * bucket, rate-limit waits, every attempt and retry back-off. When it passes the request rejects
   * with TotalTimeoutError, which says where the time went. @defaultValue the client's `totalTimeout` (none)
   */
  totalTimeout?: number;
  /** Extra headers, e.g. for a proxy. */
  headers?: Readonly<Record<string, string>>;
  /** Throw RateLimitError instead of waiting. @defaultValue the client's `rejectOnRateLimit` */
  rejectOnRateLimit?: boolean;
}

/** The request as middleware sees (and may change) it. */
export interface RestRequest {
  method: RestMethod;
  route: RouteLike;
  query: QueryInput | undefined;
  body: unknown;
  files: readonly RestFile[] | undefined;
  reason: string | undefined;
  signal: AbortSignal | undefined;
  auth: boolean;
  timeout: number;
  /** See RequestOptions.totalTimeout; undefined for no overall deadline. */
  totalTimeout?: number | undefined;
  headers: Record<string, string>;
  rejectOnRateLimit: boolean;
}

/** The answer as middleware sees (and may change) it: `data` is parsed JSON, text, or undefined (204). */
export interface RestResponse {
  status: number;
  headers: ResponseHeaders;
  data: unknown;
}

/** What the client learned while serving a request, for middleware like metrics and logging. */
export interface RestRequestInfo {
  /** The rate-limit route, `METHOD /route/:id` (with the major parameter separately in `bucket`). */
  route: string | undefined;
  bucket: string | undefined;
  /** HTTP attempts made, including retries after 429s, 5xx and network errors. */
  attempts: number;
  /** 429s received while serving this request. */
  rateLimitHits: number;
  /** Milliseconds from entering the client's core to the first attempt going out: the bucket's FIFO plus rate-limit waits. */
  queuedMs: number;
}

/**
 * What flows through the middleware pipeline: the request, then the response the core (or a
 * middleware) put there, and `state` for middleware to pass data to each other.
 */
export interface RestContext {
  request: RestRequest;
  response: RestResponse | undefined;
  info: RestRequestInfo;
  state: Record<string, unknown>;
}
