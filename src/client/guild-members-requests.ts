import { randomBytes } from 'node:crypto';
import type { Snowflake } from 'discord-api-types/globals';
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  type APIGuildMember,
  type GatewayDispatchPayload,
  type GatewayGuildMembersChunkPresence,
  type GatewayRequestGuildMembersData,
} from 'discord-api-types/v10';
import { GuildMembersRateLimitedError, GuildMembersRequestError } from './guild-members-error';

/** What `client.requestGuildMembers` resolves with: every chunk's members, presences and not-found ids, in chunk order. */
export interface GuildMembersResult {
  readonly members: APIGuildMember[];
  /** Empty unless `presences: true` was asked. */
  readonly presences: GatewayGuildMembersChunkPresence[];
  /** Requested `userIds` that are not members of the guild. */
  readonly notFound: Snowflake[];
}

interface Pending {
  readonly guildId: string;
  readonly shardId: number;
  readonly timeoutMs: number;
  readonly members: APIGuildMember[];
  readonly presences: GatewayGuildMembersChunkPresence[];
  readonly notFound: Snowflake[];
  /** Chunk indexes seen, so a duplicate (a replayed dispatch) is not counted twice. */
  readonly seen: Set<number>;
  timer: NodeJS.Timeout | undefined;
  readonly resolve: (result: GuildMembersResult) => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

/** Where a request is sent: the shard's id and its `send`. */
export interface GuildMembersTarget {
  readonly shardId: number;
  readonly send: (payload: { op: GatewayOpcodes.RequestGuildMembers; d: GatewayRequestGuildMembersData }) => void;
}

const Events = { ...GatewayDispatchEvents } as typeof GatewayDispatchEvents;

/**
 * The Client's op 8 requests in flight, matched to GUILD_MEMBERS_CHUNK and RATE_LIMITED dispatches
 * by nonce. Chunks of other requests (or of none) are ignored here; the cache and handlers still
 * see every chunk.
 */
export class GuildMembersRequests {
  private readonly pending = new Map<string, Pending>();
  /** Differs per Client, so a resumed session's chunks for an earlier process's nonces never match. */
  private readonly prefix = randomBytes(6).toString('hex');
  private counter = 0;

  /** Number of requests waiting for chunks. */
  public get size(): number {
    return this.pending.size;
  }

  /** Sends the request on `target` and resolves when its last chunk arrived. */
  public start(target: GuildMembersTarget, data: GatewayRequestGuildMembersData, timeoutMs: number, signal: AbortSignal | undefined): Promise<GuildMembersResult> {
    const guildId = data.guild_id;
    const { shardId } = target;
    if (signal?.aborted === true) return Promise.reject(this.abortError(guildId, shardId, signal));
    // 12 hex + '-' + base 36 counter: at most 26 bytes, under Discord's 32.
    const nonce = `${this.prefix}-${(this.counter++).toString(36)}`;
    return new Promise<GuildMembersResult>((resolve, reject) => {
      const onAbort = (): void => this.settle(nonce, this.abortError(guildId, shardId, signal as AbortSignal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const entry: Pending = {
        guildId,
        shardId,
        timeoutMs,
        members: [],
        presences: [],
        notFound: [],
        seen: new Set(),
        timer: undefined,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.pending.set(nonce, entry);
      this.arm(nonce, entry);
      try {
        target.send({ op: GatewayOpcodes.RequestGuildMembers, d: { ...data, nonce } });
      } catch (error) {
        this.settle(nonce, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Feeds a dispatch; only GUILD_MEMBERS_CHUNK and RATE_LIMITED with a nonce of ours matter. */
  public onDispatch(payload: GatewayDispatchPayload): void {
    if (payload.t === Events.GuildMembersChunk) {
      const chunk = payload.d;
      const entry = chunk.nonce === undefined ? undefined : this.pending.get(chunk.nonce);
      if (entry === undefined || chunk.guild_id !== entry.guildId || entry.seen.has(chunk.chunk_index)) return;
      entry.seen.add(chunk.chunk_index);
      for (const member of chunk.members) entry.members.push(member);
      if (chunk.presences !== undefined) for (const presence of chunk.presences) entry.presences.push(presence);
      if (chunk.not_found !== undefined) for (const id of chunk.not_found) entry.notFound.push(String(id));
      // Chunks arrive in order on one connection, but counting them also holds if they did not.
      if (entry.seen.size >= chunk.chunk_count) {
        this.settle(chunk.nonce as string, undefined);
      } else {
        this.arm(chunk.nonce as string, entry);
      }
    } else if (payload.t === Events.RateLimited) {
      const { opcode, retry_after: retryAfter, meta } = payload.d;
      if (opcode !== GatewayOpcodes.RequestGuildMembers || meta.nonce === undefined) return;
      const entry = this.pending.get(meta.nonce);
      if (entry === undefined) return;
      this.settle(meta.nonce, new GuildMembersRateLimitedError(entry.guildId, entry.shardId, Math.ceil(retryAfter * 1000)));
    }
  }

  /** Rejects every request of a shard whose connection was replaced or closed: its chunks will not come. */
  public interruptShard(shardId: number, why: string): void {
    for (const [nonce, entry] of this.pending) {
      if (entry.shardId !== shardId) continue;
      this.settle(
        nonce,
        new GuildMembersRequestError(
          'OVEN_ERR_CLIENT_MEMBERS_INTERRUPTED',
          `Requesting the members of guild ${entry.guildId} was interrupted: shard ${shardId} ${why}, so the pending chunks will not arrive. Request again once the shard is ready.`,
          entry.guildId,
          shardId,
        ),
      );
    }
  }

  /** Rejects every pending request (the client is being destroyed). */
  public interruptAll(why: string): void {
    for (const entry of this.pending.values()) this.interruptShard(entry.shardId, why);
  }

  private arm(nonce: string, entry: Pending): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      this.settle(
        nonce,
        new GuildMembersRequestError(
          'OVEN_ERR_CLIENT_MEMBERS_TIMEOUT',
          `Requesting the members of guild ${entry.guildId} on shard ${entry.shardId} timed out: no chunk for ${entry.timeoutMs} ms (${entry.seen.size} chunks received). Check that the bot is in the guild, or raise timeoutMs if the shard's send queue is busy.`,
          entry.guildId,
          entry.shardId,
        ),
      );
    }, entry.timeoutMs);
    // A forgotten request must not keep the process alive.
    entry.timer.unref();
  }

  private settle(nonce: string, error: Error | undefined): void {
    const entry = this.pending.get(nonce);
    if (entry === undefined) return;
    this.pending.delete(nonce);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.cleanup();
    if (error !== undefined) entry.reject(error);
    else entry.resolve({ members: entry.members, presences: entry.presences, notFound: entry.notFound });
  }

  private abortError(guildId: string, shardId: number, signal: AbortSignal): GuildMembersRequestError {
    return new GuildMembersRequestError(
      'OVEN_ERR_CLIENT_MEMBERS_ABORTED',
      `Requesting the members of guild ${guildId} on shard ${shardId} was aborted by its signal; chunks that still arrive update the cache only.`,
      guildId,
      shardId,
      { cause: signal.reason },
    );
  }
}
