import type { Snowflake } from '../../snowflake';
import type { CachedMessage } from './cached-entities';
import type { MessageTable } from './message-table';

/**
 * A `ReadonlyMap` of one channel's cached messages, oldest first, over the message table: `get`
 * and iteration build each message from the table, so they are current when read but are frozen
 * snapshots (read again after an event rather than keep one). A view taken before the channel had
 * messages sees them once they arrive.
 *
 * @example
 * ```ts
 * const recent = client.cache.messages(channelId);
 * for (const message of recent.values()) if (message.authorId === userId) count++;
 * ```
 */
export class ChannelMessages implements ReadonlyMap<Snowflake, CachedMessage> {
  // True private fields: not enumerable, so logging the view does not dump the table.
  readonly #table: MessageTable;
  readonly #channelId: string;

  public constructor(table: MessageTable, channelId: string) {
    this.#table = table;
    this.#channelId = channelId;
  }

  public get size(): number {
    return this.#table.countIn(this.#channelId);
  }

  public get(key: Snowflake): CachedMessage | undefined {
    const row = this.#table.rowIn(this.#channelId, key);
    return row < 0 ? undefined : this.#table.materialise(row, key);
  }

  public has(key: Snowflake): boolean {
    return this.#table.rowIn(this.#channelId, key) >= 0;
  }

  public forEach(callback: (value: CachedMessage, key: Snowflake, map: ReadonlyMap<Snowflake, CachedMessage>) => void, thisArg?: unknown): void {
    for (const [key, message] of this.entries()) callback.call(thisArg, message, key, this);
  }

  public *entries(): MapIterator<[Snowflake, CachedMessage]> {
    for (const row of this.rows()) yield [this.#table.idAt(row) as Snowflake, this.#table.materialise(row)];
    return undefined;
  }

  public *keys(): MapIterator<Snowflake> {
    for (const row of this.rows()) yield this.#table.idAt(row) as Snowflake;
    return undefined;
  }

  public *values(): MapIterator<CachedMessage> {
    for (const row of this.rows()) yield this.#table.materialise(row);
    return undefined;
  }

  public [Symbol.iterator](): MapIterator<[Snowflake, CachedMessage]> {
    return this.entries();
  }

  public get [Symbol.toStringTag](): string {
    return 'ChannelMessages';
  }

  /**
   * The channel's rows as they were when the walk began, each looked up again when its turn comes:
   * rows move when the table compacts, and one deleted in between is skipped.
   */
  private *rows(): Generator<number, undefined, undefined> {
    const table = this.#table;
    const keys = table.keysIn(this.#channelId);
    for (let i = 0; i < keys.length; i += 2) {
      const row = table.rowOfKey(keys[i]!, keys[i + 1]!);
      if (row >= 0) yield row;
    }
    return undefined;
  }
}
