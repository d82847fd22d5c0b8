import type { LocalizationMap } from 'discord-api-types/v10';
import type { PermissionName } from '../permissions/permission-names';

/** Where a command can be used. Maps to Discord's `contexts` (`InteractionContextType`). */
export type CommandUsageContext = 'guild' | 'botDm' | 'privateChannel';

/** How the app must be installed for a command to show. Maps to `integration_types`. */
export type CommandIntegration = 'guildInstall' | 'userInstall';

/**
 * Defers the initial response on the user's behalf when the handler has not answered within
 * `afterMs` (default 2000), so that slow work does not hit Discord's 3-second window.
 */
export interface AutoDeferConfig {
  afterMs?: number;
  ephemeral?: boolean;
}

/** Settings shared by slash commands and context-menu commands. */
export interface BaseCommandConfig {
  name: string;
  nameLocalizations?: LocalizationMap;
  /**
   * Permissions a member needs to see the command by default (server admins can change it).
   * Permission names or a bitfield. `[]` (or `0n`) hides it from everyone but admins; leave it out
   * (or `null`) for no restriction.
   */
  defaultMemberPermissions?: readonly PermissionName[] | bigint | string | null;
  /** Legacy switch for direct messages; prefer `contexts`. */
  dmPermission?: boolean;
  contexts?: readonly CommandUsageContext[];
  integrationTypes?: readonly CommandIntegration[];
  nsfw?: boolean;
  /** Register only in these guilds (ids) instead of globally. */
  guilds?: readonly string[];
  autoDefer?: boolean | AutoDeferConfig;
}

/** `@Command(...)`: a slash command. */
export interface CommandConfig extends BaseCommandConfig {
  description: string;
  descriptionLocalizations?: LocalizationMap;
}

/** `@UserCommand(...)` and `@MessageCommand(...)`: context-menu commands have no description. */
export type ContextMenuConfig = BaseCommandConfig;

/** `@Subcommand(...)`: one leaf of a command declared with `@Command` on its class. */
export interface SubcommandConfig {
  name: string;
  description: string;
  nameLocalizations?: LocalizationMap;
  descriptionLocalizations?: LocalizationMap;
  /** Name of a `@SubcommandGroup` declared on the same class. */
  group?: string;
  autoDefer?: boolean | AutoDeferConfig;
}

/** `@SubcommandGroup(...)`: a folder of subcommands, declared on the command class. */
export interface SubcommandGroupConfig {
  name: string;
  description: string;
  nameLocalizations?: LocalizationMap;
  descriptionLocalizations?: LocalizationMap;
}
