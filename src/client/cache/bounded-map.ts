/**
 * A `Map` that forgets its oldest entries beyond `limit`: insertion order is Map's own order, and
 * an update moves an entry to the back, so what falls out is what was least recently written.
 * `onEvict` hears of each entry the limit pushed out (not of `delete` or `clear`), so an owner
 * can drop what hangs off it.
 *
 * @example
 * ```ts
 * const recent = new BoundedMap<string, number>(2);
 * recent.set('a', 1).set('b', 2).set('c', 3); // 'a' is gone
 * ```
 */
export class BoundedMap<K, V> extends Map<K, V> {
  public constructor(
    public readonly limit: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    super();
  }

  public override set(key: K, value: V): this {
    if (this.limit === Number.POSITIVE_INFINITY) return super.set(key, value);
    if (super.has(key)) super.delete(key);
    super.set(key, value);
    if (this.size > this.limit) {
      const oldest = this.keys().next();
      if (oldest.done !== true) {
        // keys() rather than entries(): no [key, value] pair allocated per eviction.
        const value = this.onEvict === undefined ? undefined : super.get(oldest.value);
        super.delete(oldest.value);
        this.onEvict?.(oldest.value, value as V);
      }
    }
    return this;
  }
}
