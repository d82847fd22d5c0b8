import { InjectionToken } from '../di';
import type { ActionOf, ReducerMap, StateAction } from './action';
import { Store } from './store';
import type { StoreOptions } from './store-options';

/** A store as the DI container knows it: a name, a token to inject it by, and how to build it. */
export interface StoreDefinition<S, A extends StateAction> {
  readonly name: string;
  readonly token: InjectionToken<Store<S, A>>;
  /** Builds a fresh store (one per application). */
  create(): Store<S, A>;
}

/** Any store definition, whatever its state and actions (what `StateModule` takes a list of). */
export interface AnyStoreDefinition {
  readonly name: string;
  readonly token: InjectionToken<unknown>;
  create(): unknown;
}

/**
 * Declares a store for `StateModule`, inferring its actions from the reducers as `createStore` does.
 *
 * @example
 * ```ts
 * export const Settings = defineStore({
 *   name: 'settings',
 *   initial: { prefixes: {} as Record<string, string> },
 *   reducers: { setPrefix: (draft, action: { guildId: string; prefix: string }) => void (draft.prefixes[action.guildId] = action.prefix) },
 * });
 * // constructor(@Inject(Settings.token) private readonly settings: StoreOf<typeof Settings>) {}
 * ```
 */
export function defineStore<S, R extends ReducerMap<S>>(
  options: Omit<StoreOptions<S, ActionOf<R>>, 'reducers' | 'name'> & { readonly name: string; readonly reducers: R },
): StoreDefinition<S, ActionOf<R>> {
  return {
    name: options.name,
    token: new InjectionToken<Store<S, ActionOf<R>>>(`Store(${options.name})`),
    create: () => new Store<S, ActionOf<R>>(options as unknown as StoreOptions<S, ActionOf<R>>),
  };
}

/** The store type a definition provides: `StoreOf<typeof Settings>`. */
export type StoreOf<D> = D extends StoreDefinition<infer S, infer A> ? Store<S, A> : never;
