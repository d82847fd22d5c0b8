import { GatewayDispatchEvents, GatewayOpcodes, Routes, type APIGatewayBotInfo, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline, ShardManager, TypedEmitter, type PipelineEvent, type ShardManagerEvents } from '../gateway';
import { RestClient, type RestEvents } from '../rest';
import { EntityStore } from './cache/entity-store';
import { CacheUpdateError } from './cache/cache-update-error';
import type { CachedUser } from './cache/cached-entities';
import type {
  ClientDebugInfo,
  ClientEvents,
  ClientLifecycleEvents,
  ClientLoginOptions,
  ClientLoginStage,
  ClientOptions,
  ListenerOptions,
} from './client-types';
import { ClientOptionError, EventHandlerError } from './event-handler-error';
import { dispatchTypeOf } from './event-names';
import { GuildMembersRequestError } from './guild-members-error';
import { resolveGuildMembersRequest, type GuildMembersRequestOptions } from './guild-members-options';
import { GuildMembersRequests, type GuildMembersResult } from './guild-members-requests';
import { PresenceBook, PresenceError, resolvePresence, type PresenceInput, type SetPresenceOptions } from './presence';

// A local copy: through the CommonJS re-exports of discord-api-types each `GatewayDispatchEvents.X`
// is a chain of getters, and these are read on every dispatch.
const Events = { ...GatewayDispatchEvents } as typeof GatewayDispatchEvents;

type Listener = (...args: never[]) => unknown;

function isLoginOptions(value: unknown): value is ClientLoginOptions {
  if (typeof value !== 'object' || value === null) return false;
  const { intents, shardCount } = value as Partial<ClientLoginOptions>;
  const intentsOk = Number.isInteger(intents) && (intents as number) >= 0;
  return intentsOk && (shardCount === 'auto' || (Number.isInteger(shardCount) && (shardCount as number) >= 1));
}

/** A phase around `clientReady` that providers can hook into. */
export type ReadyPhase = 'beforeClientReady' | 'afterClientReady';

/**
 * The bot: REST, shards, the entity cache and typed events in one object. Usable on its own with
 * `new`, or as the `Client` provider of `OvenModule.forRoot(...)`.
 *
 * @example
 * ```ts
 * const client = new Client({ token, intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent });
 * client.on('messageCreate', async (message) => {
 *   if (message.content === '!ping') await client.rest.channels.createMessage(message.channel_id, { content: 'pong' });
 * });
 * await client.login();
 * console.log(`${client.user?.username} in ${client.cache.guilds.size} guilds`);
 * await client.destroy();
 * ```
 */
export class Client {
  public readonly rest: RestClient;
  public readonly gateway: ShardManager;
  public readonly pipeline: EventPipeline;
  public readonly cache: EntityStore;
  private readonly lifecycle = new TypedEmitter<ClientLifecycleEvents>();
  private readonly ownsRest: boolean;
  private readonly waitGuildTimeoutMs: number;
  private readonly dispatchListeners = new Map<Listener, Array<{ name: string; off: () => void }>>();
  // Replaced, not spliced, on removal: a login iterating the old array keeps its list.
  private readonly readyHooks: Record<ReadyPhase, Array<() => unknown>> = { beforeClientReady: [], afterClientReady: [] };
  private readonly pendingGuilds = new Set<string>();
  private guildWaiter: (() => void) | undefined;
  private readyValue = false;
  private readonly shardCount: number | 'auto';
  private loginStages: readonly ClientLoginStage[] = [];
  private readonly memberRequests = new GuildMembersRequests();
  private readonly presences = new PresenceBook();
  /** Removes the debug feed from the gateway and REST; set once someone listens to `debug`. */
  private unwireDebug: (() => void) | undefined;

  public constructor(options: ClientOptions) {
    if (typeof options.token !== 'string' || options.token.trim() === '') {
      throw new ClientOptionError('Client: token must be the bot token from the Developer Portal (Bot > Token), without "Bot ".');
    }
    if (!Number.isInteger(options.intents) || options.intents < 0) {
      throw new ClientOptionError(`Client: intents must be GatewayIntentBits combined with |, got ${String(options.intents)}.`);
    }
    const token = options.token.replace(/^Bot\s+/i, '');
    this.ownsRest = !(options.rest instanceof RestClient);
    this.rest = options.rest instanceof RestClient ? options.rest : new RestClient({ ...options.rest, token });
    this.cache = new EntityStore(options.cache);
    this.pipeline = new EventPipeline(options.pipeline);
    this.waitGuildTimeoutMs = options.waitGuildTimeoutMs ?? 15_000;
    const { fetchGatewayInfo, ...gateway } = options.gateway ?? {};
    this.shardCount = gateway.totalShards ?? 'auto';
    this.gateway = new ShardManager({
      ...gateway,
      token,
      intents: options.intents,
      fetchGatewayInfo: fetchGatewayInfo ?? (() => this.rest.get<APIGatewayBotInfo>(Routes.gatewayBot())),
    });
    this.gateway.on('dispatch', (payload, shardId) => this.onDispatch(payload, shardId));
    this.gateway.on('error', (error) => this.reportError(error));
    this.gateway.on('shardConnect', (event) => this.lifecycle.emit('shardConnect', event));
    this.gateway.on('shardReady', (event) => this.lifecycle.emit('shardReady', event));
    this.gateway.on('shardResume', (event) => this.lifecycle.emit('shardResume', event));
    this.gateway.on('shardReconnect', (event) => {
      // The request went out on the connection just dropped; a resume does not answer it again.
      if (this.memberRequests.size > 0) this.memberRequests.interruptShard(event.shardId, `reconnected (${event.reason})`);
      this.lifecycle.emit('shardReconnect', event);
    });
    this.gateway.on('shardClose', (event) => {
      if (this.memberRequests.size > 0) this.memberRequests.interruptShard(event.shardId, `closed (code ${event.code})`);
      this.lifecycle.emit('shardClose', event);
    });
    this.gateway.on('reshard', (event) => {
      this.presences.forgetShards();
      this.lifecycle.emit('reshard', event);
    });
    // Read at each identify, so a shard starting a new session identifies with the latest setPresence.
    this.gateway.addIdentifyTransform((identify, shardId) => {
      const presence = this.presences.forShard(shardId);
      return presence === undefined ? identify : { ...identify, presence };
    });
    this.pipeline.on('handlerError', ({ error, event, handler }) => this.reportError(new EventHandlerError(handler, event, error)));
  }

  /** The bot's user, known after the first READY. */
  public get user(): CachedUser | undefined {
    return this.cache.me;
  }

  /** Whether `clientReady` has fired. */
  public get isReady(): boolean {
    return this.readyValue;
  }

  /**
   * Listens to a dispatch by camelCase name (`messageCreate`, typed from discord-api-types) or a
   * lifecycle event (`clientReady`, `shardReady`, `error`, ...). Dispatch listeners are isolated:
   * one that throws is reported as an `EventHandlerError` on `error`.
   */
  public on<K extends keyof ClientEvents & string>(event: K, listener: (...args: ClientEvents[K]) => unknown, options: ListenerOptions = {}): this {
    const type = dispatchTypeOf(event);
    if (type === undefined) {
      if (event === 'debug' && this.unwireDebug === undefined) this.wireDebug();
      this.lifecycle.on(event as keyof ClientLifecycleEvents, listener as (...args: unknown[]) => void);
      return this;
    }
    const call = listener as (data: unknown, context: PipelineEvent) => unknown;
    const handler = (pipelineEvent: PipelineEvent): unknown => call(pipelineEvent.data, pipelineEvent);
    // Errors name the user's listener, not this adapter.
    Object.defineProperty(handler, 'name', { value: listener.name });
    const off = this.pipeline.handle(type, handler, options);
    const registrations = this.dispatchListeners.get(listener as Listener) ?? [];
    registrations.push({ name: event, off });
    this.dispatchListeners.set(listener as Listener, registrations);
    return this;
  }

  /** Like `on`, removed after the first call. */
  public once<K extends keyof ClientEvents & string>(event: K, listener: (...args: ClientEvents[K]) => unknown, options: ListenerOptions = {}): this {
    const wrapper = (...args: ClientEvents[K]): unknown => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper, options);
  }

  /** Removes a listener added with `on`. */
  public off<K extends keyof ClientEvents & string>(event: K, listener: (...args: ClientEvents[K]) => unknown): this {
    const registrations = this.dispatchListeners.get(listener as Listener);
    if (registrations === undefined) {
      this.lifecycle.off(event as keyof ClientLifecycleEvents, listener as (...args: unknown[]) => void);
      // The feed formats a string per heartbeat and rate limit; nobody listening, nobody pays.
      if (event === 'debug' && this.lifecycle.listenerCount('debug') === 0) this.stopDebugFeed();
      return this;
    }
    const index = registrations.findIndex((registration) => registration.name === event);
    if (index >= 0) {
      registrations[index]?.off();
      registrations.splice(index, 1);
    }
    if (registrations.length === 0) this.dispatchListeners.delete(listener as Listener);
    return this;
  }

  /**
   * Runs `hook` (awaited, in registration order) just before or just after `clientReady`.
   * `removeReadyHook(phase, hook)` takes it out again.
   *
   * @example
   * ```ts
   * const warm = async (): Promise<void> => { await settings.loadAll(); };
   * client.addReadyHook('beforeClientReady', warm);
   * client.removeReadyHook('beforeClientReady', warm);
   * ```
   */
  public addReadyHook(phase: ReadyPhase, hook: () => unknown): this {
    this.readyHooks[phase].push(hook);
    return this;
  }

  /**
   * Removes a hook added with `addReadyHook` (the same function, for the same phase; added twice,
   * one is removed). Returns whether one was found. A login already running its ready hooks
   * still runs the ones it started with.
   */
  public removeReadyHook(phase: ReadyPhase, hook: () => unknown): boolean {
    const index = this.readyHooks[phase].lastIndexOf(hook);
    if (index < 0) return false;
    this.readyHooks[phase] = this.readyHooks[phase].filter((_, i) => i !== index);
    return true;
  }

  /**
   * Adds a stage that runs in `login()` before the shards connect and may change the intents or
   * the shard count. Stages run in insertion order and may be async; one that throws makes
   * `login()` reject, one that returns something else than `{ intents, shardCount }` makes it
   * reject with `OVEN_ERR_CLIENT_INVALID_OPTION`. Returns a function that removes the stage.
   *
   * @example
   * ```ts
   * client.addLoginStage((login) => ({ ...login, intents: login.intents | GatewayIntentBits.GuildMembers }));
   * await client.login();
   * ```
   */
  public addLoginStage(stage: ClientLoginStage): () => void {
    this.loginStages = [...this.loginStages, stage];
    return () => (this.loginStages = this.loginStages.filter((s) => s !== stage));
  }

  /**
   * Connects every shard and resolves once `clientReady` fired: all shards READY and every guild
   * of READY received. Rejects with the gateway's typed error (bad token, intents, ...).
   */
  public async login(): Promise<void> {
    if (this.loginStages.length > 0) await this.runLoginStages();
    const guildsArrived = new Promise<void>((resolve) => (this.guildWaiter = resolve));
    await this.gateway.connect();
    this.checkGuilds();
    const timer = setTimeout(() => this.guildWaiter?.(), this.waitGuildTimeoutMs);
    timer.unref();
    await guildsArrived;
    clearTimeout(timer);
    for (const hook of this.readyHooks.beforeClientReady) await hook();
    this.readyValue = true;
    this.lifecycle.emit('clientReady');
    for (const hook of this.readyHooks.afterClientReady) await hook();
  }

  /**
   * Fetches members of a guild over the gateway (op 8 Request Guild Members) and resolves with
   * every GUILD_MEMBERS_CHUNK of this request, matched by a nonce of its own, so concurrent
   * requests never mix. Give exactly one of `query` (a username prefix; `''` with GUILD_MEMBERS
   * for the whole list, allowed once per guild every 30 s) or `userIds` (up to 100). The chunks
   * also update the cache and reach `guildMembersChunk` listeners as any other dispatch.
   *
   * Sent on the guild's shard (`(guild_id >> 22) % totalShards`), which this process must run
   * and which must be ready. Rejects with a {@link GuildMembersRequestError}: bad options or a
   * missing intent (nothing sent), shard not running or not ready, timeout (no chunk for
   * `timeoutMs`, default 30 s, counted again from each chunk), aborted, interrupted (the shard
   * reconnected or closed), or {@link GuildMembersRateLimitedError} with `retryAfterMs`.
   *
   * @example
   * ```ts
   * const { members } = await client.requestGuildMembers(guildId, { query: 'ali', limit: 10 });
   * const { notFound } = await client.requestGuildMembers(guildId, { userIds: [userId], presences: true });
   * ```
   */
  public requestGuildMembers(guildId: string, options: GuildMembersRequestOptions): Promise<GuildMembersResult> {
    let request: ReturnType<typeof resolveGuildMembersRequest>;
    try {
      request = resolveGuildMembersRequest(guildId, options, this.gateway.intents);
    } catch (error) {
      return Promise.reject(error);
    }
    const shardId = this.gateway.shardIdFor(guildId);
    const shard = this.gateway.shards.get(shardId);
    if (shard === undefined) {
      const running = [...this.gateway.shards.keys()];
      return Promise.reject(
        new GuildMembersRequestError(
          'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_RUNNING',
          running.length === 0
            ? `requestGuildMembers(${guildId}): no shard is running; call login() first.`
            : `requestGuildMembers(${guildId}): the guild belongs to shard ${shardId} of ${this.gateway.totalShards}, which this process does not run (running: ${running.join(', ')}). Ask the process that runs shard ${shardId}.`,
          guildId,
          shardId,
        ),
      );
    }
    if (shard.status !== 'ready') {
      return Promise.reject(
        new GuildMembersRequestError(
          'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_READY',
          `requestGuildMembers(${guildId}): shard ${shardId} is ${shard.status}, not ready; wait for its shardReady or shardResume event and ask again.`,
          guildId,
          shardId,
        ),
      );
    }
    return this.memberRequests.start({ shardId, send: (payload) => shard.send(payload) }, request.data, request.timeoutMs, options.signal);
  }

  /**
   * Sets the bot's presence (op 3 Presence Update) on every shard of this process, or on
   * `shardIds`, and remembers it: a shard that identifies again later (a new session, a reshard)
   * identifies with it, and shards started after this call too. Before `login()` it becomes the
   * presence of the first identify. Throws a {@link PresenceError} naming the bad field, or a
   * shard of `shardIds` this process does not run, before anything is sent.
   *
   * @example
   * ```ts
   * client.setPresence({ status: 'idle', activities: [{ name: 'the oven', type: ActivityType.Watching }] });
   * client.setPresence({ status: 'dnd' }, { shardIds: [0] });
   * ```
   */
  public setPresence(presence: PresenceInput, options: SetPresenceOptions = {}): void {
    const data = resolvePresence(presence);
    const { shardIds } = options;
    if (shardIds !== undefined) {
      const list: unknown = shardIds;
      if (!Array.isArray(list) || list.length === 0) {
        throw new PresenceError('OVEN_ERR_CLIENT_PRESENCE_SHARD_NOT_RUNNING', 'shardIds', 'setPresence: shardIds must be a non-empty array of shard ids; leave it out for every shard.');
      }
      const missing = list.find((id) => !this.gateway.shards.has(id as number));
      if (missing !== undefined) {
        throw new PresenceError(
          'OVEN_ERR_CLIENT_PRESENCE_SHARD_NOT_RUNNING',
          'shardIds',
          `setPresence: shard ${String(missing)} is not run by this process (running: ${[...this.gateway.shards.keys()].join(', ') || 'none; call login() first'}).`,
        );
      }
      this.presences.setFor(shardIds, data);
    } else {
      this.presences.setAll(data);
    }
    for (const [id, shard] of this.gateway.shards) {
      // A closed shard has no session to update; if it is ever started again it identifies with `data`.
      if ((shardIds === undefined || shardIds.includes(id)) && shard.status !== 'closed') {
        shard.send({ op: GatewayOpcodes.PresenceUpdate, d: data });
      }
    }
  }

  /** Delivers pending events, closes every shard and (if the Client made it) the REST client; resolves when all are closed. */
  public async destroy(): Promise<void> {
    this.readyValue = false;
    this.guildWaiter?.();
    this.memberRequests.interruptAll('was destroyed with the client');
    this.pipeline.close();
    this.stopDebugFeed();
    await this.gateway.destroy();
    if (this.ownsRest) await this.rest.close();
  }

  private onDispatch(payload: GatewayDispatchPayload, shardId: number): void {
    // The cache is updated in arrival order, before the pipeline may reorder delivery by lane. A
    // payload it cannot read must not throw into the shard's socket handling nor stop delivery.
    try {
      this.cache.apply(payload);
    } catch (cause) {
      this.reportError(new CacheUpdateError(payload.t, shardId, cause));
    }
    if (payload.t === Events.Ready) {
      for (const guild of payload.d.guilds) this.pendingGuilds.add(guild.id);
    } else if (payload.t === Events.GuildCreate && this.pendingGuilds.delete(payload.d.id)) {
      this.checkGuilds();
    }
    if (this.memberRequests.size > 0) this.memberRequests.onDispatch(payload);
    if (this.lifecycle.listenerCount('dispatch') > 0) this.lifecycle.emit('dispatch', payload, shardId);
    this.pipeline.push(payload, shardId);
  }

  private async runLoginStages(): Promise<void> {
    let login: ClientLoginOptions = { intents: this.gateway.intents, shardCount: this.shardCount };
    for (const stage of this.loginStages) {
      const out: unknown = await stage(login);
      if (!isLoginOptions(out)) {
        throw new ClientOptionError(
          `Client: a login stage returned ${JSON.stringify(out) ?? String(out)}; it must return { intents, shardCount } with intents a non-negative integer (GatewayIntentBits combined with |) and shardCount a positive integer or 'auto'.`,
        );
      }
      login = out;
    }
    this.gateway.configure({ intents: login.intents, totalShards: login.shardCount === 'auto' ? undefined : login.shardCount });
    this.debug('client', `logging in with intents ${login.intents} and ${login.shardCount === 'auto' ? 'the recommended shard count' : `${login.shardCount} shards`}`);
  }

  private debug(source: ClientDebugInfo['source'], message: string): void {
    if (this.lifecycle.listenerCount('debug') > 0) this.lifecycle.emit('debug', { source, message });
  }

  private stopDebugFeed(): void {
    this.unwireDebug?.();
    this.unwireDebug = undefined;
  }

  /** Feeds `debug` from the engines' own events, only while someone listens to it. */
  private wireDebug(): void {
    const unsubscribe: Array<() => void> = [];
    const gateway = <K extends keyof ShardManagerEvents & string>(event: K, listener: (...args: ShardManagerEvents[K]) => void): void => {
      this.gateway.on(event, listener);
      unsubscribe.push(() => this.gateway.off(event, listener));
    };
    const rest = <K extends keyof RestEvents>(event: K, listener: (payload: RestEvents[K]) => void): void => {
      this.rest.on(event, listener);
      unsubscribe.push(() => this.rest.off(event, listener));
    };
    gateway('shardIdentify', ({ shardId }) => this.debug('gateway', `shard ${shardId} sent identify`));
    gateway('shardHeartbeat', ({ shardId, sequence }) => this.debug('gateway', `shard ${shardId} heartbeat, sequence ${sequence ?? 'none'}`));
    gateway('shardReconnect', ({ shardId, resume, reason }) =>
      this.debug('gateway', `shard ${shardId} reconnecting (${reason}), ${resume ? 'resuming the session' : 'new session'}`),
    );
    gateway('shardInvalidSession', ({ shardId, resumable }) => this.debug('gateway', `shard ${shardId} session invalidated (resumable: ${resumable})`));
    gateway('reshard', ({ from, to }) => this.debug('gateway', `resharding from ${from} to ${to} shards`));
    rest('rateLimited', ({ route, retryAfterMs, scope }) => this.debug('rest', `rate limited on ${route} for ${retryAfterMs} ms (${scope})`));
    rest('retry', ({ method, path, attempt, delayMs }) => this.debug('rest', `retrying ${method} ${path} after attempt ${attempt}, in ${delayMs} ms`));
    rest('bucketLearned', ({ route, hash }) => this.debug('rest', `route ${route} uses bucket ${hash}`));
    this.unwireDebug = () => {
      for (const off of unsubscribe) off();
    };
  }

  private checkGuilds(): void {
    if (this.pendingGuilds.size > 0 || this.guildWaiter === undefined) return;
    if ([...this.gateway.shards.values()].some((shard) => shard.status !== 'ready')) return;
    const resolve = this.guildWaiter;
    this.guildWaiter = undefined;
    resolve();
  }

  private reportError(error: Error): void {
    if (this.lifecycle.listenerCount('error') > 0) this.lifecycle.emit('error', error);
    else console.error('[ovenjs]', error);
  }
}
