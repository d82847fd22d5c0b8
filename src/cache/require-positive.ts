import { CacheInvalidOptionError } from './cache-errors';

/** Returns the number if it is a usable duration or bound, else throws naming the option. */
export function requirePositive(option: string, value: number): number {
  // `!(value > 0)` also rejects NaN, which every comparison answers false to.
  if (!(value > 0)) throw new CacheInvalidOptionError(option, value, 'a number greater than 0');
  return value;
}
