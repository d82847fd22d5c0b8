import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from '../world/uploaded-file';
import type { World } from '../world/world';
import type { RestSettings } from './rest-options';
import type { ValidationSchema } from './validation';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler sees: the world, path parameters, query, parsed body and uploads. */
export interface RouteContext {
  readonly world: World;
  readonly settings: RestSettings;
  readonly method: HttpMethod;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly files: readonly UploadedFile[];
  readonly headers: IncomingHttpHeaders;
  /** Decoded `X-Audit-Log-Reason`, when sent. */
  readonly auditLogReason: string | undefined;
}

/** A handler's answer; 204 has no body. */
export interface RouteResult {
  readonly status: 200 | 201 | 204;
  readonly body?: unknown;
}

/** A per-route quota: `limit` requests per `windowMs`. */
export interface RouteLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * One REST route of the fake, named by Discord's OpenAPI path template so the oracle test can
 * enumerate the table and find each operation in the spec.
 */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** OpenAPI template, e.g. `/channels/{channel_id}/messages`. */
  readonly path: string;
  /** `none` for routes authorised by a token in the path (webhooks, interaction callbacks) or public ones. */
  readonly auth: 'bot' | 'none';
  /** Routes that share a bucket name share one quota per major parameter, as on Discord. */
  readonly bucket?: string;
  /** Default quota of the bucket; the world's options can override it. @defaultValue 50 per second */
  readonly limit?: RouteLimit;
  /**
   * A stricter hidden quota on some requests of the route (Discord's channel rename: 2 per 10
   * minutes), refused with a 429 while the route's own bucket still has room.
   */
  readonly sublimit?: { readonly name: string; readonly limit: RouteLimit; applies(body: unknown): boolean };
  /** Interaction callbacks and interaction webhooks do not count toward the global limit. */
  readonly globalExempt?: boolean;
  /** Body schema; a body that fails it gets 400 / 50035 with the path of each bad field. */
  readonly schema?: ValidationSchema;
  /** Accepts `multipart/form-data` with `payload_json` and `files[n]`. */
  readonly multipart?: boolean;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** `METHOD /template`, the key used for per-route options, faults and the request log. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
