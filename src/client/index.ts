export { EntityStore } from './cache/entity-store';
export type { EntityStoreStats } from './cache/entity-store';
export { BoundedMap } from './cache/bounded-map';
export { CacheOptionError, resolveCacheLimits } from './cache/cache-options';
export { CacheUpdateError } from './cache/cache-update-error';
export type { EntityCacheOptions, EntityLimit, ResolvedCacheLimits } from './cache/cache-options';
export type { CachedChannel, CachedGuild, CachedMember, CachedMessage, CachedRole, CachedUser } from './cache/cached-entities';
export { dispatchNameOf, dispatchTypeOf } from './event-names';
export type { CamelCaseEventName, DispatchEventMap, DispatchEventName } from './event-names';
export { Client } from './client';
export type { ReadyPhase } from './client';
export type {
  ClientDebugInfo,
  ClientEvents,
  ClientLifecycleEvents,
  ClientLoginOptions,
  ClientLoginStage,
  ClientOptions,
  EventContext,
  ListenerOptions,
} from './client-types';
export { ClientOptionError, EventHandlerError } from './event-handler-error';
export { GuildMembersRateLimitedError, GuildMembersRequestError } from './guild-members-error';
export type { GuildMembersErrorCode } from './guild-members-error';
export { DEFAULT_GUILD_MEMBERS_TIMEOUT_MS, resolveGuildMembersRequest } from './guild-members-options';
export type { GuildMembersRequestOptions, ResolvedGuildMembersRequest } from './guild-members-options';
export type { GuildMembersResult } from './guild-members-requests';
export { PresenceError, resolvePresence } from './presence';
export type { PresenceErrorCode, PresenceInput, SetPresenceOptions } from './presence';
export { OvenModule } from './di/oven-module';
export { OVEN_OPTIONS } from './di/oven-options.token';
export { OnEvent, OnEventMarker } from './di/on-event.decorator';
export type { EventHandlerMethod, OnEventMetadata, OnEventOptions } from './di/on-event.decorator';
export { AfterClientReady, AfterClientReadyMarker, BeforeClientReady, BeforeClientReadyMarker } from './di/client-ready-hooks';
export { ClientLifecycle } from './di/client-lifecycle';
