import type { ApplicationCommandType, Locale } from 'discord-api-types/v10';

/** A file a user attaches to an attachment option. */
export interface CommandAttachment {
  readonly filename: string;
  readonly data: Buffer;
  /** @defaultValue 'application/octet-stream' */
  readonly contentType?: string;
}

/** A value a test gives for one command option: ids for user/channel/role/mentionable options, a file for attachment options. */
export type CommandOptionValue = string | number | boolean | CommandAttachment;

/** Where and by whom an interaction happens. */
export interface InteractionSource {
  /** The user who acts (must exist in the world and, in a guild channel, be a member). */
  readonly userId: string;
  /** A guild channel, or a DM channel from `discord.dmChannel(userId)`. */
  readonly channelId: string;
  readonly locale?: Locale;
}

/** `discord.invokeCommand(...)`: a slash, user or message command as a user would run it. */
export interface InvokeCommandOptions extends InteractionSource {
  readonly name: string;
  /** @defaultValue ApplicationCommandType.ChatInput */
  readonly type?: ApplicationCommandType;
  /** Option values by option name, checked against the registered command's definition. */
  readonly options?: Readonly<Record<string, CommandOptionValue>>;
  readonly subcommand?: string;
  readonly subcommandGroup?: string;
  /** User or message id for user/message context-menu commands. */
  readonly targetId?: string;
}

/** `discord.autocomplete(...)`: the user is typing into `focused`. */
export interface AutocompleteOptions extends InvokeCommandOptions {
  readonly focused: string;
}

/** `discord.pressButton(...)` and `discord.selectMenu(...)`. */
export interface ComponentInteractionOptions {
  readonly userId: string;
  readonly messageId: string;
  readonly customId: string;
  readonly locale?: Locale;
}

/** `discord.selectMenu(...)`: the chosen values (option values, or ids for user/role/channel selects). */
export interface SelectMenuOptions extends ComponentInteractionOptions {
  readonly values: readonly string[];
}

/** `discord.submitModal(...)`: text input values by their `custom_id`. */
export interface SubmitModalOptions extends InteractionSource {
  readonly customId: string;
  readonly fields: Readonly<Record<string, string>>;
}
