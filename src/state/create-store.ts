import type { ActionOf, ReducerMap } from './action';
import { Store } from './store';
import type { StoreOptions } from './store-options';

/**
 * Creates a store whose action union is inferred from the reducers: each reducer's second
 * parameter is its action's payload, its key the action's `type`.
 *
 * @example
 * ```ts
 * const settings = createStore({
 *   name: 'settings',
 *   initial: { guilds: {} as Record<string, { prefix: string }> },
 *   reducers: {
 *     'guild/setPrefix': (draft, action: { guildId: string; prefix: string }) => {
 *       draft.guilds[action.guildId] = { prefix: action.prefix };
 *     },
 *   },
 * });
 * settings.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
 * ```
 */
export function createStore<S, R extends ReducerMap<S>>(
  options: Omit<StoreOptions<S, ActionOf<R>>, 'reducers'> & { readonly reducers: R },
): Store<S, ActionOf<R>> {
  return new Store<S, ActionOf<R>>(options as unknown as StoreOptions<S, ActionOf<R>>);
}
