import { OvenError } from '../../errors';

/** Codes of the errors the fake Discord throws at test code that drives it wrongly. */
export type FakeDiscordErrorCode =
  | 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY'
  | 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMMAND'
  | 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMPONENT'
  | 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION'
  | 'OVEN_ERR_FAKE_DISCORD_TIMEOUT'
  | 'OVEN_ERR_FAKE_DISCORD_BAD_CONFIG'
  | 'OVEN_ERR_FAKE_DISCORD_BAD_TLS'
  | 'OVEN_ERR_FAKE_DISCORD_CLOSED';

/**
 * Thrown by the fake Discord's programmatic API (never sent over HTTP: REST clients get Discord's
 * own error JSON instead). The message names the missing thing and how to create it.
 *
 * @example
 * ```ts
 * try { discord.postMessage('123', userId, 'hi'); }
 * catch (error) { if (error instanceof FakeDiscordError && error.code === 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY') { ... } }
 * ```
 */
export class FakeDiscordError extends OvenError {
  public constructor(code: FakeDiscordErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
