import { HookBudgetError, HookError, HookHandlerError } from './hook.error';
import type { HookEntry } from './hook-entry';
import type { HookPointInfo } from './hook-point';
import type { HookContext } from './hook-points';
import type { HookTrace, HookTraceStep } from './hook-trace';
import { diffValues, snapshotValue } from './value-diff';

/** What a chain needs from its manager. */
export interface ChainOptions {
  readonly point: HookPointInfo;
  /** The context handlers receive; one frozen object per point, shared by every run. */
  readonly context: HookContext;
  readonly entries: readonly HookEntry[];
  readonly sync: boolean;
  readonly traced: boolean;
  readonly report: (error: HookHandlerError) => void;
  readonly recordTrace: (trace: HookTrace) => void;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs one `execute` over a hook's handlers. Handlers that return plain values keep the chain
 * synchronous; the first promise switches the rest to async, so a hook with only sync handlers
 * costs no microtask per handler (and `executeSync` can refuse promises outright).
 */
export class HookChain {
  private readonly steps: HookTraceStep[] = [];
  private readonly startedAt: number;
  private readonly started: number;
  private readonly input: unknown;
  private current: unknown;
  /** Handlers called and not yet settled (one at a time, except for parallel points). */
  private readonly running = new Set<HookEntry>();
  private abandoned = false;
  private finished = false;

  public constructor(
    private readonly options: ChainOptions,
    payload: unknown,
  ) {
    this.current = payload;
    this.input = options.traced ? snapshotValue(payload) : undefined;
    this.startedAt = options.traced ? Date.now() : 0;
    this.started = options.traced ? performance.now() : 0;
  }

  public run(): unknown {
    return this.options.point.kind === 'parallel' ? this.runParallel() : this.runFrom(0);
  }

  private runFrom(index: number): unknown {
    const { entries } = this.options;
    for (let i = index; i < entries.length; i += 1) {
      // Past its budget the caller went on: the rest of the chain would act for nobody.
      if (this.abandoned) return undefined;
      const entry = entries[i] as HookEntry;
      const before = this.options.traced ? snapshotValue(this.current) : undefined;
      const start = this.options.traced ? performance.now() : 0;
      let out: unknown;
      try {
        out = entry.handler(this.current, this.options.context);
      } catch (error) {
        throw this.fail(entry, error, start);
      }
      if (isThenable(out)) {
        if (this.options.sync) throw this.asyncInSync(entry);
        this.running.add(entry);
        return Promise.resolve(out).then(
          (value) => {
            this.running.delete(entry);
            if (this.abandoned) return undefined;
            return this.apply(entry, value, before, start) ? this.bailed(value) : this.runFrom(i + 1);
          },
          (error: unknown) => {
            this.running.delete(entry);
            throw this.fail(entry, error, start);
          },
        );
      }
      if (this.apply(entry, out, before, start)) return this.bailed(out);
    }
    return this.finish('completed', this.options.point.kind === 'waterfall' ? this.current : undefined);
  }

  /** Applies a handler's return value; true when a bail handler stopped the chain. */
  private apply(entry: HookEntry, out: unknown, before: unknown, start: number): boolean {
    const kind = this.options.point.kind;
    const bails = kind === 'bail' && out !== undefined;
    const replaces = kind === 'waterfall' && out !== undefined && out !== this.current;
    if (replaces) this.current = out;
    if (this.options.traced) {
      this.steps.push({
        handler: entry.label,
        owner: entry.owner,
        priority: entry.priority,
        durationMs: performance.now() - start,
        outcome: bails ? 'bailed' : replaces ? 'replaced' : 'continued',
        changes: diffValues(before, this.current),
      });
    }
    return bails;
  }

  private bailed(result: unknown): unknown {
    return this.finish('bailed', result);
  }

  private runParallel(): unknown {
    const pending: Promise<void>[] = [];
    for (const entry of this.options.entries) {
      const start = this.options.traced ? performance.now() : 0;
      let out: unknown;
      try {
        out = entry.handler(this.current, this.options.context);
      } catch (error) {
        this.options.report(this.fail(entry, error, start));
        continue;
      }
      if (isThenable(out)) {
        if (this.options.sync) {
          this.options.report(this.fail(entry, this.asyncInSync(entry), start));
          continue;
        }
        this.running.add(entry);
        pending.push(
          Promise.resolve(out).then(
            () => {
              this.running.delete(entry);
              this.noteParallel(entry, start);
            },
            (error: unknown) => {
              this.running.delete(entry);
              this.options.report(this.fail(entry, error, start));
            },
          ),
        );
      } else {
        this.noteParallel(entry, start);
      }
    }
    if (pending.length === 0) return this.finish('completed', undefined);
    return Promise.all(pending).then(() => this.finish('completed', undefined));
  }

  /**
   * Gives up on a chain still running when its budget ran out: no further handler starts, and
   * the caller gets what the finished handlers produced (`fallback`: the payload so far for a
   * waterfall, nothing otherwise) plus the error naming the handler(s) still running.
   */
  public abandon(budgetMs: number): { error: HookBudgetError; fallback: unknown } {
    this.abandoned = true;
    const slow = [...this.running];
    const owners = [...new Set(slow.map((entry) => entry.owner).filter((owner) => owner !== undefined))];
    const error = new HookBudgetError(
      this.options.point.name,
      slow.length === 0 ? '(none running)' : slow.map((entry) => `"${entry.label}"`).join(', '),
      owners.length === 0 ? undefined : owners.join(', '),
      budgetMs,
    );
    const fallback = this.options.point.kind === 'waterfall' ? this.current : undefined;
    this.finish('overBudget', fallback);
    return { error, fallback };
  }

  private noteParallel(entry: HookEntry, start: number): void {
    if (!this.options.traced || this.finished) return;
    // Parallel handlers overlap, so a per-handler diff would blame one for another's mutation;
    // the trace's overall `changes` still shows what the payload went through.
    this.steps.push({
      handler: entry.label,
      owner: entry.owner,
      priority: entry.priority,
      durationMs: performance.now() - start,
      outcome: 'continued',
      changes: [],
    });
  }

  private fail(entry: HookEntry, error: unknown, start: number): HookHandlerError {
    const wrapped =
      error instanceof HookHandlerError ? error : new HookHandlerError(this.options.point.name, entry.label, entry.owner, error);
    // After an overrun the trace is already recorded; a late failure is only reported.
    if (this.options.traced && !this.finished) {
      this.steps.push({
        handler: entry.label,
        owner: entry.owner,
        priority: entry.priority,
        durationMs: performance.now() - start,
        outcome: 'failed',
        changes: [],
        error: typeof (error as { message?: unknown } | null)?.message === 'string' ? (error as Error).message : String(error),
      });
      if (this.options.point.kind !== 'parallel') this.finish('failed', undefined);
    }
    return wrapped;
  }

  private asyncInSync(entry: HookEntry): HookError {
    return new HookError(
      'OVEN_ERR_HOOK_ASYNC_IN_SYNC',
      `Hook "${this.options.point.name}" runs synchronously here, but handler "${entry.label}"` +
        `${entry.owner === undefined ? '' : ` (owner: ${entry.owner})`} returned a promise. Make the ` +
        'handler synchronous, or call execute() instead of executeSync().',
    );
  }

  private finish(outcome: HookTrace['outcome'], result: unknown): unknown {
    if (this.options.traced && !this.finished) {
      this.finished = true;
      this.options.recordTrace({
        hook: this.options.point.name,
        kind: this.options.point.kind,
        startedAt: this.startedAt,
        durationMs: performance.now() - this.started,
        outcome,
        steps: this.steps,
        changes: diffValues(this.input, this.current),
      });
    }
    return result;
  }
}
