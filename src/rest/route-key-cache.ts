import { routeKeyOf, type RouteKey } from './route-key';

const MAX_ENTRIES = 4096;

/**
 * Route keys of recent paths, so a bot hammering a few channels computes each key once instead of
 * splitting and testing the path per request. Bounded: when full it starts over, which costs one
 * recomputation per path and never grows with hostile input. DELETEs are not cached: whether a
 * message delete is "old" depends on the time of the request.
 */
export class RouteKeyCache {
  private readonly keys = new Map<string, RouteKey>();

  public get size(): number {
    return this.keys.size;
  }

  public of(method: string, path: string): RouteKey {
    if (method === 'DELETE') return routeKeyOf(method, path);
    const id = method + path;
    let key = this.keys.get(id);
    if (key === undefined) {
      key = routeKeyOf(method, path);
      if (this.keys.size >= MAX_ENTRIES) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}
