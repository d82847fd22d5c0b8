import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommand,
  type APIInteraction,
  type APIMessage,
} from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import { OptionResolver, type Resolved } from './command-options';
import { findComponent, listCustomIds } from './component-search';
import type { ComponentInteractionOptions, InteractionSource, InvokeCommandOptions, SubmitModalOptions } from './interaction-inputs';
import type { InteractionRecord } from './interaction-store';
import { toApiChannel } from './stored-channel';
import type { World } from './world';

const SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * Builds interactions exactly shaped like Discord's (real id, 68-character-style token, member with
 * permissions, app_permissions, context, resolved data) from what a test says the user did, then
 * stores them and emits INTERACTION_CREATE.
 */
export class InteractionFactory {
  private readonly options: OptionResolver;

  public constructor(private readonly world: World) {
    this.options = new OptionResolver(world);
  }

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
      const built = this.options.buildOptions(command, options, resolved, guildId, focused);
      if (built.length > 0) data.options = built;
    } else {
      if (options.targetId === undefined) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Context-menu command "${command.name}" needs targetId (the ${type === ApplicationCommandType.User ? 'user' : 'message'} it was run on).`);
      }
      data.target_id = options.targetId;
      if (type === ApplicationCommandType.User) this.options.resolveUser(options.targetId, guildId, resolved);
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
        if (component.type === ComponentType.UserSelect) this.options.resolveUser(value, channel.guild_id ?? null, resolved);
        if (component.type === ComponentType.RoleSelect) this.options.resolveRole(value, channel.guild_id ?? null, resolved);
        if (component.type === ComponentType.ChannelSelect) this.options.resolveChannel(value, resolved);
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
}
