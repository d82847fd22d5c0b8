export { HookManager } from './hook-manager';
export type { HookListing } from './hook-listing';
export type { HookManagerOptions } from './hook-manager-options';
export type { HookRegisterOptions, HookRegistration } from './hook-registration';
export { HookBudgetError, HookError, HookHandlerError } from './hook.error';
export type { HookCategory, HookKind, HookPointInfo, HookSignature } from './hook-point';
export { BUILTIN_HOOK_POINTS } from './hook-points';
export type {
  HookContext,
  HookHandler,
  HookHandlerReturn,
  HookName,
  HookPayload,
  HookPoints,
  HookResult,
} from './hook-points';
export type { HookTrace, HookTraceStep } from './hook-trace';
export type { ValueChange } from './value-diff';
export { renderHooksMarkdown } from './hooks-markdown';
export { HOOK_WIRING } from './hook-wiring';
export type * from './points/lifecycle';
export type * from './points/gateway';
export type * from './points/events';
export type * from './points/rest';
export type * from './points/messages';
export type * from './points/commands';
export type * from './points/cache';
export type * from './points/plugins';
export type * from './points/state';
export { bridgeRestHooks, REST_BRIDGE_HOOKS } from './bridges/rest';
export { MessageVetoedError } from './bridges/message-vetoed.error';
export { Hook, HookMarker } from './decorators/hook.decorator';
export type { HookMethodMetadata } from './decorators/hook.decorator';
export { Middleware, MiddlewareMarker } from './decorators/middleware.decorator';
export type { MiddlewareMetadata, MiddlewareScope, MiddlewareShapes } from './decorators/middleware.decorator';
export { HooksModule } from './di/hooks.module';
export { HOOKS_OPTIONS } from './di/hooks-options.token';
export { bridgeGatewayHooks, GATEWAY_BRIDGE_HOOKS } from './bridges/gateway';
export { bridgeEventHooks, EVENT_BRIDGE_HOOKS } from './bridges/events';
export { bridgeCommandHooks, COMMAND_BRIDGE_HOOKS, syncCommandsWithHooks } from './bridges/commands';
export { CACHE_BRIDGE_HOOKS, HookedCache } from './bridges/cache';
export { formatHookTrace } from './format-hook-trace';
export { bridgeClientHooks, CLIENT_BRIDGE_HOOKS } from './bridges/client';
