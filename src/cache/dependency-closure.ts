/**
 * Every key reachable from the roots through "depends on" edges, roots included. Breadth-first, one
 * `dependentsOf` call per level so that remote tiers answer a whole level in one round trip;
 * dependency cycles end because visited keys are not expanded twice.
 */
export async function dependencyClosure(
  roots: Iterable<string>,
  dependentsOf: (keys: readonly string[]) => Promise<Iterable<string>>,
): Promise<Set<string>> {
  const seen = new Set(roots);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const key of await dependentsOf(frontier)) {
      if (!seen.has(key)) {
        seen.add(key);
        next.push(key);
      }
    }
    frontier = next;
  }
  return seen;
}
