import { ApplicationClosedError } from '../errors/application-closed.error';
import type { LifecycleRunner } from '../lifecycle/lifecycle-runner';
import type { Token } from '../token';
import type { ApplicationGraph } from './application-graph';
import type { GetOptions, ResolveOptions } from './module-ref';
import { DEFAULT_SHUTDOWN_SIGNALS, listenForShutdownSignals } from './shutdown-signals';

/** Where the application reports what it cannot throw to a caller (a failed close after a signal). */
export interface OvenLogger {
  error(message: string, error?: unknown): void;
}

/** Options of `OvenFactory.create`. */
export interface OvenApplicationOptions {
  /**
   * Receives the error of a close triggered by `enableShutdownHooks()`, which has no caller to
   * reject. `false` silences it.
   * @defaultValue `console`
   */
  logger?: OvenLogger | false;
}

// 'failed': a start-up hook threw and the application tore itself down; 'closed': close() ran.
type State = 'created' | 'initialised' | 'listening' | 'failed' | 'closed';

/**
 * A running module graph: every singleton is built; `init()` runs the start-up hooks, `listen()`
 * connects (the Client logs in there), `close()` runs the shutdown hooks.
 *
 * @example
 * ```ts
 * const app = await OvenFactory.create(AppModule);
 * app.enableShutdownHooks();
 * await app.listen();
 * app.get(GreetingService).greet('Ada');
 * ```
 */
export class OvenApplication {
  #state: State = 'created';
  #init: Promise<void> | undefined;
  #listen: Promise<void> | undefined;
  #close: Promise<void> | undefined;
  /** Set as soon as close() is called: a start asked for after that must not run (it would outlive the shutdown). */
  #closeRequested = false;
  #removeSignalListeners: (() => void) | undefined;

  /** Use `OvenFactory.create`; the constructor is for the framework and the testing module. */
  public constructor(
    protected readonly graph: ApplicationGraph,
    protected readonly lifecycle: LifecycleRunner,
    protected readonly options: OvenApplicationOptions = {},
  ) {}

  /** The root module's name. */
  public get name(): string {
    return this.graph.root.name;
  }

  /**
   * The instance for `token`. Looks in every module unless `{ strict: true }`, which limits it to
   * what the root module can inject. Event-scoped providers need an active `EventScope`.
   *
   * @example
   * ```ts
   * const greetings = app.get(GreetingService);
   * const prefix = app.get(BOT_PREFIX); // typed by the InjectionToken<string>
   * ```
   */
  public get<T>(token: Token<T>, options: GetOptions = {}): T {
    return this.graph.get(this.graph.root, token, options.strict ?? false);
  }

  /**
   * Like `get`, but opens an event scope (with `options.context` as `EVENT_CONTEXT`) when called
   * outside one, so per-event providers can be resolved from anywhere.
   *
   * @example
   * ```ts
   * const handler = await app.resolve(PingCommand, { context: interaction });
   * ```
   */
  public resolve<T>(token: Token<T>, options: ResolveOptions & GetOptions = {}): Promise<T> {
    return this.graph.resolve(this.graph.root, token, options.strict ?? false, options);
  }

  /**
   * Runs `onModuleInit` then `onApplicationBootstrap` everywhere, in module order. If one throws,
   * what was initialised is shut down and the promise rejects with `LifecycleHookFailedError`.
   * Calling it again returns the same promise.
   *
   * @example
   * ```ts
   * try { await app.init(); }
   * catch (error) { if (error instanceof LifecycleHookFailedError) console.error(error.provider, error.hook); }
   * ```
   */
  public init(): Promise<this> {
    this.#init ??= (async () => {
      if (this.#state === 'closed' || this.#closeRequested) throw new ApplicationClosedError(this.name, 'init');
      await this.#startPhase('onModuleInit');
      await this.#startPhase('onApplicationBootstrap');
      this.#state = 'initialised';
    })();
    return this.#init.then(() => this);
  }

  /** Runs `init()` if needed, then every `onApplicationListen()` in module order. */
  public listen(): Promise<this> {
    this.#listen ??= (async () => {
      if (this.#state === 'closed') throw new ApplicationClosedError(this.name, 'listen');
      // Called after close(): a start-up that already failed keeps reporting its own error.
      const afterClose = this.#closeRequested;
      if (afterClose && this.#init === undefined) throw new ApplicationClosedError(this.name, 'listen');
      await this.init();
      // close() may have started while init() ran (it waits for init, not for a listen called later).
      if (afterClose || this.#isClosed()) throw new ApplicationClosedError(this.name, 'listen');
      await this.#startPhase('onApplicationListen');
      this.#state = 'listening';
    })();
    return this.#listen.then(() => this);
  }

  /**
   * Runs `onModuleDestroy`, `beforeApplicationShutdown(signal)` and `onApplicationShutdown(signal)`
   * over everything initialised, the root module first; resolves once every hook has. Every hook
   * runs even if one throws; then it rejects with `ShutdownFailedError` listing the failures.
   *
   * @example
   * ```ts
   * afterAll(() => app.close());
   * ```
   */
  public close(signal?: string): Promise<void> {
    this.#closeRequested = true;
    this.#close ??= (async () => {
      this.#removeSignalListeners?.();
      this.#removeSignalListeners = undefined;
      // A start-up still running finishes (or fails and tears itself down) before we close.
      await Promise.allSettled([this.#init, this.#listen]);
      if (this.#state === 'failed' || this.#state === 'closed') return;
      this.#state = 'closed';
      await this.lifecycle.close(signal);
    })();
    return this.#close;
  }

  /**
   * Closes the application on SIGINT/SIGTERM (or the given signals), then lets the process end.
   *
   * @example
   * ```ts
   * const app = await OvenFactory.create(AppModule);
   * app.enableShutdownHooks();
   * ```
   */
  public enableShutdownHooks(signals: readonly NodeJS.Signals[] = DEFAULT_SHUTDOWN_SIGNALS): this {
    this.#removeSignalListeners?.();
    this.#removeSignalListeners = listenForShutdownSignals(
      signals,
      (signal) => this.close(signal),
      (error) => this.#logger()?.error(`OvenJS: closing ${this.name} after a signal failed`, error),
    );
    return this;
  }

  async #startPhase(hook: 'onModuleInit' | 'onApplicationBootstrap' | 'onApplicationListen'): Promise<void> {
    try {
      await this.lifecycle.start(hook);
    } catch (error) {
      this.#state = 'failed';
      this.#removeSignalListeners?.();
      throw error;
    }
  }

  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #logger(): OvenLogger | undefined {
    return this.options.logger === false ? undefined : (this.options.logger ?? console);
  }
}
