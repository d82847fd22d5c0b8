import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import type { InteractionRecord } from './interaction-store';
import { toApiChannel } from './stored-channel';
import type { World } from './world';

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

type Resolved = {
  attachments?: Record<string, APIAttachment>;
  users?: Record<string, APIUser>;
  members?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  channels?: Record<string, unknown>;
};

const SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * Builds interactions exactly shaped like Discord's (real id, 68-character-style token, member with
 * permissions, app_permissions, context, resolved data) from what a test says the user did, then
 * stores them and emits INTERACTION_CREATE.
 */
export class InteractionFactory {
  public constructor(private readonly world: World) {}

  public command(options: InvokeCommandOptions, focused?: string): InteractionRecord {
    const type = options.type ?? ApplicationCommandType.ChatInput;
    const channel = this.world.requireChannel(options.channelId);
    const guildId = channel.guild_id ?? null;
    const command =
      (guildId === null ? undefined : this.world.commands.findByName(guildId, options.name, type)) ??
      this.world.commands.findByName(null, options.name, type);
    if (command === undefined) {
      throw new FakeDiscordError(
        'OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMMAND',
        `The bot has not registered a ${ApplicationCommandType[type]} command named "${options.name}" globally${guildId === null ? '' : ` or in guild ${guildId}`}; ` +
          'users can only run registered commands. Register it first (PUT /applications/{id}/commands), e.g. by starting the bot.',
      );
    }
    this.checkAvailability(command, guildId, options.userId);
    const resolved: Resolved = {};
    const data: Record<string, unknown> = { id: command.id, name: command.name, type };
    if (command.guild_id !== undefined) data.guild_id = command.guild_id;
    if (type === ApplicationCommandType.ChatInput) {
      const built = this.buildOptions(command, options, resolved, guildId, focused);
      if (built.length > 0) data.options = built;
    } else {
      if (options.targetId === undefined) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Context-menu command "${command.name}" needs targetId (the ${type === ApplicationCommandType.User ? 'user' : 'message'} it was run on).`);
      }
      data.target_id = options.targetId;
      if (type === ApplicationCommandType.User) this.resolveUser(options.targetId, guildId, resolved);
      else {
        const message = this.world.messages.get(channel.id, options.targetId);
        if (message === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No message ${options.targetId} in channel ${channel.id} to run "${command.name}" on.`);
        Object.assign(resolved, { messages: { [message.id]: message } });
      }
    }
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    const kind = focused === undefined ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete;
    return this.emit(kind, data, options, undefined);
  }

  public component(options: ComponentInteractionOptions, values?: readonly string[]): InteractionRecord {
    const message = this.world.messages.findById(options.messageId);
    if (message === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No message ${options.messageId} in the fake world; the bot must have sent the message with the component first.`);
    }
    const component = findComponent(message.components ?? [], options.customId);
    if (component === undefined) {
      throw new FakeDiscordError(
        'OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMPONENT',
        `Message ${message.id} has no component with custom_id "${options.customId}" (it has: ${listCustomIds(message.components ?? []).join(', ') || 'none'}).`,
      );
    }
    const isButton = component.type === ComponentType.Button;
    if (values === undefined && !isButton) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Component "${options.customId}" is a select menu; use discord.selectMenu({ values }) instead of pressButton.`);
    }
    if (values !== undefined && isButton) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Component "${options.customId}" is a button; use discord.pressButton(...) instead of selectMenu.`);
    }
    const data: Record<string, unknown> = { custom_id: options.customId, component_type: component.type };
    const channel = this.world.requireChannel(message.channel_id);
    if (values !== undefined) {
      data.values = [...values];
      const resolved: Resolved = {};
      for (const value of values) {
        if (component.type === ComponentType.UserSelect) this.resolveUser(value, channel.guild_id ?? null, resolved);
        if (component.type === ComponentType.RoleSelect) this.resolveRole(value, channel.guild_id ?? null, resolved);
        if (component.type === ComponentType.ChannelSelect) this.resolveChannel(value, resolved);
      }
      if (Object.keys(resolved).length > 0) data.resolved = resolved;
    }
    const source = { userId: options.userId, channelId: message.channel_id, ...(options.locale === undefined ? {} : { locale: options.locale }) };
    return this.emit(InteractionType.MessageComponent, data, source, message);
  }

  public modal(options: SubmitModalOptions): InteractionRecord {
    const shown = [...this.world.interactions.modalsShown()].reverse().find((r) => (r.data as { custom_id?: string } | undefined)?.custom_id === options.customId);
    const layout = (shown?.data as { components?: unknown[] } | undefined)?.components;
    const components: unknown[] = [];
    const known = new Set<string>();
    for (const row of layout ?? []) {
      const label = row as { type: number; component?: { type: number; custom_id?: string }; components?: { custom_id?: string }[] };
      if (label.type === ComponentType.Label && label.component?.custom_id !== undefined) {
        const id = label.component.custom_id;
        known.add(id);
        if (options.fields[id] !== undefined) components.push({ type: ComponentType.Label, component: { type: label.component.type, custom_id: id, value: options.fields[id] } });
      } else if (label.type === ComponentType.ActionRow) {
        for (const input of label.components ?? []) {
          if (input.custom_id === undefined) continue;
          known.add(input.custom_id);
          if (options.fields[input.custom_id] !== undefined) {
            components.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: input.custom_id, value: options.fields[input.custom_id] }] });
          }
        }
      }
    }
    if (shown === undefined) {
      for (const [id, value] of Object.entries(options.fields)) {
        components.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: id, value }] });
      }
    } else {
      const unknown = Object.keys(options.fields).filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMPONENT', `Modal "${options.customId}" the bot showed has no input(s) ${unknown.join(', ')}; it has: ${[...known].join(', ')}.`);
      }
    }
    return this.emit(InteractionType.ModalSubmit, { custom_id: options.customId, components }, options, undefined);
  }

  /** Discord hides a command where its contexts or default permissions exclude the user. */
  private checkAvailability(command: APIApplicationCommand, guildId: string | null, userId: string): void {
    const unavailable = (why: string): FakeDiscordError =>
      new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Command "${command.name}" is not available here: ${why}; Discord would not show it to this user.`);
    if (guildId === null) {
      if (command.dm_permission === false || (command.contexts !== undefined && command.contexts !== null && !command.contexts.includes(InteractionContextType.BotDM))) {
        throw unavailable('it is not enabled in DMs (contexts / dm_permission)');
      }
      return;
    }
    if (command.contexts !== undefined && command.contexts !== null && !command.contexts.includes(InteractionContextType.Guild)) {
      throw unavailable('it is not enabled in guilds (contexts)');
    }
    const required = command.default_member_permissions === null || command.default_member_permissions === undefined ? 0n : BigInt(command.default_member_permissions);
    if (required !== 0n && (this.world.permissionsOf(guildId, userId) & required) !== required) {
      throw unavailable(`user ${userId} lacks the permissions in default_member_permissions (${required.toString()})`);
    }
  }

  private emit(type: InteractionType, data: Record<string, unknown>, source: InteractionSource, message: APIMessage | undefined): InteractionRecord {
    const world = this.world;
    const channel = world.requireChannel(source.channelId);
    const user = world.requireUser(source.userId);
    const guildId = channel.guild_id ?? null;
    const id = world.ids.next();
    const interaction: Record<string, unknown> = {
      id,
      application_id: world.applicationId,
      type,
      data,
      channel: toApiChannel(channel),
      channel_id: channel.id,
      token: `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`,
      version: 1,
      locale: source.locale ?? Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: SIZE_LIMIT,
      app_permissions: (guildId === null ? 0n : world.permissionsOf(guildId, world.botUser.id, channel)).toString(),
    };
    if (message !== undefined) interaction.message = message;
    if (guildId === null) {
      interaction.user = user;
      interaction.context = InteractionContextType.BotDM;
      interaction.authorizing_integration_owners = { '1': user.id };
    } else {
      const member = world.guilds.get(guildId)?.members.get(user.id);
      if (member === undefined) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${user.id} is not a member of guild ${guildId}; add them with discord.addMember(guildId, userId) first.`);
      }
      interaction.guild_id = guildId;
      interaction.guild = { id: guildId, locale: Locale.EnglishUS, features: [] };
      interaction.guild_locale = Locale.EnglishUS;
      interaction.member = { ...member, permissions: world.permissionsOf(guildId, user.id, channel).toString() };
      interaction.context = InteractionContextType.Guild;
      interaction.authorizing_integration_owners = { '0': guildId };
    }
    const record = world.interactions.add(interaction as unknown as APIInteraction);
    world.dispatch({ t: GatewayDispatchEvents.InteractionCreate, d: interaction, guildId, intents: 0 });
    return record;
  }

  private buildOptions(command: APIApplicationCommand, options: InvokeCommandOptions, resolved: Resolved, guildId: string | null, focused: string | undefined): unknown[] {
    let defs: readonly APIApplicationCommandOption[] = command.options ?? [];
    const wrap: { name: string; type: ApplicationCommandOptionType }[] = [];
    for (const [kind, wanted] of [
      [ApplicationCommandOptionType.SubcommandGroup, options.subcommandGroup],
      [ApplicationCommandOptionType.Subcommand, options.subcommand],
    ] as const) {
      if (wanted === undefined) continue;
      const def = defs.find((d) => d.type === kind && d.name === wanted);
      if (def === undefined || !('options' in def)) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Command "${command.name}" has no ${ApplicationCommandOptionType[kind]} "${wanted}" (it has: ${defs.filter((d) => d.type === kind).map((d) => d.name).join(', ') || 'none'}).`);
      }
      wrap.push({ name: wanted, type: kind });
      defs = (def.options ?? []) as readonly APIApplicationCommandOption[];
    }
    const needsSub = defs.some((d) => d.type === ApplicationCommandOptionType.Subcommand || d.type === ApplicationCommandOptionType.SubcommandGroup);
    if (needsSub) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Command "${command.name}" has subcommands; pass subcommand (and subcommandGroup) to say which one the user ran.`);
    }
    const given = options.options ?? {};
    const leaves: unknown[] = [];
    for (const [name, value] of Object.entries(given)) {
      const def = defs.find((d) => d.name === name);
      if (def === undefined) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Command "${command.name}" has no option "${name}" (it has: ${defs.map((d) => d.name).join(', ') || 'none'}).`);
      }
      const isFocused = focused === name;
      const sent = isFocused ? value : this.checkValue(command.name, def, value, guildId, resolved);
      leaves.push(isFocused ? { name, type: def.type, value: sent, focused: true } : { name, type: def.type, value: sent });
    }
    if (focused === undefined) {
      const missing = defs.filter((d) => 'required' in d && d.required === true && given[d.name] === undefined).map((d) => d.name);
      if (missing.length > 0) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Command "${command.name}" requires option(s) ${missing.join(', ')}; Discord does not let users run it without them.`);
    } else if (given[focused] === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `The focused option "${focused}" needs a (partial) value in options.`);
    }
    let result: unknown[] = leaves;
    for (const level of wrap.reverse()) result = [{ name: level.name, type: level.type, options: result }];
    return result;
  }

  /** Checks one option value against its definition and returns what Discord sends for it. */
  private checkValue(commandName: string, def: APIApplicationCommandOption, value: CommandOptionValue, guildId: string | null, resolved: Resolved): string | number | boolean {
    const bad = (expected: string): FakeDiscordError =>
      new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Option "${def.name}" of "${commandName}" is ${ApplicationCommandOptionType[def.type]}; expected ${expected}, got ${JSON.stringify(value)}.`);
    switch (def.type) {
      case ApplicationCommandOptionType.String:
        if (typeof value !== 'string') throw bad('a string');
        break;
      case ApplicationCommandOptionType.Integer:
        if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('an integer');
        break;
      case ApplicationCommandOptionType.Number:
        if (typeof value !== 'number') throw bad('a number');
        break;
      case ApplicationCommandOptionType.Boolean:
        if (typeof value !== 'boolean') throw bad('a boolean');
        break;
      case ApplicationCommandOptionType.User:
        if (typeof value !== 'string') throw bad('a user id');
        this.resolveUser(value, guildId, resolved);
        break;
      case ApplicationCommandOptionType.Role:
        if (typeof value !== 'string') throw bad('a role id');
        this.resolveRole(value, guildId, resolved);
        break;
      case ApplicationCommandOptionType.Channel:
        if (typeof value !== 'string') throw bad('a channel id');
        this.resolveChannel(value, resolved);
        break;
      case ApplicationCommandOptionType.Mentionable:
        if (typeof value !== 'string') throw bad('a user or role id');
        if (this.world.users.has(value)) this.resolveUser(value, guildId, resolved);
        else this.resolveRole(value, guildId, resolved);
        break;
      case ApplicationCommandOptionType.Attachment: {
        if (typeof value !== 'object') throw bad('a file ({ filename, data })');
        return this.resolveAttachment(value, resolved);
      }
      default:
        throw bad('a value of a known option type');
    }
    if (typeof value === 'object') throw bad('a plain value (files only go to attachment options)');
    const choices = 'choices' in def ? def.choices : undefined;
    if (choices !== undefined && choices.length > 0 && !choices.some((c) => c.value === value)) {
      throw bad(`one of the choices ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
    }
    return value;
  }

  /** A user's upload becomes an attachment the bot can download from the fake. */
  private resolveAttachment(file: CommandAttachment, resolved: Resolved): string {
    const world = this.world;
    const id = world.ids.next();
    const contentType = file.contentType ?? 'application/octet-stream';
    const url = `${world.httpBase}/attachments/interactions/${id}/${encodeURIComponent(file.filename)}`;
    world.attachments.set(id, { field: 'files[0]', filename: file.filename, contentType, data: file.data });
    (resolved.attachments ??= {})[id] = { id, filename: file.filename, size: file.data.length, url, proxy_url: url, content_type: contentType, ephemeral: true };
    return id;
  }

  private resolveUser(userId: string, guildId: string | null, resolved: Resolved): void {
    const user = this.world.requireUser(userId);
    (resolved.users ??= {})[user.id] = user;
    const member = guildId === null ? undefined : this.world.guilds.get(guildId)?.members.get(user.id);
    if (member !== undefined && guildId !== null) {
      const { user: _user, ...rest } = member;
      (resolved.members ??= {})[user.id] = { ...rest, permissions: this.world.permissionsOf(guildId, user.id).toString() };
    }
  }

  private resolveRole(roleId: string, guildId: string | null, resolved: Resolved): void {
    const role = guildId === null ? undefined : this.world.guilds.get(guildId)?.roles.get(roleId);
    if (role === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No role ${roleId} in ${guildId === null ? 'a DM' : `guild ${guildId}`}; create it with discord.createRole(guildId, { name }).`);
    (resolved.roles ??= {})[role.id] = role;
  }

  private resolveChannel(channelId: string, resolved: Resolved): void {
    const channel = this.world.requireChannel(channelId);
    const partial: Record<string, unknown> = { id: channel.id, type: channel.type, name: channel.name, permissions: '0' };
    if (channel.type !== ChannelType.DM && channel.guild_id !== undefined) partial.permissions = this.world.permissionsOf(channel.guild_id, this.world.botUser.id, channel).toString();
    (resolved.channels ??= {})[channel.id] = partial;
  }
}

interface AnyComponent {
  type: number;
  custom_id?: string;
  components?: AnyComponent[];
  component?: AnyComponent;
  accessory?: AnyComponent;
}

function findComponent(components: readonly unknown[], customId: string): AnyComponent | undefined {
  for (const raw of components) {
    const component = raw as AnyComponent;
    if (component.custom_id === customId) return component;
    const nested = [...(component.components ?? []), ...(component.component === undefined ? [] : [component.component]), ...(component.accessory === undefined ? [] : [component.accessory])];
    const found = findComponent(nested, customId);
    if (found !== undefined) return found;
  }
  return undefined;
}

function listCustomIds(components: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of components) {
    const component = raw as AnyComponent;
    if (component.custom_id !== undefined) ids.push(component.custom_id);
    ids.push(...listCustomIds([...(component.components ?? []), ...(component.component === undefined ? [] : [component.component]), ...(component.accessory === undefined ? [] : [component.accessory])]));
  }
  return ids;
}
