import { routeKeyOf, type RouteKey } from './route-key';

const MAX_ENTRIES = 4096;

/**
 * Route keys of recent paths, so a bot hammering a few channels checks and keys each path once
 * instead of splitting and testing it per request. Bounded: when full it starts over, which costs one
 * recomputation per path and never grows with hostile input. DELETEs are not cached: whether a
 * message delete is "old" depends on the time of the request.
 */
export class RouteKeyCache {
  private readonly keys = new Map<string, RouteKey>();

  /** `validate` throws for a path that must not be sent; only paths it accepted are cached. */
  public constructor(private readonly validate: (method: string, path: string) => void = () => undefined) {}

  public get size(): number {
    return this.keys.size;
  }

  public of(method: string, path: string): RouteKey {
    if (method === 'DELETE' || typeof path !== 'string') {
      this.validate(method, path);
      return routeKeyOf(method, path);
    }
    const id = method + path;
    let key = this.keys.get(id);
    if (key === undefined) {
      this.validate(method, path);
      key = routeKeyOf(method, path);
      if (this.keys.size >= MAX_ENTRIES) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}
