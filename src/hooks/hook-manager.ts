import { closestName } from './closest-name';
import { HookChain, isThenable } from './hook-chain';
import type { HookEntry } from './hook-entry';
import { HookError, HookHandlerError } from './hook.error';
import type { HookKind, HookPointInfo } from './hook-point';
import {
  BUILTIN_HOOK_POINTS,
  type HookContext,
  type HookHandler,
  type HookName,
  type HookPayload,
  type HookResult,
} from './hook-points';
import { type HookTrace, HookTraceLog } from './hook-trace';

/** Options of {@link HookManager.register}. */
export interface HookRegisterOptions {
  /** Higher runs first; equal priorities run in registration order. Default 0. */
  readonly priority?: number;
  /** Who registered the handler (a plugin name): lets `unregisterOwner` remove them all. */
  readonly owner?: string;
  /** Name shown in traces, listings and errors. Default: the function's name. */
  readonly label?: string;
}

/** A handle returned by `register`; `unregister()` removes exactly that handler. */
export interface HookRegistration {
  readonly hook: string;
  readonly label: string;
  readonly owner: string | undefined;
  readonly priority: number;
  unregister(): boolean;
}

/** A hook point with the handlers currently registered on it, as `listHooks()` reports it. */
export interface HookListing extends HookPointInfo {
  readonly handlers: readonly { label: string; owner: string | undefined; priority: number }[];
}

/** Options of the {@link HookManager} constructor. */
export interface HookManagerOptions {
  /**
   * Record a trace of each execute (handlers, their time and what they changed): `true` for every
   * hook point, or the names of the points to trace (tracing snapshots payloads, so narrowing it
   * keeps a busy bot fast while one hook is debugged).
   */
  readonly trace?: boolean | readonly string[];
  /** How many traces to keep. Default 200. */
  readonly traceLimit?: number;
  /**
   * Time budgets by hook point, in milliseconds, replacing the built-in ones (the command points
   * an interaction's answer waits on have 500 ms): past it, `execute` stops waiting, the caller
   * goes on, and a `HookBudgetError` (OVEN_ERR_HOOK_BUDGET_EXCEEDED) naming the hook and the
   * slow handler goes to `onHandlerError`. `false` removes a point's budget.
   */
  readonly budgets?: { readonly [K in HookName]?: number | false };
}

const KINDS: readonly HookKind[] = ['waterfall', 'series', 'parallel', 'bail'];

/** One `whileHandled` subscription: its attach function and, while attached, how to undo it. */
interface HandledWatcher {
  readonly attach: () => () => void;
  detach: (() => void) | undefined;
}

/**
 * Named hook points and their handlers. Engines (through the bridges) call `execute`; plugins and
 * providers `register` handlers, or use `@Hook` on provider methods.
 *
 * @example
 * ```ts
 * const hooks = new HookManager();
 * hooks.register('beforeAPICall', (request) => {
 *   request.headers['X-Audit-Log-Reason'] ??= 'automated';
 * }, { priority: 10, owner: 'audit-plugin' });
 * const request = await hooks.execute('beforeAPICall', { method: 'GET', route: '/users/@me', body: undefined, headers: {} });
 * ```
 */
export class HookManager {
  private readonly points = new Map<string, HookPointInfo>();
  // Copy-on-write arrays: an execute already running keeps the chain it started with.
  private readonly handlers = new Map<string, readonly HookEntry[]>();
  private readonly errorListeners = new Set<(error: HookHandlerError) => void>();
  private readonly traceLog: HookTraceLog;
  private readonly contexts = new Map<string, HookContext>();
  private readonly reportError = (error: HookHandlerError): void => this.report(error);
  private readonly recordTrace = (trace: HookTrace): void => this.traceLog.add(trace);
  private readonly watchers = new Map<string, Set<HandledWatcher>>();
  private readonly budgets = new Map<string, number | false>();
  private tracing: boolean | ReadonlySet<string>;
  private seq = 0;

  public constructor(options: HookManagerOptions = {}) {
    for (const point of BUILTIN_HOOK_POINTS) this.points.set(point.name, point);
    this.tracing = false;
    this.setTracing(options.trace ?? false);
    this.traceLog = new HookTraceLog(options.traceLimit ?? 200);
    for (const [name, budget] of Object.entries(options.budgets ?? {})) this.setBudget(name as HookName, budget as number | false);
  }

  /**
   * Sets how long `execute` waits for a hook point's handlers (milliseconds, or `false` for no
   * limit), replacing its built-in budget. Meant for points whose caller has a deadline.
   *
   * @example
   * ```ts
   * hooks.setBudget('beforeCommandRun', 1_000);
   * hooks.setBudget('commandDenied', false);
   * ```
   */
  public setBudget(name: HookName, budget: number | false): void {
    this.point(name);
    if (budget !== false && !(typeof budget === 'number' && Number.isFinite(budget) && budget >= 0)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_BUDGET',
        `The budget given for hook "${name}" is ${typeof budget === 'string' ? JSON.stringify(budget) : String(budget)}; use a number of milliseconds >= 0, or false for no limit.`,
      );
    }
    this.budgets.set(name, budget);
  }

  /** The budget `execute` applies to a hook point, in milliseconds, or `undefined` for none. */
  public budget(name: HookName): number | undefined {
    return this.budgetOf(this.point(name));
  }

  private budgetOf(point: HookPointInfo): number | undefined {
    const set = this.budgets.get(point.name);
    return set === false ? undefined : (set ?? point.budgetMs);
  }

  /**
   * Adds a custom hook point (declare its signature by merging into `HookPoints`).
   *
   * @example
   * ```ts
   * hooks.define({ name: 'ticketOpened', kind: 'parallel', category: 'tickets',
   *   description: 'A ticket was opened.', payloadType: 'TicketPayload', firesAt: 'TicketService.open' });
   * ```
   */
  public define(point: HookPointInfo): void {
    if (typeof point.name !== 'string' || point.name === '') {
      throw new HookError('OVEN_ERR_HOOK_INVALID_POINT', 'A hook point needs a non-empty string name.');
    }
    if (this.points.has(point.name)) {
      throw new HookError(
        'OVEN_ERR_HOOK_DUPLICATE_POINT',
        `Hook point "${point.name}" is already defined (${this.points.get(point.name)?.category}). ` +
          'Prefix custom points with your plugin name, e.g. "myPlugin:ticketOpened".',
      );
    }
    if (!KINDS.includes(point.kind)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_POINT',
        `Hook point "${point.name}" has kind ${JSON.stringify(point.kind)}; expected one of ${KINDS.join(', ')}.`,
      );
    }
    this.points.set(point.name, Object.freeze({ ...point }));
  }

  /** The description of one hook point; throws a `HookError` naming the closest one if unknown. */
  public point(name: string): HookPointInfo {
    const point = this.points.get(name);
    if (point !== undefined) return point;
    const guess = closestName(name, this.points.keys());
    throw new HookError(
      'OVEN_ERR_HOOK_UNKNOWN_POINT',
      `There is no hook point "${name}".` +
        (guess === undefined ? '' : ` Did you mean "${guess}"?`) +
        ' listHooks() lists them all; custom points must be added with define() first.',
    );
  }

  /**
   * Registers a handler on a hook point.
   *
   * @example
   * ```ts
   * const registration = hooks.register('messageValidate', ({ body }) =>
   *   body.content?.includes('@everyone') ? { reason: 'no mass pings' } : undefined);
   * registration.unregister();
   * ```
   */
  public register<K extends HookName>(
    name: K,
    handler: HookHandler<K>,
    options: HookRegisterOptions = {},
  ): HookRegistration {
    this.point(name);
    if (typeof handler !== 'function') {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_HANDLER',
        `The handler given for hook "${name}" is ${handler === null ? 'null' : typeof handler}, not a function.`,
      );
    }
    const priority = options.priority ?? 0;
    if (typeof priority !== 'number' || !Number.isFinite(priority)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_PRIORITY',
        `The priority given for hook "${name}" is ${String(priority)}; use a finite number (higher runs first).`,
      );
    }
    this.seq += 1;
    const entry: HookEntry = {
      hook: name,
      handler: handler as HookEntry['handler'],
      priority,
      owner: options.owner,
      label: options.label ?? (handler.name !== '' ? handler.name : `anonymous#${this.seq}`),
      seq: this.seq,
    };
    const next = [...(this.handlers.get(name) ?? []), entry].sort(
      (a, b) => b.priority - a.priority || a.seq - b.seq,
    );
    this.handlers.set(name, next);
    if (next.length === 1) this.notifyHandled(name, true);
    return {
      hook: name,
      label: entry.label,
      owner: entry.owner,
      priority,
      unregister: () => this.remove(name, (candidate) => candidate === entry) > 0,
    };
  }

  /**
   * Removes a handler by the function given to `register` (or every handler of the hook when no
   * function is given). Returns how many were removed.
   */
  public unregister<K extends HookName>(name: K, handler?: HookHandler<K>): number {
    this.point(name);
    return this.remove(name, (entry) => handler === undefined || entry.handler === handler);
  }

  /** Removes every handler registered with this owner, on every hook. Returns how many. */
  public unregisterOwner(owner: string): number {
    let removed = 0;
    for (const name of [...this.handlers.keys()]) removed += this.remove(name, (entry) => entry.owner === owner);
    return removed;
  }

  /** Whether a hook has any handler: lets an engine skip building a payload nobody reads. */
  public has(name: HookName): boolean {
    return (this.handlers.get(name)?.length ?? 0) > 0;
  }

  /**
   * Calls `attach` while `name` has at least one handler: now if it already has one, otherwise
   * when the first is registered; the function `attach` returns is called when the last handler
   * goes. Lets a bridge subscribe to a costly engine event (one that builds strings or payloads
   * for each occurrence) only while someone reads the hook. Returns a function that detaches (if
   * attached) and stops watching.
   *
   * @example
   * ```ts
   * const stop = hooks.whileHandled('clientDebug', () => {
   *   client.on('debug', forward);
   *   return () => client.off('debug', forward);
   * });
   * ```
   */
  public whileHandled(name: HookName, attach: () => () => void): () => void {
    this.point(name);
    const watcher: HandledWatcher = { attach, detach: undefined };
    let set = this.watchers.get(name);
    if (set === undefined) {
      set = new Set();
      this.watchers.set(name, set);
    }
    set.add(watcher);
    if (this.has(name)) watcher.detach = attach();
    return () => {
      this.watchers.get(name)?.delete(watcher);
      const detach = watcher.detach;
      watcher.detach = undefined;
      detach?.();
    };
  }

  /**
   * Runs a hook point's handlers the way its kind says.
   *
   * A point with a budget (see `setBudget`) that is still running when it runs out resolves
   * anyway: a bail point with no result, a waterfall point with the payload as the finished
   * handlers left it; the `HookBudgetError` goes to `onHandlerError` listeners.
   *
   * @returns the final payload (waterfall), the first non-undefined result (bail), or nothing.
   * @throws HookHandlerError when a waterfall, series or bail handler throws (parallel handlers'
   *   failures go to `onHandlerError` listeners instead).
   */
  public async execute<K extends HookName>(name: K, payload: HookPayload<K>): Promise<HookResult<K>> {
    return this.run(name, payload, false) as HookResult<K> | Promise<HookResult<K>>;
  }

  /**
   * Like `execute`, for hot paths that cannot await (cache reads): every handler must be
   * synchronous, and one that returns a promise is a `HookError` (OVEN_ERR_HOOK_ASYNC_IN_SYNC).
   */
  public executeSync<K extends HookName>(name: K, payload: HookPayload<K>): HookResult<K> {
    return this.run(name, payload, true) as HookResult<K>;
  }

  /** Every hook point, built-in and custom, with its registered handlers in run order. */
  public listHooks(): HookListing[] {
    return [...this.points.values()].map((point) => ({
      ...point,
      handlers: (this.handlers.get(point.name) ?? []).map(({ label, owner, priority }) => ({ label, owner, priority })),
    }));
  }

  /**
   * Turns the hook-trace debug mode on or off, for every point or for the named ones.
   *
   * @example
   * ```ts
   * hooks.setTracing(['beforeAPICall', 'apiTransform']);
   * ```
   */
  public setTracing(enabled: boolean | readonly string[]): void {
    if (typeof enabled === 'boolean') {
      this.tracing = enabled;
      return;
    }
    for (const name of enabled) this.point(name);
    this.tracing = new Set(enabled);
  }

  /** The most recent traces, oldest first (only recorded while tracing is on). */
  public traces(): readonly HookTrace[] {
    return this.traceLog.list();
  }

  /** Forgets the recorded traces. */
  public clearTraces(): void {
    this.traceLog.clear();
  }

  /** Calls `listener` with each trace as it is recorded; returns the unsubscribe function. */
  public onTrace(listener: (trace: HookTrace) => void): () => void {
    return this.traceLog.subscribe(listener);
  }

  /**
   * Receives failures of parallel handlers (which never throw into the engine that notified).
   * Without a listener they become process warnings, so they are never silent.
   */
  public onHandlerError(listener: (error: HookHandlerError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private run(name: string, payload: unknown, sync: boolean): unknown {
    const point = this.point(name);
    const entries = this.handlers.get(name) ?? [];
    const traced = this.tracing === true || (this.tracing !== false && this.tracing.has(name));
    if (entries.length === 0 && !traced) return point.kind === 'waterfall' ? payload : undefined;
    let context = this.contexts.get(name);
    if (context === undefined) {
      context = Object.freeze({ hook: name });
      this.contexts.set(name, context);
    }
    const chain = new HookChain(
      { point, context, entries, sync, traced, report: this.reportError, recordTrace: this.recordTrace },
      payload,
    );
    const out = chain.run();
    // A chain that finished synchronously needs no timer; only one awaiting a handler does.
    if (sync || !isThenable(out)) return out;
    const budgetMs = this.budgetOf(point);
    return budgetMs === undefined ? out : this.bound(point.name, chain, out, budgetMs);
  }

  private bound(name: string, chain: HookChain, out: PromiseLike<unknown>, budgetMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let overrun = false;
      const timer = setTimeout(() => {
        overrun = true;
        const { error, fallback } = chain.abandon(budgetMs);
        this.report(error);
        resolve(fallback);
      }, budgetMs);
      timer.unref();
      out.then(
        (value) => {
          clearTimeout(timer);
          if (!overrun) resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!overrun) reject(error);
          // Nobody awaits an abandoned chain any more: report its late failure, never drop it.
          else this.report(error instanceof HookHandlerError ? error : new HookHandlerError(name, '(unknown)', undefined, error));
        },
      );
    });
  }

  private report(error: HookHandlerError): void {
    if (this.errorListeners.size === 0) {
      process.emitWarning(error);
      return;
    }
    for (const listener of this.errorListeners) listener(error);
  }

  private remove(name: string, match: (entry: HookEntry) => boolean): number {
    const current = this.handlers.get(name) ?? [];
    const kept = current.filter((entry) => !match(entry));
    if (kept.length === current.length) return 0;
    if (kept.length === 0) {
      this.handlers.delete(name);
      this.notifyHandled(name, false);
    } else this.handlers.set(name, kept);
    return current.length - kept.length;
  }

  private notifyHandled(name: string, handled: boolean): void {
    const set = this.watchers.get(name);
    if (set === undefined) return;
    for (const watcher of [...set]) {
      if (handled && watcher.detach === undefined) watcher.detach = watcher.attach();
      else if (!handled && watcher.detach !== undefined) {
        const detach = watcher.detach;
        watcher.detach = undefined;
        detach();
      }
    }
  }
}
