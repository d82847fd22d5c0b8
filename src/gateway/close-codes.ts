import { GatewayCloseCodes } from 'discord-api-types/v10';
import { GatewayCloseError } from './errors';

/** What a shard does after the connection closed with a given code. */
export type CloseAction = 'resume' | 'reidentify' | 'fatal';

/** Codes for which the docs say "start a new session" (or the session cannot survive). */
const REIDENTIFY = new Set<number>([
  GatewayCloseCodes.NotAuthenticated,
  GatewayCloseCodes.AlreadyAuthenticated,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.RateLimited,
  GatewayCloseCodes.SessionTimedOut,
]);

const FATAL = new Map<number, { code: `OVEN_ERR_GATEWAY_${string}`; explain: string }>([
  [
    GatewayCloseCodes.AuthenticationFailed,
    {
      code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED',
      explain:
        'Discord rejected the bot token. Copy the token again from the Developer Portal (Bot > Reset Token) and pass it without the "Bot " prefix.',
    },
  ],
  [
    GatewayCloseCodes.InvalidShard,
    {
      code: 'OVEN_ERR_GATEWAY_INVALID_SHARD',
      explain:
        'the shard id or shard count is invalid. Use shard ids below totalShards, and for large bots a shard count that is a multiple of max_concurrency.',
    },
  ],
  [
    GatewayCloseCodes.ShardingRequired,
    {
      code: 'OVEN_ERR_GATEWAY_SHARDING_REQUIRED',
      explain:
        'the session handles too many guilds (2,500 per shard at most). Let the ShardManager pick the shard count (omit totalShards) or raise totalShards.',
    },
  ],
  [
    GatewayCloseCodes.InvalidAPIVersion,
    {
      code: 'OVEN_ERR_GATEWAY_INVALID_API_VERSION',
      explain: 'the gateway API version is not supported. OvenJS speaks v10; check any custom gateway URL.',
    },
  ],
  [
    GatewayCloseCodes.InvalidIntents,
    {
      code: 'OVEN_ERR_GATEWAY_INVALID_INTENTS',
      explain: 'the intents bitfield contains unknown bits. Build it from GatewayIntentBits values only.',
    },
  ],
  [
    GatewayCloseCodes.DisallowedIntents,
    {
      code: 'OVEN_ERR_GATEWAY_DISALLOWED_INTENTS',
      explain:
        'a privileged intent (GuildMembers, GuildPresences or MessageContent) is not enabled for this bot. Enable it in the Developer Portal (Bot > Privileged Gateway Intents) or remove it from intents.',
    },
  ],
]);

/**
 * A 4004 for a token this shard already used successfully means the token changed under the bot:
 * Discord resets it when the daily session start limit is exceeded (ending every session with
 * op 9 first) or when it finds the token leaked. Retrying cannot help either way.
 */
const TOKEN_RESET_EXPLAIN =
  'Discord rejected a bot token it had accepted earlier in this process, so the token was reset meanwhile: Discord does this when the daily session start limit is exceeded (GET /gateway/bot session_start_limit; too many identifies, e.g. restart loops or several processes starting the same shards) or when the token leaked. Copy the new token from the Developer Portal (Bot > Reset Token) and restart.';

/** What a shard knows about the connection that ended, to explain a fatal close better. */
export interface FatalCloseContext {
  /** Discord accepted this token earlier in the shard's life (a READY, RESUMED or op 9 after identify). */
  readonly tokenAccepted?: boolean;
}

/**
 * Classifies a close code the way Discord documents it: fatal codes must never be retried,
 * session-ending codes need a fresh identify, anything else (including a bare TCP drop, 1006,
 * and unknown codes) keeps the session and resumes.
 *
 * @example
 * ```ts
 * classifyCloseCode(4004); // 'fatal'
 * classifyCloseCode(4009); // 'reidentify'
 * classifyCloseCode(1006); // 'resume'
 * ```
 */
export function classifyCloseCode(code: number): CloseAction {
  if (FATAL.has(code)) return 'fatal';
  if (REIDENTIFY.has(code)) return 'reidentify';
  return 'resume';
}

/**
 * Builds the typed error for a fatal close code, or returns `undefined` if the code is not fatal.
 *
 * @example
 * ```ts
 * fatalCloseError(4014, 0)?.code; // 'OVEN_ERR_GATEWAY_DISALLOWED_INTENTS'
 * fatalCloseError(4004, 0, { tokenAccepted: true })?.message; // "... the token was reset meanwhile ..."
 * ```
 */
export function fatalCloseError(code: number, shardId: number, context: FatalCloseContext = {}): GatewayCloseError | undefined {
  const fatal = FATAL.get(code);
  if (fatal === undefined) return undefined;
  const explain = code === GatewayCloseCodes.AuthenticationFailed && context.tokenAccepted === true ? TOKEN_RESET_EXPLAIN : fatal.explain;
  return new GatewayCloseError(fatal.code, `Shard ${shardId}: Discord closed the gateway with ${code} because ${explain}`, code, shardId);
}
