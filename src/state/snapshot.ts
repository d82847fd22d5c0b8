import { decodeStateJson, encodeStateJson } from './json-codec';

/** A store's whole state at one version; `restore` brings a store (this one or another) there. */
export interface StateSnapshot<S> {
  readonly format: 'ovenjs.state/1';
  readonly store: string;
  readonly version: number;
  readonly state: S;
}

/**
 * A snapshot as JSON text (Maps, Sets, Dates and bigints kept), for a file, a database row or Redis.
 *
 * @example
 * ```ts
 * await writeFile('settings.json', encodeSnapshot(store.snapshot()));
 * store.restore(decodeSnapshot(await readFile('settings.json', 'utf8')));
 * ```
 */
export function encodeSnapshot<S>(snapshot: StateSnapshot<S>): string {
  return encodeStateJson(snapshot);
}

/**
 * Parses {@link encodeSnapshot}'s text. The shape is checked by `restore`, which knows the store,
 * so this returns the parsed value typed as the snapshot it claims to be; bad JSON throws `SyntaxError`.
 */
export function decodeSnapshot<S>(text: string): StateSnapshot<S> {
  return decodeStateJson(text) as StateSnapshot<S>;
}

/** What is wrong with a value meant to be a snapshot, or `undefined`. */
export function snapshotProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const { format, version } = value as Record<string, unknown>;
  if (format !== 'ovenjs.state/1') return `its format is ${JSON.stringify(format) ?? 'missing'} (expected "ovenjs.state/1")`;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return '`version` is not a non-negative integer';
  if (!('state' in value)) return 'it has no `state`';
  return undefined;
}

/** A coarse shape (object, array, Map, Set or a primitive type) to catch a wholesale wrong state. */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Set) return 'a Set';
  if (value instanceof Promise) return 'a Promise';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
