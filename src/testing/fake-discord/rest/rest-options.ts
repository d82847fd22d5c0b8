import { FakeDiscordError } from '../fake-discord-error';
import type { RateLimitOptions } from './rate-limiter';

/**
 * Options of the fake's REST server. Defaults are Discord's.
 *
 * @example
 * ```ts
 * FakeDiscord.start({ rateLimits: false, interactionResponseTimeoutMs: 60_000 });
 * ```
 */
export interface FakeRestOptions {
  /** Discord's limits (see {@link RateLimitOptions}); `false` turns every limit off. @defaultValue Discord's */
  readonly rateLimits?: RateLimitOptions | false;
  /** Largest request body in bytes; bigger ones get 413 / 40005. @defaultValue 26_214_400 (25 MiB) */
  readonly maxBodyBytes?: number;
  /** Largest single uploaded file in bytes. @defaultValue 10_485_760 (10 MiB) */
  readonly maxFileBytes?: number;
  /** Time the bot has for the initial interaction response; later callbacks get 10062. @defaultValue 3000 */
  readonly interactionResponseTimeoutMs?: number;
  /** How long an interaction token works for follow-ups and edits; later ones get 401 / 50027. @defaultValue 900_000 */
  readonly interactionTokenLifetimeMs?: number;
  /** Requests kept for `discord.requests()`; 0 keeps none (benchmarks). @defaultValue 10_000 */
  readonly recordRequests?: number;
}

/** The settings route handlers read, every default applied. */
export interface RestSettings {
  readonly maxBodyBytes: number;
  readonly maxFileBytes: number;
  readonly interactionResponseTimeoutMs: number;
  readonly interactionTokenLifetimeMs: number;
  readonly recordRequests: number;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `FakeDiscord option ${name} must be a non-negative number, got ${String(value)}.`);
  }
  return result;
}

export function resolveRestSettings(options: FakeRestOptions): RestSettings {
  return {
    maxBodyBytes: nonNegative('maxBodyBytes', options.maxBodyBytes, 25 * 1024 * 1024),
    maxFileBytes: nonNegative('maxFileBytes', options.maxFileBytes, 10 * 1024 * 1024),
    interactionResponseTimeoutMs: nonNegative('interactionResponseTimeoutMs', options.interactionResponseTimeoutMs, 3000),
    interactionTokenLifetimeMs: nonNegative('interactionTokenLifetimeMs', options.interactionTokenLifetimeMs, 900_000),
    recordRequests: nonNegative('recordRequests', options.recordRequests, 10_000),
  };
}
