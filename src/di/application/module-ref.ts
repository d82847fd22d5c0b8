import type { Token } from '../token';

/** How `get` looks a token up. */
export interface GetOptions {
  /**
   * `true`: only tokens this module can inject (its providers, imports' exports, globals).
   * `false`: any module's provider, the first in module order.
   */
  strict?: boolean;
}

/** Options of `resolve`. */
export interface ResolveOptions {
  /** The `EVENT_CONTEXT` of the scope opened when `resolve` is called outside one. */
  context?: unknown;
}

/** What `ModuleRef` delegates to (the compiled application). */
export interface ModuleLookup {
  get<T>(token: Token<T>, strict: boolean): T;
  resolve<T>(token: Token<T>, strict: boolean, options: ResolveOptions): Promise<T>;
}

/**
 * A module's view of the container, injectable in every module: look providers up lazily, for
 * example to break a dependency cycle or to pick an implementation at run time.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Dispatcher {
 *   constructor(private readonly moduleRef: ModuleRef) {}
 *   handle(): void { this.moduleRef.get(AuditLog).write('handled'); }
 * }
 * ```
 */
export class ModuleRef {
  public constructor(
    /** The module this reference belongs to. */
    public readonly moduleName: string,
    private readonly lookup: ModuleLookup,
  ) {}

  /** The instance for `token` (per event inside an event scope). Strict by default. */
  public get<T>(token: Token<T>, options: GetOptions = {}): T {
    return this.lookup.get(token, options.strict ?? true);
  }

  /** Like `get`, but opens an event scope when called outside one, so per-event providers resolve. */
  public resolve<T>(token: Token<T>, options: ResolveOptions & GetOptions = {}): Promise<T> {
    return this.lookup.resolve(token, options.strict ?? true, options);
  }
}
