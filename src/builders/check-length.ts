import { BuilderLimitError } from './builder-errors';

/** Throws BuilderLimitError when `text` is longer than `max` (or shorter than `min`). */
export function checkLength(text: string, max: number, limit: string, path: string, min = 0): void {
  if (text.length > max) {
    throw new BuilderLimitError(limit, path, `is ${text.length} characters; Discord allows at most ${max} (${limit}).`);
  }
  if (text.length < min) {
    throw new BuilderLimitError(limit, path, `is ${text.length} characters; Discord needs at least ${min} (${limit}).`);
  }
}

/** Throws BuilderLimitError when a list has more than `max` entries. */
export function checkCount(count: number, max: number, limit: string, path: string, what: string, min = 0): void {
  if (count > max) throw new BuilderLimitError(limit, path, `has ${count} ${what}; Discord allows at most ${max} (${limit}).`);
  if (count < min) throw new BuilderLimitError(limit, path, `has ${count} ${what}; Discord needs at least ${min} (${limit}).`);
}
