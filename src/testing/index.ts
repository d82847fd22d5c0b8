export { Test, TestingModule, TestingModuleBuilder, UnusedOverrideError } from './testing-module';
export type { TestingModuleMetadata, OverrideBy, OverrideModuleWith } from './testing-module';
export { FAKE_DISCORD_SEEDS, seedWorld } from './fake-discord';
export type { FakeDiscordSeed, SeededWorld } from './fake-discord';
export { FakeDiscord, FakeDiscordError, FakeInteraction, FakeGateway, RestFaults, World } from './fake-discord';
export type {
  AutocompleteOptions,
  CommandAttachment,
  ComponentInteractionOptions,
  CreateChannelOptions,
  CreateGuildOptions,
  CreateInviteOptions,
  InviteOptions,
  CreateRoleOptions,
  FakeDiscordErrorCode,
  FakeDiscordOptions,
  FakeDiscordTlsOptions,
  GatewayWorldView,
  InvokeCommandOptions,
  RateLimitOptions,
  RecordedInteractionResponse,
  RecordedRequest,
  RecurrenceRuleInput,
  ScheduledEventOptions,
  SelectMenuOptions,
  SubmitModalOptions,
  UploadedFile,
  UserMessageInput,
  WorldDispatch,
} from './fake-discord';
export type {
  ConnectionQuery,
  FakeGatewayEvents,
  GatewayCloseEvent,
  GatewayConnectionEvent,
  GatewayConnectionSnapshot,
  GatewayDispatchInput,
  GatewayPayloadEvent,
  GatewayResumedEvent,
  GatewaySessionEndEvent,
  GatewaySessionSnapshot,
  GatewayViolation,
  GatewayViolationKind,
  SessionSelector,
} from './fake-discord/gateway';
