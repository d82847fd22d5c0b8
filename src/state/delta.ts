import type { Patch } from 'immer';

/**
 * A change as data: the immer patches that take a store from `baseVersion` to `version`, and
 * who made it. Another store at `baseVersion` reaches the same state with `applyDelta`.
 */
export interface StateDelta {
  readonly version: number;
  readonly baseVersion: number;
  readonly patches: readonly Patch[];
  readonly origin: string;
}

const OPS = new Set(['add', 'remove', 'replace']);

/** What is wrong with a value meant to be a delta, or `undefined` if it is well formed. */
export function deltaProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const { version, baseVersion, patches, origin } = value as Record<string, unknown>;
  if (!isVersion(version)) return '`version` is not a non-negative integer';
  if (!isVersion(baseVersion)) return '`baseVersion` is not a non-negative integer';
  if (typeof origin !== 'string') return '`origin` is not a string';
  return patchesProblem(patches);
}

/** What is wrong with a value meant to be a list of immer patches, or `undefined`. */
export function patchesProblem(patches: unknown): string | undefined {
  if (!Array.isArray(patches)) return '`patches` is not an array';
  for (const [index, patch] of patches.entries()) {
    if (typeof patch !== 'object' || patch === null) return `patch ${index} is not an object`;
    const { op, path } = patch as Record<string, unknown>;
    if (typeof op !== 'string' || !OPS.has(op)) return `patch ${index} has op ${JSON.stringify(op)} (expected add, remove or replace)`;
    if (!Array.isArray(path) || !path.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return `patch ${index} has a path that is not a list of strings and numbers`;
    }
    if (op !== 'remove' && !('value' in patch)) return `patch ${index} (${op}) has no value`;
  }
  return undefined;
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
