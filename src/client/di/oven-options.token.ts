import { InjectionToken } from '../../di';
import type { ClientOptions } from '../client-types';

/** The options given to `OvenModule.forRoot(...)` (or computed by `forRootAsync`). */
export const OVEN_OPTIONS = new InjectionToken<ClientOptions>('OVEN_OPTIONS');
