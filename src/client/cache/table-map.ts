import type { Snowflake } from '../../snowflake';
import type { RowTable } from './row-table';

/** A row table that can build the public object of a row. */
export interface MaterialisingTable<V> extends RowTable {
  materialise(row: number, id?: string): V;
}

/**
 * A `ReadonlyMap` over a row table: `get` and iteration build each value from the row's current
 * columns, so what it returns is always current but is a snapshot (read it again after an event
 * rather than keep it). Order is the table's row order, a Map's insertion order.
 *
 * @example
 * ```ts
 * const member = client.cache.guilds.get(guildId)?.members.get(userId);
 * for (const [id, m] of guild.members) if (m.roles.includes(modRoleId)) mods.push(id);
 * ```
 */
export class TableMap<V> implements ReadonlyMap<Snowflake, V> {
  // A true private field: not enumerable, so logging or serialising the map does not dump the table.
  readonly #table: MaterialisingTable<V>;

  public constructor(table: MaterialisingTable<V>) {
    this.#table = table;
  }

  public get size(): number {
    return this.#table.size;
  }

  public get(key: Snowflake): V | undefined {
    const row = this.#table.rowOf(key);
    return row < 0 ? undefined : this.#table.materialise(row, key);
  }

  public has(key: Snowflake): boolean {
    return this.#table.rowOf(key) >= 0;
  }

  public forEach(callback: (value: V, key: Snowflake, map: ReadonlyMap<Snowflake, V>) => void, thisArg?: unknown): void {
    for (const row of this.rows()) {
      const key = this.#table.idAt(row);
      callback.call(thisArg, this.#table.materialise(row, key), key as Snowflake, this);
    }
  }

  public *entries(): MapIterator<[Snowflake, V]> {
    for (const row of this.rows()) {
      const key = this.#table.idAt(row);
      yield [key as Snowflake, this.#table.materialise(row, key)];
    }
    return undefined;
  }

  public *keys(): MapIterator<Snowflake> {
    for (const row of this.rows()) yield this.#table.idAt(row) as Snowflake;
    return undefined;
  }

  public *values(): MapIterator<V> {
    for (const row of this.rows()) yield this.#table.materialise(row);
    return undefined;
  }

  public [Symbol.iterator](): MapIterator<[Snowflake, V]> {
    return this.entries();
  }

  public get [Symbol.toStringTag](): string {
    return 'TableMap';
  }

  /**
   * Live rows in order. A compaction between two steps (an iterator held across an event) moves
   * rows: the walk picks up after the last id it gave, so each entry still comes once.
   */
  private *rows(): Generator<number, undefined, undefined> {
    const table = this.#table;
    let epoch = table.epoch;
    let lastHi = 0;
    let lastLo = 0;
    let given = 0;
    for (let row = 0; ; row++) {
      if (table.epoch !== epoch) {
        epoch = table.epoch;
        const at = given === 0 ? -1 : table.rowOfKey(lastHi, lastLo);
        // The last entry given was deleted too: rows are dense after a compaction, so skip as many.
        row = at >= 0 ? at + 1 : Math.min(given, table.end);
      }
      if (row >= table.end) return undefined;
      if (!table.isLive(row)) continue;
      lastHi = table.hiAt(row);
      lastLo = table.loAt(row);
      given++;
      yield row;
    }
  }
}
