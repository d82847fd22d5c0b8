import type { DynamicModule } from '../module-metadata';

/** Deeper than any options object users write; past it two values count as different. */
const MAX_DEPTH = 16;

/**
 * Whether two dynamic modules describe the same module: same class, and metadata equal value by
 * value (plain objects and arrays compared deeply, anything else, such as classes, functions,
 * tokens or class instances, by identity). `ClientModule.forRoot({ token })` imported in the root
 * and again in a feature module is then one module with one client, not two that both log in.
 */
export function sameDynamicModule(a: DynamicModule, b: DynamicModule): boolean {
  return a === b || (a.module === b.module && same(a, b, 0));
}

function same(x: unknown, y: unknown, depth: number): boolean {
  if (Object.is(x, y)) return true;
  if (depth > MAX_DEPTH || typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((item, index) => same(item, y[index], depth + 1));
  }
  if (!isPlainObject(x) || !isPlainObject(y)) return false;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(y, key) && same(x[key], y[key], depth + 1));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
