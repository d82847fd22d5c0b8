import { InjectionToken } from '../../di';
import type { HookManagerOptions } from '../hook-manager-options';

/** The options given to `HooksModule.forRoot`. */
export const HOOKS_OPTIONS = new InjectionToken<HookManagerOptions>('HOOKS_OPTIONS');
