/** A scalar Discord accepts in a query string. */
export type QueryValue = string | number | boolean | bigint;

/** Query parameters: arrays become repeated keys (`?id=1&id=2`), `undefined` is skipped. */
export type QueryInput =
  | URLSearchParams
  | Readonly<Record<string, QueryValue | readonly QueryValue[] | null | undefined>>;

/** Builds `?a=1&b=2` (or the empty string) the way Discord reads it: booleans as `true`/`false`. */
export function toQueryString(query: QueryInput | undefined): string {
  if (query === undefined) return '';
  if (query instanceof URLSearchParams) {
    const text = query.toString();
    return text === '' ? '' : `?${text}`;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
    for (const item of values) params.append(key, String(item));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
