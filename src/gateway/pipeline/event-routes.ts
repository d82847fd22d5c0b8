import type { EventPriority, PipelineHandler } from './pipeline-types';

/** One `handle()` subscription. */
export interface Registration {
  readonly fn: PipelineHandler;
  readonly priority: number;
}

/** What the pipeline needs to know about one event type to queue and deliver it. */
export interface EventRoute {
  /** 0 (high), 1 (normal) or 2 (low). */
  readonly lane: number;
  /** Whether events of this type go through the batcher. */
  readonly batched: boolean;
  /**
   * Whether this is the type's one route, the one `add` gives handlers. Only a type first seen
   * past the cache bound gets an uncached route: its handlers stay empty, so whoever delivers
   * must look the type up again.
   */
  readonly cached: boolean;
  /**
   * Handlers by descending priority, equal priorities in subscription order. Replaced, never
   * mutated, so a delivery in progress keeps the list it started with.
   */
  handlers: readonly Registration[];
}

const LANES: Record<EventPriority, number> = { high: 0, normal: 1, low: 2 };
const NO_HANDLERS: readonly Registration[] = [];
/**
 * Routes of types nobody handles are cached only up to this many: Discord has fewer than a
 * hundred dispatch types, but `ingest` accepts any string and the cache must stay bounded.
 */
const MAX_CACHED_ROUTES = 1024;

/**
 * The routes of every event type, so that queueing an event costs one lookup by type instead of
 * one per setting (lane, batching, handlers), and the handler list is sorted once per
 * subscription change. A `t` parsed from a frame is a fresh string each time, so a lookup by it
 * hashes and compares its characters: the route of the last type looked up is kept, and a run of
 * one type (a message storm) costs one string comparison per event.
 *
 * @example
 * ```ts
 * const routes = new EventRoutes({ INTERACTION_CREATE: 'high' }, new Set(['PRESENCE_UPDATE']));
 * routes.add('MESSAGE_CREATE', { fn: (event) => console.log(event.data), priority: 0 });
 * routes.of('MESSAGE_CREATE').handlers.length; // 1
 * ```
 */
export class EventRoutes {
  private readonly routes = new Map<string, EventRoute>();
  private lastType: string | undefined;
  private lastRoute: EventRoute | undefined;

  public constructor(
    private readonly priorities: Readonly<Record<string, EventPriority>>,
    private readonly batchedTypes: ReadonlySet<string>,
  ) {}

  /** Whether `priority` names a lane. */
  public static isPriority(priority: unknown): priority is EventPriority {
    return typeof priority === 'string' && Object.hasOwn(LANES, priority);
  }

  /**
   * The route of `type`. A cached route's `handlers` are always the current ones (a route is
   * never replaced once cached); an uncached one's are empty, see {@link EventRoute.cached}.
   */
  public of(type: string): EventRoute {
    if (type === this.lastType) return this.lastRoute as EventRoute;
    let route = this.routes.get(type);
    if (route === undefined) {
      const cached = this.routes.size < MAX_CACHED_ROUTES;
      route = this.create(type, cached);
      if (!cached) return route;
      this.routes.set(type, route);
    }
    this.lastType = type;
    this.lastRoute = route;
    return route;
  }

  /** The current handlers of `type` (empty when none). */
  public handlersOf(type: string): readonly Registration[] {
    return this.routes.get(type)?.handlers ?? NO_HANDLERS;
  }

  /** Subscribes `registration`, keeping the list sorted by descending priority. */
  public add(type: string, registration: Registration): void {
    let route = this.routes.get(type);
    if (route === undefined) {
      // A subscribed type is always cached, whatever the bound, so delivery finds its handlers.
      route = this.create(type, true);
      this.routes.set(type, route);
    }
    route.handlers = [...route.handlers, registration].sort((a, b) => b.priority - a.priority);
  }

  /** Unsubscribes `registration` (no-op if it is not subscribed). */
  public remove(type: string, registration: Registration): void {
    const route = this.routes.get(type);
    if (route === undefined) return;
    route.handlers = route.handlers.filter((r) => r !== registration);
  }

  private create(type: string, cached: boolean): EventRoute {
    const priority = Object.hasOwn(this.priorities, type) ? this.priorities[type] : undefined;
    return { lane: LANES[priority ?? 'normal'], batched: this.batchedTypes.has(type), cached, handlers: NO_HANDLERS };
  }
}
