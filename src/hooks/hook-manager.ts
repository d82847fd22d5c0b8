import { HandledWatchers } from './handled-watchers';
import { HandlerErrorListeners } from './handler-error-listeners';
import { HookBudgets, withinBudget } from './hook-budgets';
import { HookChain, isThenable } from './hook-chain';
import type { HookHandlerError } from './hook.error';
import { HookHandlerRegistry } from './hook-handler-registry';
import type { HookListing } from './hook-listing';
import type { HookManagerOptions } from './hook-manager-options';
import type { HookPointInfo } from './hook-point';
import { HookPointRegistry } from './hook-point-registry';
import type { HookContext, HookHandler, HookName, HookPayload, HookResult } from './hook-points';
import type { HookRegisterOptions, HookRegistration } from './hook-registration';
import type { HookTrace } from './hook-trace';
import { HookTracing } from './hook-tracing';

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
  private readonly points = new HookPointRegistry();
  private readonly watchers = new HandledWatchers();
  private readonly handlers = new HookHandlerRegistry((name, handled) => this.watchers.notify(name, handled));
  private readonly errorListeners = new HandlerErrorListeners();
  private readonly budgets = new HookBudgets();
  private readonly tracing: HookTracing;
  private readonly contexts = new Map<string, HookContext>();
  private readonly reportError = (error: HookHandlerError): void => this.errorListeners.report(error);
  private readonly recordTrace = (trace: HookTrace): void => this.tracing.log.add(trace);

  public constructor(options: HookManagerOptions = {}) {
    this.tracing = new HookTracing(options.traceLimit ?? 200);
    this.setTracing(options.trace ?? false);
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
    this.budgets.set(name, budget);
  }

  /** The budget `execute` applies to a hook point, in milliseconds, or `undefined` for none. */
  public budget(name: HookName): number | undefined {
    return this.budgets.of(this.point(name));
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
    this.points.define(point);
  }

  /** The description of one hook point; throws a `HookError` naming the closest one if unknown. */
  public point(name: string): HookPointInfo {
    return this.points.get(name);
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
    const entry = this.handlers.add(name, handler, options);
    return {
      hook: name,
      label: entry.label,
      owner: entry.owner,
      priority: entry.priority,
      unregister: () => this.handlers.remove(name, (candidate) => candidate === entry) > 0,
    };
  }

  /**
   * Removes a handler by the function given to `register` (or every handler of the hook when no
   * function is given). Returns how many were removed.
   */
  public unregister<K extends HookName>(name: K, handler?: HookHandler<K>): number {
    this.point(name);
    return this.handlers.remove(name, (entry) => handler === undefined || entry.handler === handler);
  }

  /** Removes every handler registered with this owner, on every hook. Returns how many. */
  public unregisterOwner(owner: string): number {
    return this.handlers.removeOwner(owner);
  }

  /** Whether a hook has any handler: lets an engine skip building a payload nobody reads. */
  public has(name: HookName): boolean {
    return this.handlers.has(name);
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
    return this.watchers.watch(name, attach, this.has(name));
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
    return [...this.points.all()].map((point) => ({
      ...point,
      handlers: this.handlers.entries(point.name).map(({ label, owner, priority }) => ({ label, owner, priority })),
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
    if (typeof enabled !== 'boolean') for (const name of enabled) this.point(name);
    this.tracing.select(enabled);
  }

  /** The most recent traces, oldest first (only recorded while tracing is on). */
  public traces(): readonly HookTrace[] {
    return this.tracing.log.list();
  }

  /** Forgets the recorded traces. */
  public clearTraces(): void {
    this.tracing.log.clear();
  }

  /** Calls `listener` with each trace as it is recorded; returns the unsubscribe function. */
  public onTrace(listener: (trace: HookTrace) => void): () => void {
    return this.tracing.log.subscribe(listener);
  }

  /**
   * Receives failures of parallel handlers (which never throw into the engine that notified).
   * Without a listener they become process warnings, so they are never silent.
   */
  public onHandlerError(listener: (error: HookHandlerError) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private run(name: string, payload: unknown, sync: boolean): unknown {
    const point = this.point(name);
    const entries = this.handlers.entries(name);
    const traced = this.tracing.isOn(name);
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
    const budgetMs = this.budgets.of(point);
    return budgetMs === undefined ? out : withinBudget(point.name, chain, out, budgetMs, this.reportError);
  }
}
