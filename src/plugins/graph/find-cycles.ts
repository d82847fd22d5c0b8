/**
 * Finds dependency cycles with Tarjan's strongly connected components, and returns one concrete
 * path per component (`['a', 'b', 'c', 'a']`) so the report reads like the chain to break.
 */
export function findCycles(nodes: readonly string[], next: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;

  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next(node)) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) connect(node);

  return components
    .filter((component) => component.length > 1 || next(component[0] as string).includes(component[0] as string))
    .map((component) => pathThrough(new Set(component), next))
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

function pathThrough(component: ReadonlySet<string>, next: (node: string) => readonly string[]): string[] {
  const start = [...component].sort()[0] as string;
  const path = [start];
  const visited = new Set([start]);
  const walk = (node: string): boolean => {
    for (const target of [...next(node)].sort()) {
      if (!component.has(target)) continue;
      if (target === start) {
        path.push(start);
        return true;
      }
      if (visited.has(target)) continue;
      visited.add(target);
      path.push(target);
      if (walk(target)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return path;
}
