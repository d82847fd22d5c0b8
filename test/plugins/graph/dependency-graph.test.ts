import { dependentsOf, type GraphNode, loadOrderOf, resolveDependencies } from '../../../src/plugins/graph/dependency-graph';

const node = (name: string, version: string, dependencies: Record<string, string> = {}, optional: string[] = []): GraphNode => ({
  name,
  version,
  dependencies,
  optional: new Set(optional),
});

describe('resolveDependencies', () => {
  it('orders dependencies first, deterministically', () => {
    const { order, failures } = resolveDependencies([
      node('web', '1.0.0', { db: '^2.0.0', log: '*' }),
      node('log', '1.0.0'),
      node('db', '2.3.0', { log: '^1' }),
      node('alpha', '0.1.0'),
    ]);
    expect(order).toEqual(['alpha', 'log', 'db', 'web']);
    expect(failures.size).toBe(0);
  });

  it('prints each cycle as a path and blocks what depends on it', () => {
    const { cycles, failures, order } = resolveDependencies([
      node('a', '1.0.0', { b: '*' }),
      node('b', '1.0.0', { c: '*' }),
      node('c', '1.0.0', { a: '*' }),
      node('d', '1.0.0', { a: '*' }),
      node('self', '1.0.0', { self: '*' }),
      node('free', '1.0.0'),
    ]);
    expect(cycles).toEqual([['a', 'b', 'c', 'a'], ['self', 'self']]);
    expect(failures.get('b')).toEqual({ kind: 'cycle', reason: 'dependency cycle: a -> b -> c -> a' });
    expect(failures.get('self')?.reason).toBe('dependency cycle: self -> self');
    expect(failures.get('d')).toEqual({ kind: 'dependency-failed', reason: 'depends on "a", which cannot load' });
    expect(order).toEqual(['free']);
  });

  it('reports missing and incompatible dependencies with who needs what', () => {
    const { failures, order } = resolveDependencies([
      node('tickets', '1.0.0', { storage: '^2.0.0' }),
      node('storage', '1.4.0'),
      node('stats', '1.0.0', { metrics: '^1.0.0' }),
      node('panel', '1.0.0', { tickets: '^1.0.0' }),
    ]);
    expect(failures.get('tickets')).toEqual({
      kind: 'incompatible',
      reason: '"tickets" needs "storage" ^2.0.0, but 1.4.0 is installed',
    });
    expect(failures.get('stats')).toEqual({ kind: 'missing', reason: '"stats" needs "metrics" ^1.0.0, which is not installed' });
    expect(failures.get('panel')?.kind).toBe('dependency-failed');
    expect(order).toEqual(['storage']);
  });

  it('loads without a missing, incompatible or failed optional dependency, with a warning', () => {
    const { failures, order, warnings } = resolveDependencies(
      [
        node('bot', '1.0.0', { metrics: '^1', cache: '^3', broken: '*' }, ['metrics', 'cache', 'broken']),
        node('cache', '2.0.0'),
        node('broken', '1.0.0'),
      ],
      new Map([['broken', 'bad manifest']]),
    );
    expect(failures.size).toBe(0);
    expect(order).toEqual(['bot', 'cache']);
    expect(warnings).toEqual([
      '"bot" needs "metrics" ^1, which is not installed (optional: loading without it)',
      '"bot" needs "cache" ^3, but 2.0.0 is installed (optional: loading without it)',
      '"bot" can use "broken", which cannot load (optional: loading without it)',
    ]);
  });

  it('orders after an optional dependency that is present', () => {
    expect(resolveDependencies([node('a', '1.0.0', { z: '*' }, ['z']), node('z', '1.0.0')]).order).toEqual(['z', 'a']);
  });

  it('blocks the dependents of a plugin that failed before the graph', () => {
    const { failures } = resolveDependencies([node('a', '1.0.0', { bad: '*' })], new Map([['bad', 'manifest']]));
    expect(failures.get('a')?.reason).toBe('depends on "bad", which cannot load');
  });
});

describe('dependentsOf', () => {
  it('walks required dependents transitively and skips optional ones', () => {
    const nodes = [node('core', '1.0.0'), node('mid', '1.0.0', { core: '*' }), node('top', '1.0.0', { mid: '*' }),
      node('soft', '1.0.0', { core: '*' }, ['core']), node('other', '1.0.0')];
    expect(dependentsOf('core', nodes)).toEqual(['mid', 'top']);
  });
});

describe('loadOrderOf', () => {
  it('orders every node, broken ones included, and puts cycle members last by name', () => {
    const nodes = [node('web', '1.0.0', { db: '^9', gone: '*' }), node('db', '2.0.0'), node('b', '1.0.0', { a: '*' }), node('a', '1.0.0', { b: '*' }), node('self', '1.0.0', { self: '*' })];
    expect(loadOrderOf(nodes)).toEqual(['db', 'self', 'web', 'a', 'b']);
  });
});
