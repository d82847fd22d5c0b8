/** One difference between two values, found by {@link diffValues}. */
export interface ValueChange {
  /** Where the change is, e.g. `body.embeds[0].title`; empty for the value itself. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

// Traces are for people reading them: deeper or longer diffs only bury what matters.
const MAX_DEPTH = 8;
const MAX_CHANGES = 50;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of plain objects and arrays deep enough for {@link diffValues} to see what a handler
 * mutated in place. Class instances, errors and functions are kept by reference: copying them
 * could run getters or fail, and a handler replacing one still shows up as a change.
 */
export function snapshotValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => snapshotValue(item, depth + 1));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = snapshotValue(value[key], depth + 1);
    return copy;
  }
  return value;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;
}

function walk(before: unknown, after: unknown, path: string, depth: number, out: ValueChange[]): void {
  if (out.length >= MAX_CHANGES || Object.is(before, after)) return;
  if (depth < MAX_DEPTH && Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index += 1) {
      walk(before[index], after[index], childPath(path, index), depth + 1, out);
    }
    return;
  }
  if (depth < MAX_DEPTH && isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) walk(before[key], after[key], childPath(path, key), depth + 1, out);
    return;
  }
  out.push({ path, before, after });
}

/**
 * The differences between two values, path by path (at most 50).
 *
 * @example
 * ```ts
 * diffValues({ body: { content: 'hi' } }, { body: { content: 'hi!' } });
 * // [{ path: 'body.content', before: 'hi', after: 'hi!' }]
 * ```
 */
export function diffValues(before: unknown, after: unknown): ValueChange[] {
  const out: ValueChange[] = [];
  walk(before, after, '', 0, out);
  return out;
}
