import type { HttpMethod, RouteDefinition } from './route';

interface Node {
  readonly literal: Map<string, Node>;
  param?: { readonly name: string; readonly node: Node };
  readonly routes: Map<HttpMethod, RouteDefinition>;
}

/** The outcome of matching a path: a route, a known path with another method (405), or nothing. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: RouteDefinition; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

function newNode(): Node {
  return { literal: new Map(), routes: new Map() };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A segment trie over OpenAPI path templates: one map lookup per segment, literals before
 * parameters (so `/users/@me` wins over `/users/{user_id}`), which keeps routing cheap enough
 * for the 10k requests per second the benchmarks need.
 */
export class RouteMatcher {
  private readonly root = newNode();
  private readonly all: RouteDefinition[] = [];

  public constructor(routes: readonly RouteDefinition[]) {
    for (const route of routes) this.add(route);
  }

  /** Every route, for the oracle test and the docs. */
  public routes(): readonly RouteDefinition[] {
    return this.all;
  }

  public match(method: string, path: string): RouteMatch {
    const segments = path.split('/');
    const params: Record<string, string> = {};
    const node = this.walk(this.root, segments, 1, params);
    if (node === undefined || node.routes.size === 0) return { kind: 'not-found' };
    const route = node.routes.get(method as HttpMethod);
    return route === undefined ? { kind: 'method-not-allowed' } : { kind: 'found', route, params };
  }

  private walk(node: Node, segments: string[], index: number, params: Record<string, string>): Node | undefined {
    if (index === segments.length) return node;
    const segment = segments[index] as string;
    if (segment === '') return index === segments.length - 1 ? node : undefined;
    // Discord decodes paths before routing: discord-api-types sends `@me` as `%40me` in some routes.
    // Only `@me` literals are ever encoded, so a leading '%' (code 37) is the cheap test.
    const literal = node.literal.get(segment) ?? (segment.charCodeAt(0) === 37 ? node.literal.get(safeDecode(segment)) : undefined);
    if (literal !== undefined) {
      const found = this.walk(literal, segments, index + 1, params);
      if (found !== undefined && found.routes.size > 0) return found;
    }
    if (node.param !== undefined) {
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      const found = this.walk(node.param.node, segments, index + 1, params);
      if (found !== undefined) {
        params[node.param.name] = value;
        return found;
      }
    }
    return undefined;
  }

  private add(route: RouteDefinition): void {
    let node = this.root;
    for (const segment of route.path.split('/').slice(1)) {
      if (segment.startsWith('{')) {
        const name = segment.slice(1, -1);
        node.param ??= { name, node: newNode() };
        if (node.param.name !== name) {
          throw new Error(`Route ${route.method} ${route.path} names parameter {${name}} where another route names it {${node.param.name}}; use one name per position.`);
        }
        node = node.param.node;
      } else {
        let next = node.literal.get(segment);
        if (next === undefined) {
          next = newNode();
          node.literal.set(segment, next);
        }
        node = next;
      }
    }
    node.routes.set(route.method, route);
    this.all.push(route);
  }
}
