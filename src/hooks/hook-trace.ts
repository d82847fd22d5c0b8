import type { HookKind } from './hook-point';
import type { ValueChange } from './value-diff';

/** What one handler did during a traced run. */
export interface HookTraceStep {
  readonly handler: string;
  readonly owner: string | undefined;
  readonly priority: number;
  readonly durationMs: number;
  /**
   * `continued`: returned nothing new; `replaced`: a waterfall handler returned a new payload;
   * `bailed`: a bail handler stopped the chain; `failed`: it threw.
   */
  readonly outcome: 'continued' | 'replaced' | 'bailed' | 'failed';
  /** What this handler changed in the payload (in place or by returning a new one). */
  readonly changes: readonly ValueChange[];
  readonly error?: string;
}

/** The record of one traced `execute`. */
export interface HookTrace {
  readonly hook: string;
  readonly kind: HookKind;
  readonly startedAt: number;
  readonly durationMs: number;
  /** `overBudget`: the point's time budget ran out and the caller went on without the chain. */
  readonly outcome: 'completed' | 'bailed' | 'failed' | 'overBudget';
  readonly steps: readonly HookTraceStep[];
  /** Everything the chain changed, input against output. */
  readonly changes: readonly ValueChange[];
}

/** Keeps the most recent traces in a ring, and tells listeners about each new one. */
export class HookTraceLog {
  private readonly entries: HookTrace[] = [];
  private readonly listeners = new Set<(trace: HookTrace) => void>();

  public constructor(private readonly limit: number) {}

  public add(trace: HookTrace): void {
    this.entries.push(trace);
    if (this.entries.length > this.limit) this.entries.shift();
    for (const listener of this.listeners) listener(trace);
  }

  public list(): readonly HookTrace[] {
    return [...this.entries];
  }

  public clear(): void {
    this.entries.length = 0;
  }

  public subscribe(listener: (trace: HookTrace) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
