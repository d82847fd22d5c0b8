/**
 * How a hook point runs its handlers:
 * - `waterfall`: one after another; each may return a new payload that the next one receives and
 *   the caller gets back (returning nothing keeps the payload). Used to transform.
 * - `series`: one after another, each awaited; nothing is returned. Used for ordered side effects.
 * - `parallel`: all at once; nothing is returned, and a failing handler is reported, not thrown,
 *   because the caller is only notifying. Used for observation.
 * - `bail`: one after another until a handler returns something other than `undefined`; that value
 *   is the result (usually a veto with a reason). Used to let a plugin stop an action.
 */
export type HookKind = 'waterfall' | 'series' | 'parallel' | 'bail';

/** The area a hook point belongs to; custom points may use their own category. */
export type HookCategory =
  | 'lifecycle'
  | 'gateway'
  | 'events'
  | 'rest'
  | 'messages'
  | 'commands'
  | 'cache'
  | 'plugins'
  | 'state';

/** The type-level signature of a hook point: its kind, its payload and, for `bail`, its result. */
export interface HookSignature {
  readonly kind: HookKind;
  readonly payload: unknown;
  readonly result?: unknown;
}

/**
 * What the registry knows about one hook point at run time: enough to document it, to check a
 * registration, and to run it the right way.
 */
export interface HookPointInfo {
  readonly name: string;
  readonly kind: HookKind;
  readonly category: HookCategory | (string & {});
  /** One sentence for `docs/hooks.md`: what the hook is for. */
  readonly description: string;
  /** Name of the payload type, as exported from `ovenjs`. */
  readonly payloadType: string;
  /** For `bail` points, the name of the type a handler returns to stop the chain. */
  readonly resultType?: string;
  /** Where in OvenJS the point fires (which engine, at which moment). */
  readonly firesAt: string;
  /**
   * How long the caller waits for the point's handlers, in milliseconds, when it has a deadline
   * of its own (an interaction's first answer). Past it the caller goes on and a
   * `HookBudgetError` is reported. Unset: no budget. `HookManagerOptions.budgets` overrides it.
   */
  readonly budgetMs?: number;
}

/** A table of hook point descriptions whose keys and kinds must match a signature map. */
export type HookPointTable<M> = {
  readonly [K in keyof M]: Omit<HookPointInfo, 'name' | 'category' | 'kind'> & {
    readonly kind: M[K] extends HookSignature ? M[K]['kind'] : never;
  };
};
