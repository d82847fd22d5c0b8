import { InjectionToken } from '../di';
import type { CacheOptions } from './cache-options';

/** What `CacheModule.forRoot` takes: the Cache's options plus what to do at boot. */
export interface CacheModuleOptions extends CacheOptions {
  /** Namespaces whose hottest keys are loaded from the lower tiers during `app.init()`. */
  readonly warmOnStart?: { readonly namespaces: readonly string[]; readonly limit?: number };
}

/** The options given to `CacheModule.forRoot(...)` (or computed by `forRootAsync`). */
export const CACHE_OPTIONS = new InjectionToken<CacheModuleOptions>('CACHE_OPTIONS');
