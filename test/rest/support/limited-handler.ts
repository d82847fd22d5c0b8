import type { ServerResponse } from 'node:http';
import { json, type Handler, type Received } from './local-server';

/** One bucket rule of the strict test server: requests matching `match` share `hash`. */
export interface BucketRule {
  match: (request: Received) => boolean;
  hash: string;
  limit: number;
  windowMs: number;
  /** The major parameter of a request (channel id, ...); buckets are per hash and major. */
  major: (request: Received) => string;
}

export interface LimitedServerState {
  served: Received[];
  tooMany: Received[];
}

/**
 * A strict stand-in for Discord's limiter: fixed windows that start at the first request after a
 * reset, Discord's headers on every answer, and a 429 with `retry_after` when a bucket or the
 * global limit is exceeded.
 */
export function limitedHandler(
  rules: readonly BucketRule[],
  options: { globalLimit?: number; answer?: (request: Received, response: ServerResponse) => void } = {},
): { handler: Handler; state: LimitedServerState } {
  const windows = new Map<string, { remaining: number; reset: number }>();
  const global: number[] = [];
  const state: LimitedServerState = { served: [], tooMany: [] };
  const handler: Handler = (request, response) => {
    const now = Date.now();
    const exempt = request.path.startsWith('/interactions/') || request.path.startsWith('/webhooks/');
    if (options.globalLimit !== undefined && !exempt) {
      while (global.length > 0 && global[0]! <= now - 1000) global.shift();
      if (global.length >= options.globalLimit) {
        state.tooMany.push(request);
        return json(
          response,
          429,
          { message: 'You are being rate limited.', retry_after: (global[0]! + 1000 - now) / 1000, global: true },
          { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global', 'retry-after': String(Math.ceil((global[0]! + 1000 - now) / 1000)) },
        );
      }
      global.push(now);
    }
    const rule = rules.find((candidate) => candidate.match(request));
    if (rule === undefined) {
      state.served.push(request);
      return answer(request, response, {});
    }
    const key = `${rule.hash}:${rule.major(request)}`;
    let window = windows.get(key);
    if (window === undefined || window.reset <= now) {
      window = { remaining: rule.limit, reset: now + rule.windowMs };
      windows.set(key, window);
    }
    const resetAfter = (window.reset - now) / 1000;
    const headers = {
      'x-ratelimit-bucket': rule.hash,
      'x-ratelimit-limit': String(rule.limit),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-reset': (window.reset / 1000).toFixed(3),
    };
    if (window.remaining <= 0) {
      state.tooMany.push(request);
      return json(
        response,
        429,
        { message: 'You are being rate limited.', retry_after: resetAfter, global: false },
        { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-scope': 'user', 'retry-after': String(Math.ceil(resetAfter)) },
      );
    }
    window.remaining -= 1;
    state.served.push(request);
    return answer(request, response, { ...headers, 'x-ratelimit-remaining': String(window.remaining) });
  };
  const answer = (request: Received, response: ServerResponse, headers: Record<string, string>): void => {
    if (options.answer !== undefined) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      options.answer(request, response);
      return;
    }
    json(response, 200, { seq: request.seq, path: request.path, body: request.body.length > 0 ? JSON.parse(request.body.toString()) : null }, headers);
  };
  return { handler, state };
}

/** The channel id of a `/channels/:id/...` path. */
export const channelOf = (request: Received): string => request.path.split('/')[2] ?? 'none';
