/**
 * How many instances of a provider exist.
 * - `'singleton'` (default): one per module that provides it, built at start-up.
 * - `'transient'`: a new instance for every injection.
 * - `'event'`: one per `EventScope.run(...)` (one gateway event or interaction).
 */
export type Scope = 'singleton' | 'transient' | 'event';

export const SCOPES: readonly Scope[] = ['singleton', 'transient', 'event'];
