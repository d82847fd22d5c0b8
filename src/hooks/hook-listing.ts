import type { HookPointInfo } from './hook-point';

/** A hook point with the handlers currently registered on it, as `listHooks()` reports it. */
export interface HookListing extends HookPointInfo {
  readonly handlers: readonly { label: string; owner: string | undefined; priority: number }[];
}
