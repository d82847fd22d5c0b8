import type { Draft } from 'immer';

/** The least an action is: an object with a string `type`. */
export interface StateAction {
  readonly type: string;
}

/**
 * One reducer: mutates the immer draft it gets (or returns a whole new state). The second
 * parameter's type is the action's payload; its `type` is added from the reducer's key.
 */
export type StateReducer<S, P = never> = (draft: Draft<S>, action: P) => void | S;

/**
 * A map from action type to reducer. Reducer parameters are checked by position only (`never`
 * accepts any annotation), so the action type is read from each reducer's own annotation.
 */
export type ReducerMap<S> = Record<string, (draft: Draft<S>, action: never) => void | S>;

/**
 * The discriminated union of actions a reducer map accepts.
 *
 * @example
 * ```ts
 * type A = ActionOf<{ inc: (d: { n: number }) => void; add: (d: { n: number }, a: { by: number }) => void }>;
 * // { readonly type: 'inc' } | ({ readonly type: 'add' } & { by: number })
 * ```
 */
export type ActionOf<R> = {
  [K in keyof R & string]: R[K] extends (draft: never, action: infer P) => unknown
    ? unknown extends P
      ? { readonly type: K }
      : { readonly type: K } & Omit<P, 'type'>
    : never;
}[keyof R & string];

/** The reducers a store with actions `A` needs: one per action type, given that action. */
export type ReducersFor<S, A extends StateAction> = {
  readonly [K in A['type']]: (draft: Draft<S>, action: Extract<A, { readonly type: K }>) => void | S;
};
