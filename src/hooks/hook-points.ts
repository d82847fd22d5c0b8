import type { HookCategory, HookPointInfo, HookSignature } from './hook-point';
import { CACHE_HOOK_POINTS, type CacheHookPoints } from './points/cache';
import { COMMAND_HOOK_POINTS, type CommandHookPoints } from './points/commands';
import { EVENT_HOOK_POINTS, type EventHookPoints } from './points/events';
import { GATEWAY_HOOK_POINTS, type GatewayHookPoints } from './points/gateway';
import { LIFECYCLE_HOOK_POINTS, type LifecycleHookPoints } from './points/lifecycle';
import { MESSAGE_HOOK_POINTS, type MessageHookPoints } from './points/messages';
import { PLUGIN_HOOK_POINTS, type PluginHookPoints } from './points/plugins';
import { REST_HOOK_POINTS, type RestHookPoints } from './points/rest';
import { STATE_HOOK_POINTS, type StateHookPoints } from './points/state';

/**
 * Every hook point's signature, by name. An interface so that a plugin can add its own points
 * with declaration merging and get the same type checking as the built-in ones.
 *
 * @example
 * ```ts
 * declare module 'ovenjs' {
 *   interface HookPoints {
 *     tickets_opened: { kind: 'parallel'; payload: { ticketId: string } };
 *   }
 * }
 * hooks.define({ name: 'tickets_opened', kind: 'parallel', category: 'tickets', ... });
 * ```
 */
export interface HookPoints
  extends LifecycleHookPoints,
    GatewayHookPoints,
    EventHookPoints,
    RestHookPoints,
    MessageHookPoints,
    CommandHookPoints,
    CacheHookPoints,
    PluginHookPoints,
    StateHookPoints {}

/** A hook point's name. */
export type HookName = keyof HookPoints & string;

type SignatureOf<K extends HookName> = HookPoints[K] extends HookSignature ? HookPoints[K] : never;

/** The payload handlers of hook `K` receive. */
export type HookPayload<K extends HookName> = SignatureOf<K>['payload'];

/** What `execute(K, ...)` resolves to: the final payload, a bail result, or nothing. */
export type HookResult<K extends HookName> = SignatureOf<K>['kind'] extends 'waterfall'
  ? HookPayload<K>
  : SignatureOf<K>['kind'] extends 'bail'
    ? SignatureOf<K>['result'] | undefined
    : void;

/** What a handler of hook `K` may return. */
export type HookHandlerReturn<K extends HookName> = SignatureOf<K>['kind'] extends 'waterfall'
  ? HookPayload<K> | void
  : SignatureOf<K>['kind'] extends 'bail'
    ? SignatureOf<K>['result'] | undefined | void
    : void;

/** Passed to every handler beside the payload. */
export interface HookContext {
  /** The hook point being run, for handlers registered on several. */
  readonly hook: string;
}

/** A handler of hook `K`: sync or async. */
export type HookHandler<K extends HookName> = (
  payload: HookPayload<K>,
  context: HookContext,
) => HookHandlerReturn<K> | Promise<HookHandlerReturn<K>>;

function withNames(category: HookCategory, table: object): HookPointInfo[] {
  return Object.entries(table).map(([name, info]) => ({ name, category, ...(info as object) }) as HookPointInfo);
}

/**
 * The built-in hook points in documentation order. `docs/hooks.md` is generated from this list.
 *
 * @example
 * ```ts
 * BUILTIN_HOOK_POINTS.filter((point) => point.category === 'rest').map((point) => point.name);
 * ```
 */
export const BUILTIN_HOOK_POINTS: readonly HookPointInfo[] = Object.freeze([
  ...withNames('lifecycle', LIFECYCLE_HOOK_POINTS),
  ...withNames('gateway', GATEWAY_HOOK_POINTS),
  ...withNames('events', EVENT_HOOK_POINTS),
  ...withNames('rest', REST_HOOK_POINTS),
  ...withNames('messages', MESSAGE_HOOK_POINTS),
  ...withNames('commands', COMMAND_HOOK_POINTS),
  ...withNames('cache', CACHE_HOOK_POINTS),
  ...withNames('plugins', PLUGIN_HOOK_POINTS),
  ...withNames('state', STATE_HOOK_POINTS),
]);
