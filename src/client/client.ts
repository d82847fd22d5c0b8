import { GatewayDispatchEvents, Routes, type APIGatewayBotInfo, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline, ShardManager, TypedEmitter, type PipelineEvent } from '../gateway';
import { RestClient } from '../rest';
import { EntityStore } from './cache/entity-store';
import type { CachedUser } from './cache/cached-entities';
import type { ClientEvents, ClientLifecycleEvents, ClientOptions, ListenerOptions } from './client-types';
import { ClientOptionError, EventHandlerError } from './event-handler-error';
import { dispatchTypeOf } from './event-names';

// A local copy: through the CommonJS re-exports of discord-api-types each `GatewayDispatchEvents.X`
// is a chain of getters, and these are read on every dispatch.
const Events = { ...GatewayDispatchEvents } as typeof GatewayDispatchEvents;

type Listener = (...args: never[]) => unknown;

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
  private readonly readyHooks: Record<ReadyPhase, Array<() => unknown>> = { beforeClientReady: [], afterClientReady: [] };
  private readonly pendingGuilds = new Set<string>();
  private guildWaiter: (() => void) | undefined;
  private readyValue = false;

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
    this.gateway.on('shardReconnect', (event) => this.lifecycle.emit('shardReconnect', event));
    this.gateway.on('shardClose', (event) => this.lifecycle.emit('shardClose', event));
    this.gateway.on('reshard', (event) => this.lifecycle.emit('reshard', event));
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

  /** Runs `hook` (awaited, in registration order) just before or just after `clientReady`. */
  public addReadyHook(phase: ReadyPhase, hook: () => unknown): this {
    this.readyHooks[phase].push(hook);
    return this;
  }

  /**
   * Connects every shard and resolves once `clientReady` fired: all shards READY and every guild
   * of READY received. Rejects with the gateway's typed error (bad token, intents, ...).
   */
  public async login(): Promise<void> {
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

  /** Delivers pending events, closes every shard and (if the Client made it) the REST client; resolves when all are closed. */
  public async destroy(): Promise<void> {
    this.readyValue = false;
    this.guildWaiter?.();
    this.pipeline.close();
    await this.gateway.destroy();
    if (this.ownsRest) await this.rest.close();
  }

  private onDispatch(payload: GatewayDispatchPayload, shardId: number): void {
    // The cache is updated in arrival order, before the pipeline may reorder delivery by lane.
    this.cache.apply(payload);
    if (payload.t === Events.Ready) {
      for (const guild of payload.d.guilds) this.pendingGuilds.add(guild.id);
    } else if (payload.t === Events.GuildCreate && this.pendingGuilds.delete(payload.d.id)) {
      this.checkGuilds();
    }
    if (this.lifecycle.listenerCount('dispatch') > 0) this.lifecycle.emit('dispatch', payload, shardId);
    this.pipeline.push(payload, shardId);
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
