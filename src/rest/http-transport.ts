import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import type { ResponseHeaders } from './rate-limit-headers';

/** One HTTP attempt, ready to send. */
export interface Attempt {
  origin: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | Readable | undefined;
  timeout: number;
  signal: AbortSignal;
}

/** One HTTP answer with its body read. */
export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
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
 * instead of paying a TLS handshake each time.
 */
export class HttpTransport {
  private readonly pools = new Map<string, Pool>();

  public constructor(
    private readonly connections: number,
    private readonly keepAliveTimeoutMs: number,
  ) {}

  public async send(attempt: Attempt): Promise<RawResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout(attempt.timeout)), attempt.timeout);
    const forward = (): void => controller.abort(attempt.signal.reason);
    if (attempt.signal.aborted) forward();
    else attempt.signal.addEventListener('abort', forward, { once: true });
    try {
      const response = await this.pool(attempt.origin).request({
        path: attempt.path,
        method: attempt.method as 'GET',
        headers: attempt.headers,
        body: attempt.body ?? null,
        signal: controller.signal,
      });
      const text = await response.body.text();
      const contentType = response.headers['content-type'];
      const json = typeof contentType === 'string' && contentType.startsWith('application/json') && text !== '';
      let data: unknown = text === '' ? undefined : text;
      if (json) {
        try {
          data = JSON.parse(text);
        } catch {
          data = text;
        }
      }
      return { status: response.statusCode, headers: response.headers as ResponseHeaders, data, text: json ? '' : text, json };
    } catch (error) {
      // undici reports an abort with its own error; surface the reason we aborted with.
      if (controller.signal.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      attempt.signal.removeEventListener('abort', forward);
    }
  }

  public async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.connections,
        keepAliveTimeout: this.keepAliveTimeoutMs,
        keepAliveMaxTimeout: this.keepAliveTimeoutMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
