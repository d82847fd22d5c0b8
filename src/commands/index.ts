export {
  CommandDefinitionError,
  CommandRejectedError,
  CommandStageError,
  CustomIdError,
  InteractionPipelineError,
  InteractionResponseError,
  RegistrationLockLostError,
} from './command-errors';
export { CustomId, CUSTOM_ID_MAX_LENGTH } from './custom-id';
export type { CustomIdParams } from './custom-id';

export { Command, Subcommand, SubcommandGroup, UserCommand, MessageCommand } from './decorators/command.decorators';
export type {
  AutoDeferConfig,
  BaseCommandConfig,
  CommandConfig,
  CommandUsageContext,
  CommandIntegration,
  ContextMenuConfig,
  SubcommandConfig,
  SubcommandGroupConfig,
} from './decorators/command-config';
export { Button, SelectMenu, ModalSubmit, Autocomplete } from './decorators/component.decorators';
export { Options, Fields, Ctx, User, Member, Guild, Channel, Param, Target, Focused, Values } from './decorators/param.decorators';
export { UseGuards } from './decorators/use-guards.decorator';
export { InteractionHandlerMark } from './decorators/handler-marker';

export { Option } from './options/option.decorator';
export type { OptionChoice, OptionConfig } from './options/option.decorator';
export type { OptionKind, OptionValueTypes, InteractionMember, Mentionable } from './options/option-kind';
export { Modal, Field } from './modals/modal.decorators';
export type { ModalConfig, FieldConfig } from './modals/modal.decorators';
export type { InputFailure } from './validation/input-failure';
export type { PermissionName } from './permissions/permission-names';

export { CommandCatalog } from './catalog/command-catalog';
export type { CatalogCommand, HandlerRoute, RouteKind } from './catalog/command-catalog';
export { COMMAND_LIMITS } from './json/command-limits';

export { InteractionContext, INITIAL_RESPONSE_WINDOW_MS, TOKEN_LIFETIME_MS } from './context/interaction-context';
export type { InteractionGuild, ResponseState } from './context/interaction-context';
export { CommandContext } from './context/command-context';
export type { ModalLike } from './context/command-context';
export { ComponentContext, ModalContext } from './context/component-context';
export { AutocompleteContext } from './context/autocomplete-context';
export type { AutocompleteChoice } from './context/autocomplete-context';
export type { ReplyOptions, JSONEncodable } from './context/reply-options';
export type { ShowModalOptions } from './context/modal-response';

export type { Guard, GuardClass, GuardLike, GuardEnvironment } from './guards/guard';
export { GuildOnly, OwnerOnly, RequirePermissions, RequireBotPermissions, Cooldown } from './guards/built-in-guards';
export type { CooldownOptions } from './guards/built-in-guards';
export type { CooldownStore, CooldownResult } from './guards/cooldown-store';
export { MemoryCooldownStore } from './guards/memory-cooldown-store';
export { RedisCooldownStore } from './guards/redis-cooldown-store';
export type { RedisEvalClient } from './guards/redis-cooldown-store';

export { CommandRouter } from './router/command-router';
export type { CommandRouterOptions } from './router/command-router';
export type { CommandRouterEvents } from './router/command-router-events';
export type { CommandMessages } from './router/command-messages';
export type { InteractionMiddleware } from './router/interaction-middleware';
export type { ChoicesTransform, ChoicesTransformEvent, OptionsTransform, OptionsTransformEvent } from './router/router-stages';
export { TypedEvents } from './router/typed-events';

export type { InteractionRest, ApplicationCommandsRest, CommandsRest, MessageFile } from './rest/commands-rest';
export { routeRest } from './rest/route-rest';
export type { RouteClient } from './rest/route-rest';

export { CommandRegistrar, formatDiff } from './registration/command-registrar';
export type { RegistrationOptions, RegistrationPlan, ScopePlan } from './registration/command-registrar';
export { diffCommands, hasChanges } from './registration/command-diff';
export type { CommandDiff, CommandChange } from './registration/command-diff';
export { normalizeCommand, commandKey } from './registration/normalize-command';
export { RegistrationStages } from './registration/registration-stages';
export type { RegisteredEvent, RegistrationTransform, RegistrationTransformEvent } from './registration/registration-stages';
export type { NormalizedCommand } from './registration/normalize-command';

export { CommandsModule } from './module/commands.module';
export { COMMANDS_OPTIONS, COMMANDS_REST } from './module/commands-options';
export type { CommandsModuleOptions } from './module/commands-options';
export { CommandsModuleError } from './command-errors';
export { commandsCliCommand } from './cli/commands-cli-command';
export type { CommandsCliContext } from './cli/commands-cli-command';
export { HttpInteractions } from './http/http-interactions';
export type { HttpInteractionsOptions } from './http/http-interactions';
export { interactionPublicKey, verifyInteractionSignature } from './http/verify-signature';
export { RedisRegistrationLock } from './registration/registration-lock';
export type { LockLease, RegistrationLock, RedisLockClient } from './registration/registration-lock';
