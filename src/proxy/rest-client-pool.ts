import { MemoryLimiterStore, RestClient, type LimiterStore } from '../rest';
import type { BotCredentials } from './bot-credentials';
import { ProxyError } from './proxy-error';
import type { ProxyBot, ResolvedProxyOptions } from './proxy-options';

interface PoolEntry {
  readonly bot: ProxyBot;
  readonly credentials: BotCredentials | undefined;
  readonly store: LimiterStore;
  readonly ownsStore: boolean;
  /** One client per API version, all on the bot's one store: v9 and v10 share Discord's limits. */
  readonly clients: Map<number, RestClient>;
  inFlight: number;
  lastUsed: number;
}

/** A client lent for one request; `release()` must be called once the request settled. */
export interface LentClient {
  readonly client: RestClient;
  readonly bot: ProxyBot;
  release(): void;
}

const ANONYMOUS: ProxyBot = { key: 'anonymous', label: 'anonymous' };

/**
 * The proxy's RestClients, one set per bot token seen, created on first use. The set is bounded
 * (`maxClients`) and a token's clients are closed after `clientIdleMs` without requests, so a
 * proxy that sees many short-lived tokens (OAuth2 bearers) does not keep a pool open for each.
 */
export class RestClientPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly closing = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  public constructor(
    private readonly options: ResolvedProxyOptions,
    private readonly setup: (client: RestClient, bot: ProxyBot) => void,
  ) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), Math.min(options.clientIdleMs, 30_000));
    this.sweeper.unref();
  }

  /** Bots with live clients. */
  public get size(): number {
    return this.entries.size;
  }

  /** Labels of the bots with live clients, for /metrics. */
  public bots(): string[] {
    return [...this.entries.values()].map((entry) => entry.bot.label);
  }

  /**
   * Lends the client for `credentials` (undefined: the anonymous client for token routes) and API
   * `version`, creating it on first use.
   */
  public lend(credentials: BotCredentials | undefined, version: number): LentClient {
    const key = credentials === undefined ? ANONYMOUS.key : credentials.key;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      this.makeRoom();
      entry = this.createEntry(credentials);
      this.entries.set(key, entry);
    } else {
      // Map order doubles as recency order for eviction.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    let client = entry.clients.get(version);
    if (client === undefined) {
      client = new RestClient({
        ...this.options.rest,
        ...(entry.credentials === undefined ? {} : { token: entry.credentials.token, authPrefix: entry.credentials.prefix }),
        version,
        store: entry.store,
      });
      this.setup(client, entry.bot);
      entry.clients.set(version, client);
    }
    const lent = entry;
    lent.inFlight += 1;
    lent.lastUsed = Date.now();
    let released = false;
    return {
      client,
      bot: lent.bot,
      release: () => {
        if (released) return;
        released = true;
        lent.inFlight -= 1;
        lent.lastUsed = Date.now();
      },
    };
  }

  /** Closes the clients of bots idle for `clientIdleMs` at `now`. */
  public sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.inFlight === 0 && now - entry.lastUsed >= this.options.clientIdleMs) this.retire(key, entry);
    }
  }

  /** Closes every client (aborting what is in flight) and the stores the pool created. */
  public async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const [key, entry] of this.entries) this.retire(key, entry);
    await Promise.all([...this.closing]);
  }

  private createEntry(credentials: BotCredentials | undefined): PoolEntry {
    const bot: ProxyBot = credentials === undefined ? ANONYMOUS : { key: credentials.key, label: credentials.label };
    const configured = this.options.limiterStore;
    const store = configured === undefined ? new MemoryLimiterStore() : typeof configured === 'function' ? configured(bot) : configured;
    return { bot, credentials, store, ownsStore: typeof configured !== 'object', clients: new Map(), inFlight: 0, lastUsed: Date.now() };
  }

  private makeRoom(): void {
    if (this.entries.size < this.options.maxClients) return;
    for (const [key, entry] of this.entries) {
      if (entry.inFlight === 0) {
        this.retire(key, entry);
        return;
      }
    }
    throw new ProxyError(
      'OVEN_ERR_PROXY_TOO_MANY_TOKENS',
      `The proxy already serves ${this.options.maxClients} bot tokens with requests in flight; retry shortly, or raise \`maxClients\` (--max-clients).`,
    );
  }

  private retire(key: string, entry: PoolEntry): void {
    this.entries.delete(key);
    const done = (async () => {
      await Promise.all([...entry.clients.values()].map((client) => client.close()));
      if (entry.ownsStore) await entry.store.close();
    })()
      // A store that cannot close (its Redis is gone) must not take the proxy down with it.
      .catch(() => undefined)
      .finally(() => this.closing.delete(done));
    this.closing.add(done);
  }
}
