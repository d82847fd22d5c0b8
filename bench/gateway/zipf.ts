/**
 * A Zipf sampler over ranks 0..n-1: rank k comes up with probability proportional to 1/(k+1)^s.
 * Chat traffic looks like this (a few busy channels and talkative members, a long quiet tail),
 * which is what decides how much of a per-channel message cache stays warm.
 *
 * @example
 * ```ts
 * const channelRank = zipfSampler(500, 1, seededRandom(7));
 * const busiest = channelRank() === 0;
 * ```
 */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`zipfSampler needs n to be an integer >= 1, got ${String(n)}.`);
  if (!Number.isFinite(s) || s < 0) throw new RangeError(`zipfSampler needs s to be a finite number >= 0, got ${String(s)}.`);
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cdf[k] = total;
  }
  return () => {
    const u = random() * total;
    // First rank whose cumulative weight passes u: binary search, since n reaches the thousands.
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cdf[mid] as number) > u) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}
