import type { HookPointTable } from '../hook-point';

/** An HTTP method the Discord API uses. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A REST request about to be sent; `beforeAPICall` handlers may rewrite it. */
export interface ApiRequestPayload {
  method: ApiMethod;
  /** The route after the API version, e.g. `/channels/123/messages`. */
  route: string;
  /** The JSON body, or `undefined` when there is none. */
  body: unknown;
  /** Extra headers (an audit log reason becomes `X-Audit-Log-Reason`). */
  headers: Record<string, string>;
}

/** A response as the REST client received it. */
export interface ApiResponsePayload {
  readonly request: ApiRequestPayload;
  readonly status: number;
  body: unknown;
}

/** Payload of `afterAPICall`. */
export interface ApiCallCompletedPayload {
  readonly request: ApiRequestPayload;
  readonly status: number;
  readonly durationMs: number;
}

/** Payload of `apiError`. */
export interface ApiErrorPayload {
  readonly request: ApiRequestPayload;
  /** HTTP status, or 0 when no response came back (network failure). */
  readonly status: number;
  /** Discord's JSON error code when the body carried one. */
  readonly code: number | undefined;
  readonly message: string;
  readonly error: unknown;
}

/** Payload of `rateLimited`. */
export interface RateLimitedPayload {
  readonly route: string;
  readonly method: string;
  readonly bucket: string | undefined;
  readonly global: boolean;
  readonly retryAfterMs: number;
  /** Discord's `X-RateLimit-Scope`: `user`, `global` or `shared`, when sent. */
  readonly scope: string | undefined;
}

/** Payload of `apiRetry`. */
export interface ApiRetryPayload {
  readonly request: ApiRequestPayload;
  readonly attempt: number;
  readonly reason: string;
  readonly delayMs: number;
}

/** Payload of `invalidRequestWarning`: counted 401/403/429 responses in Discord's 10-minute window. */
export interface InvalidRequestWarningPayload {
  readonly count: number;
  readonly limit: number;
}

/** REST hook signatures. */
export interface RestHookPoints {
  beforeAPICall: { kind: 'waterfall'; payload: ApiRequestPayload };
  apiTransform: { kind: 'waterfall'; payload: ApiResponsePayload };
  afterAPICall: { kind: 'parallel'; payload: ApiCallCompletedPayload };
  apiError: { kind: 'parallel'; payload: ApiErrorPayload };
  rateLimited: { kind: 'parallel'; payload: RateLimitedPayload };
  apiRetry: { kind: 'parallel'; payload: ApiRetryPayload };
  invalidRequestWarning: { kind: 'parallel'; payload: InvalidRequestWarningPayload };
}

export const REST_HOOK_POINTS: HookPointTable<RestHookPoints> = {
  beforeAPICall: {
    kind: 'waterfall',
    description: 'A request is about to be queued; handlers may change route, body or headers.',
    payloadType: 'ApiRequestPayload',
    firesAt: 'RestClient request stage, before rate limiting and sending',
  },
  apiTransform: {
    kind: 'waterfall',
    description: 'A successful response body, before the caller receives it.',
    payloadType: 'ApiResponsePayload',
    firesAt: 'RestClient response stage, after a 2xx response is parsed',
  },
  afterAPICall: {
    kind: 'parallel',
    description: 'A request finished (any status), with its duration.',
    payloadType: 'ApiCallCompletedPayload',
    firesAt: 'RestClient, on its response event',
  },
  apiError: {
    kind: 'parallel',
    description: 'A request failed with an HTTP error or a network failure.',
    payloadType: 'ApiErrorPayload',
    firesAt: 'RestClient, when a request rejects',
  },
  rateLimited: {
    kind: 'parallel',
    description: 'A request hit, or would hit, a rate limit and is waiting.',
    payloadType: 'RateLimitedPayload',
    firesAt: 'RestClient, on its rateLimited event',
  },
  apiRetry: {
    kind: 'parallel',
    description: 'A request is retried (5xx, network error or 429).',
    payloadType: 'ApiRetryPayload',
    firesAt: 'RestClient, before a retry',
  },
  invalidRequestWarning: {
    kind: 'parallel',
    description: 'The invalid request count nears Discord\'s 10,000 per 10 minutes ban line.',
    payloadType: 'InvalidRequestWarningPayload',
    firesAt: 'RestClient, on its invalidRequestWarning event',
  },
};
