import { ActivityType, PresenceUpdateStatus, type GatewayActivityUpdateData, type GatewayPresenceUpdateData } from 'discord-api-types/v10';
import { OvenError } from '../errors';

/**
 * The bot's presence as given to `client.setPresence`: `status` is required; `activities`
 * defaults to none, `since` to `null`, `afk` to `false`.
 */
export interface PresenceInput {
  /** `'online'`, `'idle'`, `'dnd'`, `'invisible'` (or `'offline'`), e.g. `PresenceUpdateStatus.Idle`. */
  readonly status: PresenceUpdateStatus | `${PresenceUpdateStatus}`;
  /** What the bot is doing: each needs a `name` and an `ActivityType`; `url` is for Streaming. */
  readonly activities?: readonly GatewayActivityUpdateData[];
  /** Unix time in ms since when the bot is idle, or `null`. @defaultValue null */
  readonly since?: number | null;
  /** @defaultValue false */
  readonly afk?: boolean;
}

/** Options of `client.setPresence`. */
export interface SetPresenceOptions {
  /** Only these shards (each must be run by this process). @defaultValue every shard of this process, and any it starts later */
  readonly shardIds?: readonly number[];
}

/** Why a presence was refused; the `code` of a {@link PresenceError}. */
export type PresenceErrorCode = 'OVEN_ERR_CLIENT_INVALID_PRESENCE' | 'OVEN_ERR_CLIENT_PRESENCE_SHARD_NOT_RUNNING';

/**
 * `client.setPresence` refused its input before sending anything: a field of the presence is
 * invalid (`field` names it, e.g. `activities[0].type`) or a listed shard is not run here.
 *
 * @example
 * ```ts
 * try {
 *   client.setPresence({ status: 'busy' as never });
 * } catch (error) {
 *   if (error instanceof PresenceError) console.error(error.field, error.message);
 * }
 * ```
 */
export class PresenceError extends OvenError {
  public declare readonly code: PresenceErrorCode;

  public constructor(
    code: PresenceErrorCode,
    /** The offending field (`status`, `activities[1].name`, `shardIds`, ...). */
    public readonly field: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** Discord closes a connection (4002) on a client payload above this. */
const MAX_GATEWAY_PAYLOAD_BYTES = 4096;
const STATUSES: ReadonlySet<string> = new Set<string>(Object.values(PresenceUpdateStatus));
const ACTIVITY_TYPES: ReadonlySet<unknown> = new Set(Object.values(ActivityType).filter((value) => typeof value === 'number'));

function bad(field: string, message: string): PresenceError {
  return new PresenceError('OVEN_ERR_CLIENT_INVALID_PRESENCE', field, `setPresence: ${field} ${message}`);
}

function checkActivity(activity: unknown, index: number): GatewayActivityUpdateData {
  const at = `activities[${index}]`;
  if (typeof activity !== 'object' || activity === null) throw bad(at, 'must be an object { name, type }.');
  const { name, type, url, state } = activity as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0) throw bad(`${at}.name`, `must be a non-empty string, got ${JSON.stringify(name) ?? String(name)}.`);
  if (!ACTIVITY_TYPES.has(type)) {
    throw bad(`${at}.type`, `must be an ActivityType (0 Playing, 1 Streaming, 2 Listening, 3 Watching, 4 Custom, 5 Competing), got ${JSON.stringify(type) ?? String(type)}.`);
  }
  if (url !== undefined && url !== null && typeof url !== 'string') throw bad(`${at}.url`, 'must be a string (a Twitch or YouTube URL for Streaming).');
  if (state !== undefined && state !== null && typeof state !== 'string') throw bad(`${at}.state`, 'must be a string.');
  // Only the fields Discord accepts from bots, so a spread-in object does not carry extra keys to op 3.
  return {
    name,
    type: type as ActivityType,
    ...(url === undefined ? {} : { url: url as string | null }),
    ...(state === undefined ? {} : { state: state as string | null }),
  };
}

/**
 * Checks a presence and fills its defaults into the op 3 data Discord expects. Throws a
 * {@link PresenceError} naming the first bad field; a wrong op 3 would make Discord close the shard.
 *
 * @example
 * ```ts
 * resolvePresence({ status: 'idle' }); // { status: 'idle', activities: [], since: null, afk: false }
 * ```
 */
export function resolvePresence(input: PresenceInput): GatewayPresenceUpdateData {
  if (typeof input !== 'object' || input === null) throw bad('presence', 'must be an object { status, activities?, since?, afk? }.');
  const { status, activities, since, afk } = input;
  if (typeof status !== 'string' || !STATUSES.has(status)) {
    throw bad('status', `must be one of ${[...STATUSES].join(', ')}, got ${JSON.stringify(status) ?? String(status)}.`);
  }
  if (activities !== undefined && !Array.isArray(activities)) throw bad('activities', 'must be an array of { name, type }.');
  if (since !== undefined && since !== null && (typeof since !== 'number' || !Number.isFinite(since) || since < 0)) {
    throw bad('since', `must be a unix time in ms or null, got ${JSON.stringify(since) ?? String(since)}.`);
  }
  if (afk !== undefined && typeof afk !== 'boolean') throw bad('afk', `must be a boolean, got ${JSON.stringify(afk) ?? String(afk)}.`);
  const data: GatewayPresenceUpdateData = {
    status: status as PresenceUpdateStatus,
    activities: (activities ?? []).map(checkActivity),
    since: since ?? null,
    afk: afk ?? false,
  };
  // Checked here rather than left to the shard's send, so no shard gets it when it cannot fit.
  const bytes = Buffer.byteLength(JSON.stringify({ op: 3, d: data }));
  if (bytes > MAX_GATEWAY_PAYLOAD_BYTES) {
    throw bad('activities', `make the op 3 payload ${bytes} bytes; Discord accepts at most ${MAX_GATEWAY_PAYLOAD_BYTES}. Shorten the names, states or urls.`);
  }
  return data;
}

/**
 * The latest presence per shard, so a shard that identifies again (a new session after op 9,
 * a non-resumable close, a reshard) comes back with what the bot last set, not the login option.
 */
export class PresenceBook {
  private everyShard: GatewayPresenceUpdateData | undefined;
  private readonly byShard = new Map<number, GatewayPresenceUpdateData>();

  /** The presence a shard should identify with, if one was set. */
  public forShard(shardId: number): GatewayPresenceUpdateData | undefined {
    return this.byShard.get(shardId) ?? this.everyShard;
  }

  /** For every shard, present and future: replaces the per-shard ones. */
  public setAll(presence: GatewayPresenceUpdateData): void {
    this.everyShard = presence;
    this.byShard.clear();
  }

  public setFor(shardIds: readonly number[], presence: GatewayPresenceUpdateData): void {
    for (const id of shardIds) this.byShard.set(id, presence);
  }

  /** After a reshard shard ids cover other guilds, so per-shard choices no longer mean anything. */
  public forgetShards(): void {
    this.byShard.clear();
  }
}
