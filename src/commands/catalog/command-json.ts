import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';
import type { BaseCommandConfig, CommandUsageContext, CommandIntegration } from '../decorators/command-config';
import { checkChatInputName, checkContextMenuName, checkDescription, checkLocalizations } from '../json/command-rules';
import { COMMAND_LIMITS } from '../json/command-limits';
import { permissionBits } from '../permissions/permission-names';

const CONTEXTS: Readonly<Record<CommandUsageContext, InteractionContextType>> = {
  guild: InteractionContextType.Guild,
  botDm: InteractionContextType.BotDM,
  privateChannel: InteractionContextType.PrivateChannel,
};

const INTEGRATIONS: Readonly<Record<CommandIntegration, ApplicationIntegrationType>> = {
  guildInstall: ApplicationIntegrationType.GuildInstall,
  userInstall: ApplicationIntegrationType.UserInstall,
};

/** The fields every kind of command shares: localizations, permissions, contexts, nsfw. */
export function commonCommandJson(config: BaseCommandConfig, type: ApplicationCommandType, where: string): Record<string, unknown> {
  if (type === ApplicationCommandType.ChatInput) {
    checkChatInputName(config.name, where, 'command');
    checkLocalizations(config.nameLocalizations, where, 'nameLocalizations', (v, w) => checkChatInputName(v, w, 'command'));
  } else {
    checkContextMenuName(config.name, where);
    checkLocalizations(config.nameLocalizations, where, 'nameLocalizations', checkContextMenuName);
  }
  const json: Record<string, unknown> = { type, name: config.name };
  if (config.nameLocalizations !== undefined) json['name_localizations'] = config.nameLocalizations;
  const permissions = config.defaultMemberPermissions;
  if (permissions !== undefined && permissions !== null) {
    if (typeof permissions === 'bigint') json['default_member_permissions'] = permissions.toString();
    else if (typeof permissions === 'string') {
      if (!/^\d+$/.test(permissions)) {
        throw new CommandDefinitionError(`${where}: defaultMemberPermissions "${permissions}" is not a bitfield; use permission names such as ['BanMembers'] or a bigint.`);
      }
      json['default_member_permissions'] = permissions;
    } else json['default_member_permissions'] = permissionBits(permissions, where).toString();
  }
  if (config.dmPermission !== undefined) {
    if (config.contexts !== undefined) {
      throw new CommandDefinitionError(`${where}: set either contexts or the legacy dmPermission, not both (contexts: ['guild'] means no DMs).`);
    }
    json['dm_permission'] = config.dmPermission;
  }
  if (config.contexts !== undefined) {
    json['contexts'] = config.contexts.map((context) => {
      const value = CONTEXTS[context];
      if (value === undefined) throw new CommandDefinitionError(`${where}: context "${String(context)}" is unknown; use 'guild', 'botDm' or 'privateChannel'.`);
      return value;
    });
  }
  if (config.integrationTypes !== undefined) {
    json['integration_types'] = config.integrationTypes.map((integration) => {
      const value = INTEGRATIONS[integration];
      if (value === undefined) throw new CommandDefinitionError(`${where}: integration type "${String(integration)}" is unknown; use 'guildInstall' or 'userInstall'.`);
      return value;
    });
  }
  if (config.nsfw === true) json['nsfw'] = true;
  return json;
}

/** Adds a description (and its localizations) to a chat-input command or option JSON. */
export function describe(json: Record<string, unknown>, config: { description: string; descriptionLocalizations?: object }, where: string, what: string): void {
  checkDescription(config.description ?? '', where, what);
  json['description'] = config.description;
  if (config.descriptionLocalizations !== undefined) {
    checkLocalizations(config.descriptionLocalizations, where, 'descriptionLocalizations', (v, w) => checkDescription(v, w, what));
    json['description_localizations'] = config.descriptionLocalizations;
  }
}

interface TextBearing {
  name?: unknown;
  description?: unknown;
  value?: unknown;
  name_localizations?: unknown;
  description_localizations?: unknown;
  options?: unknown;
  choices?: unknown;
}

function longest(base: unknown, localizations: unknown): number {
  let length = typeof base === 'string' ? base.length : typeof base === 'number' ? String(base).length : 0;
  if (localizations !== null && typeof localizations === 'object') {
    for (const value of Object.values(localizations)) if (typeof value === 'string') length = Math.max(length, value.length);
  }
  return length;
}

function countCharacters(node: TextBearing): number {
  let total = longest(node.name, node.name_localizations) + longest(node.description, node.description_localizations) + longest(node.value, undefined);
  for (const child of [node.options, node.choices]) {
    if (Array.isArray(child)) for (const item of child) total += countCharacters(item as TextBearing);
  }
  return total;
}

/** Checks Discord's limit on the combined length of a command's texts. */
export function checkCombinedLength(json: RESTPostAPIApplicationCommandsJSONBody, where: string): void {
  const total = countCharacters(json as TextBearing);
  if (total > COMMAND_LIMITS.combinedCharacters) {
    throw new CommandDefinitionError(
      `${where}: command "${json.name}" has ${total} characters of names, descriptions and choices together; Discord allows ${COMMAND_LIMITS.combinedCharacters}. Shorten descriptions or choices.`,
    );
  }
}
