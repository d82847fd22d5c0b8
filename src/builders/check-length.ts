import { BuilderLimitError } from './builder-errors';

/**
 * Length as Discord counts it: Unicode code points, so an emoji outside the BMP is one character,
 * not the two UTF-16 units `String#length` sees. Counting units would refuse text Discord accepts.
 */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        index++;
      }
    }
  }
  return length;
}

/** Throws BuilderLimitError when `text` is longer than `max` (or shorter than `min`) code points. */
export function checkLength(text: string, max: number, limit: string, path: string, min = 0): void {
  // Code points never outnumber UTF-16 units, so the scan only runs near the bounds.
  if (text.length <= max && text.length >= min * 2) return;
  const length = codePointLength(text);
  if (length > max) {
    throw new BuilderLimitError(limit, path, `is ${length} characters; Discord allows at most ${max} (${limit}).`);
  }
  if (length < min) {
    throw new BuilderLimitError(limit, path, `is ${length} characters; Discord needs at least ${min} (${limit}).`);
  }
}

/** Throws BuilderLimitError when a list has more than `max` entries. */
export function checkCount(count: number, max: number, limit: string, path: string, what: string, min = 0): void {
  if (count > max) throw new BuilderLimitError(limit, path, `has ${count} ${what}; Discord allows at most ${max} (${limit}).`);
  if (count < min) throw new BuilderLimitError(limit, path, `has ${count} ${what}; Discord needs at least ${min} (${limit}).`);
}
