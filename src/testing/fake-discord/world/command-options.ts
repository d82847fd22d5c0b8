import { ApplicationCommandOptionType, ChannelType, type APIApplicationCommand, type APIApplicationCommandOption, type APIAttachment, type APIUser } from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import type { CommandAttachment, CommandOptionValue, InvokeCommandOptions } from './interaction-inputs';
import type { World } from './world';

/** The `resolved` block of interaction data, filled as options and select values are read. */
export type Resolved = {
  attachments?: Record<string, APIAttachment>;
  users?: Record<string, APIUser>;
  members?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  channels?: Record<string, unknown>;
};

/**
 * Turns the option values a test gives into the option tree Discord sends, checked against the
 * registered command (types, required options, choices) with users, roles, channels and files
 * resolved the way the bot will receive them.
 */
export class OptionResolver {
  public constructor(private readonly world: World) {}

  public buildOptions(command: APIApplicationCommand, options: InvokeCommandOptions, resolved: Resolved, guildId: string | null, focused: string | undefined): unknown[] {
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

  public resolveUser(userId: string, guildId: string | null, resolved: Resolved): void {
    const user = this.world.requireUser(userId);
    (resolved.users ??= {})[user.id] = user;
    const member = guildId === null ? undefined : this.world.guilds.get(guildId)?.members.get(user.id);
    if (member !== undefined && guildId !== null) {
      const { user: _user, ...rest } = member;
      (resolved.members ??= {})[user.id] = { ...rest, permissions: this.world.permissionsOf(guildId, user.id).toString() };
    }
  }

  public resolveRole(roleId: string, guildId: string | null, resolved: Resolved): void {
    const role = guildId === null ? undefined : this.world.guilds.get(guildId)?.roles.get(roleId);
    if (role === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No role ${roleId} in ${guildId === null ? 'a DM' : `guild ${guildId}`}; create it with discord.createRole(guildId, { name }).`);
    (resolved.roles ??= {})[role.id] = role;
  }

  public resolveChannel(channelId: string, resolved: Resolved): void {
    const channel = this.world.requireChannel(channelId);
    const partial: Record<string, unknown> = { id: channel.id, type: channel.type, name: channel.name, permissions: '0' };
    if (channel.type !== ChannelType.DM && channel.guild_id !== undefined) partial.permissions = this.world.permissionsOf(channel.guild_id, this.world.botUser.id, channel).toString();
    (resolved.channels ??= {})[channel.id] = partial;
  }
}
