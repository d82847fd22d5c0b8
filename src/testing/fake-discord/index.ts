export { FakeDiscord } from './fake-discord';
export type { CreateChannelOptions, CreateInviteOptions, CreateRoleOptions, FakeDiscordOptions, FakeDiscordTlsOptions } from './fake-discord';
export type { InviteOptions } from './world/invite-store';
export type { ScheduledEventOptions } from './world/scheduled-event-store';
export type { RecurrenceRuleInput } from './world/recurrence-rule';
export type { UserMessageInput } from './world/user-actions';
export { FakeInteraction } from './fake-interaction';
export { FakeDiscordError } from './fake-discord-error';
export type { FakeDiscordErrorCode } from './fake-discord-error';
export { World } from './world/world';
export type { CreateGuildOptions, GuildRecord, WorldOptions } from './world/world';
export type {
  AutocompleteOptions,
  CommandAttachment,
  CommandOptionValue,
  ComponentInteractionOptions,
  InteractionSource,
  InvokeCommandOptions,
  SelectMenuOptions,
  SubmitModalOptions,
} from './world/interaction-inputs';
export type { RecordedInteractionResponse } from './world/interaction-store';
export type { UploadedFile } from './world/uploaded-file';
export type { StoredChannel } from './world/stored-channel';
export { SessionStartLimit } from './session-start-limit';
export type { SessionStartLimitOptions } from './session-start-limit';
export type { GatewayWorldView, WorldDispatch, WorldDispatchListener } from './world-events';
export { FakeRestServer } from './rest/rest-server';
export type { FakeRestOptions } from './rest/rest-options';
export type { RateLimitOptions, RateLimitScope } from './rest/rate-limiter';
export type { RouteLimit } from './rest/route';
export { RestFaults } from './rest/rest-faults';
export type { FaultTarget, RestFault } from './rest/rest-faults';
export type { RecordedRequest } from './rest/request-log';
export { FakeGateway, FakeGatewayError, GatewayFaults } from './gateway';
export type { FakeGatewayOptions } from './gateway';
export { FAKE_DISCORD_SEEDS, seedWorld } from './demo-world';
export type { FakeDiscordSeed, SeededWorld } from './demo-world';
export type { ThreadOptions } from './world/thread-factory';
export type { AuditEntryInput, AuditQuery } from './world/audit-log';
