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
    return this.#table.get(this.#channelId, key);
  }

  public has(key: Snowflake): boolean {
    return this.#table.has(this.#channelId, key);
  }

  public forEach(callback: (value: CachedMessage, key: Snowflake, map: ReadonlyMap<Snowflake, CachedMessage>) => void, thisArg?: unknown): void {
    for (const [key, message] of this.entries()) callback.call(thisArg, message, key, this);
  }

  /**
   * The channel's messages as they were when the walk began, each read when its turn comes (one
   * deleted in between is skipped, one edited is read as it is then).
   */
  public *entries(): MapIterator<[Snowflake, CachedMessage]> {
    for (const id of this.#table.idsIn(this.#channelId)) {
      const message = this.#table.get(this.#channelId, id);
      if (message !== undefined) yield [id, message];
    }
    return undefined;
  }

  public *keys(): MapIterator<Snowflake> {
    for (const [id] of this.entries()) yield id;
    return undefined;
  }

  public *values(): MapIterator<CachedMessage> {
    for (const [, message] of this.entries()) yield message;
    return undefined;
  }

  public [Symbol.iterator](): MapIterator<[Snowflake, CachedMessage]> {
    return this.entries();
  }

  public get [Symbol.toStringTag](): string {
    return 'ChannelMessages';
  }
}
