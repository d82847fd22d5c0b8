import * as compiler from '../../src/json/shape-compiler';
import { MISS, type ShapeParser } from '../../src/json/shape-site';

/** How often compiled shapes were made, matched and missed while a ShapeCounter was installed. */
export interface ShapeCounts {
  compiled: number;
  hits: number;
  misses: number;
}

/**
 * Counts compiled-shape use, so a test of the decoder's results can also show that its inputs
 * reached the compiled code and its misses (equal results from the general parser alone would
 * prove nothing about the compiled path). Call `restore()` when done.
 */
export function countShapes(): { counts: ShapeCounts; restore: () => void } {
  const counts: ShapeCounts = { compiled: 0, hits: 0, misses: 0 };
  const original = compiler.compileShape;
  const spy = jest.spyOn(compiler, 'compileShape').mockImplementation((...args: Parameters<typeof compiler.compileShape>): ShapeParser => {
    counts.compiled++;
    const parser = original(...args);
    return (bytes, p) => {
      const value = parser(bytes, p);
      if (value === MISS) counts.misses++;
      else counts.hits++;
      return value;
    };
  });
  return { counts, restore: () => spy.mockRestore() };
}
