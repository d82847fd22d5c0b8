import { DataSource } from 'typeorm';
import { CacheClosedError, CacheInvalidOptionError, CacheTierUnavailableError } from './cache-errors';
import { requirePositive } from './require-positive';
import type { ByteCacheTier, TierEntry } from './tier';

/** Options of a {@link PostgresTier}. */
export interface PostgresTierOptions {
  /** @defaultValue 'postgres' */
  readonly name?: string;
  /** A DataSource you manage (initialised or not); it is not destroyed by OvenJS. */
  readonly dataSource?: DataSource;
  /** Opened (and closed on `close()`) by OvenJS. @defaultValue 'postgres://postgres@127.0.0.1:5432/postgres' */
  readonly url?: string;
  /** Table (optionally `schema.table`), created on first use. @defaultValue 'oven_cache' */
  readonly table?: string;
  /** Milliseconds between deletions of expired rows. @defaultValue 60_000 */
  readonly sweepInterval?: number;
  /** Milliseconds to wait for a connection. @defaultValue 2000 */
  readonly connectTimeout?: number;
  /** Told about each background sweep: rows deleted, or the error (the next sweep retries). */
  readonly onSweep?: (result: { readonly deleted: number } | { readonly error: unknown }) => void;
}

interface Row {
  readonly value: Buffer;
  readonly tags: string[];
  readonly depends_on: string[];
  readonly expires_at: Date | null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The durable tier on PostgreSQL (typeorm + pg): one table of `key`, `value bytea`, `tags text[]`,
 * `depends_on text[]` and `expires_at`, with GIN indexes so tag and dependency lookups use the
 * index. Writes are upserts; expired rows are never returned and are swept in the background.
 * `bytea` rather than `jsonb`: it takes any serializer's output, and jsonb refuses strings holding
 * `\u0000`, which Discord content can contain.
 *
 * @example
 * ```ts
 * const postgres = new PostgresTier({ url: 'postgres://bot@db/bot', table: 'cache_entries' });
 * const cache = new Cache({ tiers: [new MemoryTier(), redis, { tier: postgres, write: 'behind' }] });
 * ```
 */
export class PostgresTier implements ByteCacheTier {
  public readonly name: string;
  public readonly shared = true;
  public readonly encoding = 'bytes';
  public readonly table: string;
  private readonly quoted: string;
  private readonly upsert: string;
  private readonly onConflict =
    'ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, tags = EXCLUDED.tags, depends_on = EXCLUDED.depends_on, expires_at = EXCLUDED.expires_at';
  private readonly owned: boolean;
  private readonly url: string;
  private readonly connectTimeout: number;
  private readonly indexPrefix: string;
  private dataSource: DataSource | undefined;
  private opening: Promise<DataSource> | undefined;
  private readonly sweepTimer: NodeJS.Timeout;
  private closed = false;

  public constructor(private readonly options: PostgresTierOptions = {}) {
    this.name = options.name ?? 'postgres';
    this.table = options.table ?? 'oven_cache';
    const parts = this.table.split('.');
    if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
      throw new CacheInvalidOptionError('table', this.table, 'a table name of letters, digits and "_" (optionally "schema.table")');
    }
    this.quoted = parts.map((part) => `"${part}"`).join('.');
    this.upsert = `INSERT INTO ${this.quoted} (key, value, tags, depends_on, expires_at)`;
    this.indexPrefix = parts.join('_');
    this.owned = options.dataSource === undefined;
    this.dataSource = options.dataSource;
    this.url = options.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    this.connectTimeout = requirePositive('connectTimeout', options.connectTimeout ?? 2_000);
    this.sweepTimer = setInterval(() => void this.backgroundSweep(), requirePositive('sweepInterval', options.sweepInterval ?? 60_000));
    this.sweepTimer.unref();
  }

  /** Connects and creates the table now (otherwise the first query does); throws `CacheTierUnavailableError`. */
  public async connect(): Promise<void> {
    await this.ready();
  }

  public async get(key: string): Promise<TierEntry<Buffer> | undefined> {
    const rows = await this.query<Row[]>(
      `SELECT value, tags, depends_on, expires_at FROM ${this.quoted} WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)`,
      [key, new Date()],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      value: row.value,
      tags: row.tags,
      dependsOn: row.depends_on,
      ...(row.expires_at === null ? {} : { expiresAt: row.expires_at.getTime() }),
    };
  }

  public async set(key: string, entry: TierEntry<Buffer>): Promise<void> {
    await this.query(`${this.upsert} VALUES ($1, $2, $3, $4, $5) ${this.onConflict}`, [
      key,
      entry.value,
      entry.tags,
      entry.dependsOn,
      entry.expiresAt === undefined ? null : new Date(entry.expiresAt),
    ]);
  }

  /** Inserts the entry unless a live row holds the key (an expired one is replaced). */
  public async setIfAbsent(key: string, entry: TierEntry<Buffer>): Promise<void> {
    await this.query(
      `INSERT INTO ${this.quoted} AS existing (key, value, tags, depends_on, expires_at) VALUES ($1, $2, $3, $4, $5) ` +
        `${this.onConflict} WHERE existing.expires_at IS NOT NULL AND existing.expires_at <= $6`,
      [key, entry.value, entry.tags, entry.dependsOn, entry.expiresAt === undefined ? null : new Date(entry.expiresAt), new Date()],
    );
  }

  /** Upserts many entries in one statement (write-behind flushes use this). */
  public async setMany(entries: ReadonlyArray<readonly [string, TierEntry<Buffer>]>): Promise<void> {
    if (entries.length === 0) return;
    const parameters: unknown[] = [];
    const rows = entries.map(([key, entry]) => {
      const at = parameters.length;
      parameters.push(key, entry.value, entry.tags, entry.dependsOn, entry.expiresAt === undefined ? null : new Date(entry.expiresAt));
      return `($${at + 1}, $${at + 2}, $${at + 3}::text[], $${at + 4}::text[], $${at + 5}::timestamptz)`;
    });
    await this.query(`${this.upsert} VALUES ${rows.join(', ')} ${this.onConflict}`, parameters);
  }

  public async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.query(`DELETE FROM ${this.quoted} WHERE key = ANY($1::text[])`, [keys]);
  }

  public async keysWithTag(tags: readonly string[]): Promise<string[]> {
    if (tags.length === 0) return [];
    const rows = await this.query<Array<{ key: string }>>(`SELECT key FROM ${this.quoted} WHERE tags && $1::text[]`, [tags]);
    return rows.map((row) => row.key);
  }

  public async dependentsOf(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.query<Array<{ key: string }>>(`SELECT key FROM ${this.quoted} WHERE depends_on && $1::text[]`, [keys]);
    return rows.map((row) => row.key);
  }

  public async clear(prefix: string): Promise<void> {
    await this.query(`DELETE FROM ${this.quoted} WHERE starts_with(key, $1)`, [prefix]);
  }

  /** Deletes expired rows now; returns how many. */
  public async sweep(): Promise<number> {
    const result = await this.query<[unknown, number]>(`DELETE FROM ${this.quoted} WHERE expires_at <= $1`, [new Date()]);
    return result[1];
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    const opening = this.opening;
    if (opening !== undefined) await opening.catch(() => undefined);
    if (this.owned && this.dataSource?.isInitialized === true) await this.dataSource.destroy();
  }

  private async backgroundSweep(): Promise<void> {
    if (this.closed) return;
    try {
      const deleted = await this.sweep();
      this.options.onSweep?.({ deleted });
    } catch (error) {
      this.options.onSweep?.({ error });
    }
  }

  private async query<T>(sql: string, parameters: readonly unknown[]): Promise<T> {
    const dataSource = await this.ready();
    try {
      return (await dataSource.query(sql, [...parameters])) as T;
    } catch (error) {
      throw isConnectionFailure(error) ? this.unavailable(error) : error;
    }
  }

  private ready(): Promise<DataSource> {
    if (this.closed) return Promise.reject(new CacheClosedError(`PostgreSQL tier "${this.name}"`));
    // A failed attempt is forgotten, so that the Cache's retry after an outage connects afresh.
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<DataSource> {
    const dataSource =
      this.dataSource ??
      new DataSource({
        type: 'postgres',
        url: this.url,
        connectTimeoutMS: this.connectTimeout,
        installExtensions: false,
        // Idle connections dropped by a dying server are reported by the next query instead.
        poolErrorHandler: () => undefined,
        extra: { max: 4 },
      });
    try {
      if (!dataSource.isInitialized) await dataSource.initialize();
      await this.createTable(dataSource);
    } catch (error) {
      if (this.owned && dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      throw isConnectionFailure(error) || !dataSource.isInitialized ? this.unavailable(error) : error;
    }
    this.dataSource = dataSource;
    return dataSource;
  }

  private async createTable(dataSource: DataSource): Promise<void> {
    await dataSource.transaction(async (manager) => {
      // Two processes starting together would otherwise race on CREATE TABLE IF NOT EXISTS.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.table]);
      await manager.query(
        `CREATE TABLE IF NOT EXISTS ${this.quoted} (
           key text PRIMARY KEY,
           value bytea NOT NULL,
           tags text[] NOT NULL DEFAULT '{}',
           depends_on text[] NOT NULL DEFAULT '{}',
           expires_at timestamptz NULL
         )`,
      );
      await manager.query(`CREATE INDEX IF NOT EXISTS "${this.indexPrefix}_tags" ON ${this.quoted} USING gin (tags)`);
      await manager.query(`CREATE INDEX IF NOT EXISTS "${this.indexPrefix}_depends_on" ON ${this.quoted} USING gin (depends_on)`);
      await manager.query(
        `CREATE INDEX IF NOT EXISTS "${this.indexPrefix}_expires_at" ON ${this.quoted} (expires_at) WHERE expires_at IS NOT NULL`,
      );
    });
  }

  private unavailable(cause: unknown): CacheTierUnavailableError {
    return new CacheTierUnavailableError(
      this.name,
      `PostgreSQL at ${describeTarget(this.dataSource, this.url)}`,
      'Start PostgreSQL or fix the `url` (or DataSource); the Cache keeps serving from its other tiers and retries this one.',
      { cause },
    );
  }
}

/** Network errors and SQLSTATE class 08 / 57P0x mean "cannot talk to the server", not "bad SQL". */
function isConnectionFailure(error: unknown): boolean {
  const driver = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const code = (driver as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)/.test(code) || code.startsWith('08') || code.startsWith('57P0'))) {
    return true;
  }
  const message = driver instanceof Error ? driver.message : '';
  return /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i.test(message);
}

function describeTarget(dataSource: DataSource | undefined, url: string): string {
  const options = dataSource?.options as { host?: string; port?: number; database?: string; url?: string } | undefined;
  if (options?.host !== undefined) return `${options.host}:${options.port ?? 5432}/${options.database ?? ''}`;
  try {
    const parsed = new URL(options?.url ?? url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}
