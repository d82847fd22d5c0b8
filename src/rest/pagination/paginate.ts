import { RestUsageError } from '../errors/rest-usage-error';

/**
 * Options of every `iterate*` helper.
 *
 * @example
 * ```ts
 * for await (const message of rest.channels.iterateMessages(channelId, { limit: 250 })) console.log(message.id);
 * ```
 */
export interface PaginateOptions {
  /** Stop after this many items. @defaultValue no limit: until Discord has no more */
  limit?: number;
  /** Items per request; at most the route's maximum (100 messages, 1000 members, ...). */
  pageSize?: number;
}

export interface PageSource<T> {
  /** Fetches one page after or before `cursor` (undefined: from the start). */
  fetch(cursor: string | undefined, size: number): Promise<readonly T[]>;
  idOf(item: T): string;
  /** `before` walks from newest to oldest, `after` from oldest to newest. */
  direction: 'before' | 'after';
  maxPageSize: number;
  /** Where to start (an id), if the caller gave one. */
  start: string | undefined;
  /** Name for error messages, e.g. `iterateMessages`. */
  name: string;
}

/**
 * Walks a snowflake-cursored list lazily: the next page is fetched only when the consumer asks for
 * an item past the current one, so `break` after ten items costs one request. Each page is sorted
 * in the walking direction because Discord returns `after` pages newest first on some routes.
 */
export async function* paginate<T>(source: PageSource<T>, options: PaginateOptions = {}): AsyncGenerator<T, void, undefined> {
  const limit = options.limit ?? Infinity;
  const pageSize = options.pageSize ?? source.maxPageSize;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
    throw new RestUsageError('OVEN_ERR_REST_BAD_OPTION', `${source.name}: limit must be a whole number of 0 or more, got ${String(limit)}.`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > source.maxPageSize) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_OPTION',
      `${source.name}: pageSize must be a whole number from 1 to ${source.maxPageSize} (Discord's maximum for this route), got ${String(pageSize)}.`,
    );
  }
  let cursor = source.start;
  let yielded = 0;
  while (yielded < limit) {
    const size = Math.min(pageSize, limit - yielded);
    const page = [...(await source.fetch(cursor, size))];
    if (page.length === 0) return;
    page.sort((a, b) => compareSnowflakes(source.idOf(a), source.idOf(b)) * (source.direction === 'after' ? 1 : -1));
    for (const item of page) {
      yield item;
      yielded += 1;
      if (yielded >= limit) return;
    }
    cursor = source.idOf(page[page.length - 1]!);
    if (page.length < size) return;
  }
}

function compareSnowflakes(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
