import { GatewayCloseCodes, type APIGatewayBotInfo, type GatewaySendPayload } from 'discord-api-types/v10';
import { asSnowflake, shardForGuild } from '../snowflake';
import { GatewayCloseError, GatewayOptionError, GatewayTransformError } from './errors';
import { IdentifyScheduler, type SessionStartBudget } from './identify-scheduler';
import { Shard } from './shard';
import type { ShardManagerEvents, ShardManagerOptions, ShardState } from './shard-manager-types';
import type { IdentifyTransform, SendTransform } from './shard-types';
import { checkTlsOptions } from './transport';
import { TypedEmitter } from './typed-emitter';

/**
 * Discord allows one identify per bucket every 5 s, measured when it receives them; the extra
 * 100 ms keeps network jitter from turning a well-spaced identify into an op 9.
 */
const DEFAULT_IDENTIFY_INTERVAL_MS = 5_100;
/** Consecutive 4011 rounds one connect() accepts before giving up with the 4011 error. */
const MAX_RESHARDS = 4;

/**
 * Runs the shards of one process: shard count from `GET /gateway/bot` (or given), identifies in
 * `max_concurrency` buckets 5 s apart within the session start limit, a subset of shards for
 * multi-process bots, per-shard status and latency, and a full reshard when Discord closes with
 * 4011 (sharding required).
 *
 * @example
 * ```ts
 * const manager = new ShardManager({ token, intents, fetchGatewayInfo: () => rest.get(Routes.gatewayBot()) });
 * manager.on('dispatch', (payload, shardId) => console.log(shardId, payload.t));
 * await manager.connect();
 * console.log(manager.status());
 * await manager.destroy();
 * ```
 */
export class ShardManager extends TypedEmitter<ShardManagerEvents> {
  private options: ShardManagerOptions;
  private identifyTransforms: readonly IdentifyTransform[] = [];
  private sendTransforms: readonly SendTransform[] = [];
  private started = false;
  private readonly shardMap = new Map<number, Shard>();
  private scheduler: IdentifyScheduler | undefined;
  private total = 0;
  /** Discord's recommended count, pinned by the first resolveTotalShards() so the plan it fed stays true. */
  private recommended: number | undefined;
  private resolving: Promise<number> | undefined;
  private ids: readonly number[] = [];
  /** Resolves when a shard has entered its bucket's queue, so buckets are served in shard order. */
  private entered = new Map<number, { promise: Promise<void>; resolve: () => void }>();
  private resharding = false;
  private destroyed = false;
  private connecting = false;

  public constructor(options: ShardManagerOptions) {
    super();
    ShardManager.validate(options);
    this.options = options;
  }

  private static validate(options: ShardManagerOptions): void {
    if (typeof options.token !== 'string' || options.token.length === 0) {
      throw new GatewayOptionError('ShardManager: token must be a non-empty string (the bot token, without "Bot ").');
    }
    if (!Number.isInteger(options.intents) || options.intents < 0) {
      throw new GatewayOptionError(`ShardManager: intents must be a non-negative integer built from GatewayIntentBits, got ${String(options.intents)}.`);
    }
    checkTlsOptions(options.tls, 'ShardManager');
    if (options.totalShards !== undefined && (!Number.isInteger(options.totalShards) || options.totalShards < 1)) {
      throw new GatewayOptionError(`ShardManager: totalShards must be a positive integer, got ${String(options.totalShards)}.`);
    }
    if (options.shards !== undefined) {
      if (options.totalShards === undefined) {
        throw new GatewayOptionError('ShardManager: `shards` needs `totalShards`, because shard ids only mean something against a fixed total.');
      }
      const total = options.totalShards;
      const bad = options.shards.find((id) => !Number.isInteger(id) || id < 0 || id >= total);
      if (bad !== undefined) {
        throw new GatewayOptionError(`ShardManager: shard id ${String(bad)} is outside [0, ${total - 1}] for totalShards ${total}.`);
      }
      if (new Set(options.shards).size !== options.shards.length) {
        throw new GatewayOptionError('ShardManager: `shards` lists a shard id twice.');
      }
    }
  }

  /** The intents shards identify with (before any identify transform). */
  public get intents(): number {
    return this.options.intents;
  }

  /**
   * Changes the intents or the shard count before `connect()`, e.g. from a Client's login stage;
   * `totalShards: undefined` means the count Discord recommends. Throws
   * `OVEN_ERR_GATEWAY_INVALID_OPTION` for a bad value or once `connect()` was called.
   *
   * @example
   * ```ts
   * manager.configure({ intents: GatewayIntentBits.Guilds, totalShards: 2 });
   * await manager.connect();
   * ```
   */
  public configure(changes: { readonly intents?: number; readonly totalShards?: number | undefined }): void {
    if (this.started || this.destroyed) {
      throw new GatewayOptionError('ShardManager: configure() must be called before connect(); create a new manager to change a connected one.');
    }
    const { totalShards, ...rest } = { ...this.options, ...changes };
    const next: ShardManagerOptions = totalShards === undefined ? rest : { ...rest, totalShards };
    ShardManager.validate(next);
    this.options = next;
  }

  /**
   * Adds a stage that may rewrite each shard's Identify (presence, intents, properties) just
   * before its identify turn; stages run in insertion order and may be async. The token and
   * shard pair are kept whatever a stage returns; a stage that throws is reported on `error`
   * and the shard identifies unchanged. Returns a function that removes the stage.
   *
   * @example
   * ```ts
   * manager.addIdentifyTransform((identify) => ({ ...identify, presence: { status: 'idle', since: null, activities: [], afk: false } }));
   * ```
   */
  public addIdentifyTransform(transform: IdentifyTransform): () => void {
    this.identifyTransforms = [...this.identifyTransforms, transform];
    return () => (this.identifyTransforms = this.identifyTransforms.filter((t) => t !== transform));
  }

  /**
   * Adds a synchronous stage that may rewrite each payload given to `send()` (presence updates,
   * member requests, voice states) before it is queued. Heartbeats, identify and resume never
   * pass through stages, so a stage cannot delay or drop them. A stage that throws, or returns
   * something else than a payload of the same op, makes `send()` throw
   * `OVEN_ERR_GATEWAY_TRANSFORM_FAILED`. Returns a function that removes the stage.
   *
   * @example
   * ```ts
   * manager.addSendTransform((payload) => {
   *   console.log('sending op', payload.op);
   *   return payload;
   * });
   * ```
   */
  public addSendTransform(transform: SendTransform): () => void {
    this.sendTransforms = [...this.sendTransforms, transform];
    return () => (this.sendTransforms = this.sendTransforms.filter((t) => t !== transform));
  }

  /**
   * Total shard count of the bot: once connected, the count in use (after a 4011 reshard, the new
   * one); before that, `totalShards` as given or configured, else Discord's recommendation once
   * {@link ShardManager.resolveTotalShards} fetched it; 0 while none of these is known.
   *
   * @example
   * ```ts
   * new ShardManager({ token, intents, fetchGatewayInfo, totalShards: 8 }).totalShards; // 8, before connect()
   * ```
   */
  public get totalShards(): number {
    return this.total > 0 ? this.total : (this.options.totalShards ?? this.recommended ?? 0);
  }

  /**
   * Resolves the total shard count without connecting: `totalShards` when given, else the `shards`
   * of `GET /gateway/bot`, fetched once and kept (concurrent calls share the request; a failed one
   * is not kept, so a later call retries). The fetched count is pinned: `connect()` uses it even if
   * Discord recommends another count by then, so shard ranges handed to other processes stay valid.
   * Rejects with what `fetchGatewayInfo` rejects with, or `OVEN_ERR_GATEWAY_INVALID_OPTION` when
   * the answer carries no positive integer `shards`.
   *
   * @example
   * ```ts
   * const total = await manager.resolveTotalShards();
   * const perProcess = Math.ceil(total / 2);
   * // process 0 runs shards [0, perProcess), process 1 the rest, each with { shards, totalShards: total }
   * ```
   */
  public resolveTotalShards(): Promise<number> {
    const known = this.totalShards;
    if (known > 0) return Promise.resolve(known);
    this.resolving ??= this.options.fetchGatewayInfo().then(
      (info) => {
        this.resolving = undefined;
        this.recommended = ShardManager.recommendedCount(info);
        return this.totalShards;
      },
      (error: unknown) => {
        this.resolving = undefined;
        throw error;
      },
    );
    return this.resolving;
  }

  private static recommendedCount(info: APIGatewayBotInfo): number {
    const shards = (info as Partial<APIGatewayBotInfo> | null)?.shards;
    if (!Number.isInteger(shards) || (shards as number) < 1) {
      throw new GatewayOptionError(
        `ShardManager: fetchGatewayInfo returned shards ${JSON.stringify(shards) ?? String(shards)}; GET /gateway/bot answers a positive integer. Check what fetchGatewayInfo returns, or pass totalShards.`,
      );
    }
    return shards as number;
  }

  /** The shards of this process by id. */
  public get shards(): ReadonlyMap<number, Shard> {
    return this.shardMap;
  }

  /** Average heartbeat latency over shards that have one, or -1. */
  public get latency(): number {
    let sum = 0;
    let count = 0;
    for (const shard of this.shardMap.values()) {
      if (shard.latency >= 0) {
        sum += shard.latency;
        count++;
      }
    }
    return count === 0 ? -1 : sum / count;
  }

  /** Status, latency and sequence of every shard. */
  public status(): ShardState[] {
    return [...this.shardMap.values()].map((shard) => ({
      id: shard.id,
      status: shard.status,
      latency: shard.latency,
      sequence: shard.sequence,
    }));
  }

  /** The shard that receives a guild's events: `(guild_id >> 22) % totalShards`. */
  public shardIdFor(guildId: string): number {
    return shardForGuild(asSnowflake(guildId, 'guildId'), Math.max(1, this.totalShards));
  }

  /** Sends a payload through a shard's rate-limited queue. */
  public send(shardId: number, payload: GatewaySendPayload): void {
    const shard = this.shardMap.get(shardId);
    if (shard === undefined) {
      throw new GatewayOptionError(`ShardManager: shard ${shardId} is not run by this process (running: ${[...this.shardMap.keys()].join(', ') || 'none'}).`);
    }
    shard.send(payload);
  }

  /**
   * Fetches the gateway information, spawns the shards and resolves once every one is ready.
   * A 4011 (sharding required) restarts every shard with more shards; any other fatal close
   * rejects with its `GatewayCloseError` after closing the other shards.
   */
  public async connect(): Promise<void> {
    if (this.destroyed) throw new GatewayOptionError('ShardManager: connect() after destroy(); create a new manager.');
    this.started = true;
    // Fetched again even after resolveTotalShards(): session_start_limit must be current.
    const info = await this.options.fetchGatewayInfo();
    await this.spawnUntilReady(info, this.options.totalShards ?? this.recommended ?? ShardManager.recommendedCount(info));
  }

  /** Closes every shard (code 1000) and resolves when all sockets are closed. */
  public async destroy(): Promise<void> {
    this.destroyed = true;
    await this.stopShards();
  }

  private async spawnUntilReady(firstInfo: APIGatewayBotInfo, firstTotal: number): Promise<void> {
    let info = firstInfo;
    let total = firstTotal;
    for (let reshards = 0; ; reshards++) {
      try {
        await this.spawn(info, total);
        return;
      } catch (error) {
        const shardingRequired = error instanceof GatewayCloseError && error.closeCode === GatewayCloseCodes.ShardingRequired;
        // A process running a subset cannot pick a new total alone: the other processes must agree.
        // Bounded: each round costs every shard an identify from the daily budget.
        if (!shardingRequired || this.options.shards !== undefined || this.destroyed || reshards >= MAX_RESHARDS) throw error;
        info = await this.options.fetchGatewayInfo();
        const from = total;
        total = info.shards > from ? info.shards : from * 2;
        this.emit('reshard', { from, to: total });
      }
    }
  }

  private async spawn(info: APIGatewayBotInfo, total: number): Promise<void> {
    this.total = total;
    this.ids = this.options.shards ?? Array.from({ length: total }, (_, id) => id);
    const limit = info.session_start_limit;
    this.scheduler = new IdentifyScheduler({
      maxConcurrency: limit.max_concurrency,
      intervalMs: this.options.identifyIntervalMs ?? DEFAULT_IDENTIFY_INTERVAL_MS,
      sessionStartLimit: { remaining: limit.remaining, total: limit.total, resetAfter: limit.reset_after },
      refresh: (shardId) => this.refreshBudget(shardId),
    });
    this.entered = new Map();
    for (const id of this.ids) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.entered.set(id, { promise, resolve });
      this.shardMap.set(id, this.createShard(id, info.url));
    }
    this.connecting = true;
    try {
      await Promise.all([...this.shardMap.values()].map((shard) => shard.connect()));
    } catch (error) {
      await this.stopShards();
      throw error;
    } finally {
      this.connecting = false;
    }
    this.emit('ready');
  }

  private createShard(id: number, url: string): Shard {
    const options = this.options;
    const session = options.sessions?.get(id);
    const shard = new Shard({
      ...options.shardOptions,
      id,
      totalShards: this.total,
      token: options.token,
      intents: options.intents,
      url,
      waitForIdentify: (shardId) => this.waitForIdentify(shardId),
      ...(session === undefined ? {} : { session }),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
      ...(options.largeThreshold === undefined ? {} : { largeThreshold: options.largeThreshold }),
      ...(options.presence === undefined ? {} : { presence: options.presence }),
      ...(options.properties === undefined ? {} : { properties: options.properties }),
      ...(options.transport === undefined ? {} : { transport: options.transport }),
      ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      // Read at each identify and send, so stages added after the shards exist still apply.
      identifyTransform: async (identify, shardId) => {
        let out = identify;
        for (const transform of this.identifyTransforms) out = await transform(out, shardId);
        return out;
      },
      sendTransform: (payload, shardId) => {
        let out = payload;
        for (const transform of this.sendTransforms) out = transform(out, shardId);
        return out;
      },
    });
    shard.on('dispatch', (payload, shardId) => this.emit('dispatch', payload, shardId));
    shard.on('connect', (event) => this.emit('shardConnect', event));
    shard.on('identify', (event) => this.emit('shardIdentify', event));
    shard.on('ready', (event) => this.emit('shardReady', event));
    shard.on('resumed', (event) => this.emit('shardResume', event));
    shard.on('reconnect', (event) => this.emit('shardReconnect', event));
    shard.on('close', (event) => this.emit('shardClose', event));
    shard.on('invalidSession', (event) => this.emit('shardInvalidSession', event));
    shard.on('heartbeat', (event) => this.emit('shardHeartbeat', event));
    shard.on('heartbeatAck', (event) => this.emit('shardHeartbeatAck', event));
    shard.on('error', (error) => this.onShardError(error, id));
    return shard;
  }

  /**
   * Asks `/gateway/bot` for the real budget once the local count is spent. A 401 (or a RestClient
   * that already saw one) means the token was reset, which Discord does when the session start
   * limit is exceeded: the shard then stops with the 4004 error instead of waiting for a reset that
   * cannot help. Any other failure is reported and the local count stands.
   */
  private async refreshBudget(shardId: number): Promise<SessionStartBudget | undefined> {
    try {
      const limit = (await this.options.fetchGatewayInfo()).session_start_limit;
      return { remaining: limit.remaining, total: limit.total, resetAfter: limit.reset_after };
    } catch (error) {
      const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
      if (status === 401 || code === 'OVEN_ERR_REST_TOKEN_REJECTED') {
        throw new GatewayCloseError(
          'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED',
          `Shard ${shardId}: the session start limit is used up and GET /gateway/bot now rejects the token (401), so the token was reset: Discord does this when the daily session start limit is exceeded (too many identifies, e.g. restart loops or several processes starting the same shards) or when the token leaked. Copy the new token from the Developer Portal (Bot > Reset Token) and restart.`,
          GatewayCloseCodes.AuthenticationFailed,
          shardId,
        );
      }
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.listenerCount('error') > 0) this.emit('error', failure);
      else console.error('[ovenjs]', failure);
      return undefined;
    }
  }

  private async waitForIdentify(shardId: number): Promise<void> {
    const scheduler = this.scheduler as IdentifyScheduler;
    const entry = this.entered.get(shardId);
    if (entry !== undefined) {
      // First identify of this shard: let the lower shards of its bucket queue first.
      const index = this.ids.indexOf(shardId);
      const bucket = scheduler.bucketOf(shardId);
      for (let i = index - 1; i >= 0; i--) {
        const previous = this.ids[i] as number;
        if (scheduler.bucketOf(previous) === bucket) {
          await this.entered.get(previous)?.promise;
          break;
        }
      }
    }
    const turn = scheduler.wait(shardId);
    entry?.resolve();
    this.entered.delete(shardId);
    return turn;
  }

  private onShardError(error: Error, shardId: number): void {
    if (error instanceof GatewayCloseError) {
      // A dead shard must not hold back the shards queued behind it in its bucket.
      this.entered.get(shardId)?.resolve();
    }
    // While connect() is pending, its rejection carries the error to the caller; a failed
    // identify stage does not fail connect(), so it is reported here.
    if (this.connecting && !(error instanceof GatewayTransformError)) return;
    if (
      error instanceof GatewayCloseError &&
      error.closeCode === GatewayCloseCodes.ShardingRequired &&
      this.options.shards === undefined &&
      !this.destroyed &&
      !this.resharding
    ) {
      this.resharding = true;
      void this.reshardRunning().finally(() => (this.resharding = false));
      return;
    }
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else console.error('[ovenjs]', error);
  }

  /** Discord asked for more shards while the bot was running: restart them all with a new count. */
  private async reshardRunning(): Promise<void> {
    const from = this.total;
    try {
      await this.stopShards();
      const info = await this.options.fetchGatewayInfo();
      const to = info.shards > from ? info.shards : from * 2;
      this.emit('reshard', { from, to });
      if (!this.destroyed) await this.spawnUntilReady(info, to);
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error instanceof Error ? error : new Error(String(error)));
      else console.error('[ovenjs]', error);
    }
  }

  private async stopShards(): Promise<void> {
    this.scheduler?.destroy();
    const shards = [...this.shardMap.values()];
    this.shardMap.clear();
    await Promise.all(shards.map((shard) => shard.destroy()));
  }
}
