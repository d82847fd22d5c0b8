import { ApplicationCommandType, RESTJSONErrorCodes, type APIApplicationCommand } from 'discord-api-types/v10';
import { guildOr404 } from '../access';
import { DiscordHttpError } from '../discord-http-error';
import { FormErrorCollector } from '../form-errors';
import type { RouteContext, RouteDefinition } from '../route';
import { validate, type ValidationSchema } from '../validation';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;

const choiceSchema: ValidationSchema = { kind: 'object', fields: { name: { kind: 'string', required: true, min: 1, max: 100 }, value: { kind: 'any', required: true } } };

const optionFields: Record<string, ValidationSchema> = {
  type: { kind: 'integer', required: true, min: 1, max: 11 },
  name: { kind: 'string', required: true, min: 1, max: 32, pattern: NAME, patternMessage: 'Command name is invalid' },
  description: { kind: 'string', required: true, min: 1, max: 100 },
  required: { kind: 'boolean' },
  autocomplete: { kind: 'boolean' },
  choices: { kind: 'array', max: 25, items: choiceSchema },
  channel_types: { kind: 'array', items: { kind: 'integer' } },
  min_value: { kind: 'number' },
  max_value: { kind: 'number' },
  min_length: { kind: 'integer', min: 0, max: 6000 },
  max_length: { kind: 'integer', min: 1, max: 6000 },
};

// Two levels of nesting: subcommand groups hold subcommands, which hold options.
const leafOption: ValidationSchema = { kind: 'object', fields: optionFields };
const subOption: ValidationSchema = { kind: 'object', fields: { ...optionFields, options: { kind: 'array', max: 25, items: leafOption } } };
const topOption: ValidationSchema = { kind: 'object', fields: { ...optionFields, options: { kind: 'array', max: 25, items: subOption } } };

const commandSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    name: { kind: 'string', required: true, min: 1, max: 32 },
    type: { kind: 'choice', values: [1, 2, 3, 4] },
    description: { kind: 'string', max: 100 },
    options: { kind: 'array', max: 25, items: topOption },
    default_member_permissions: { kind: 'string', nullable: true },
    dm_permission: { kind: 'boolean', nullable: true },
    nsfw: { kind: 'boolean' },
    contexts: { kind: 'array', nullable: true, items: { kind: 'choice', values: [0, 1, 2] } },
    integration_types: { kind: 'array', items: { kind: 'choice', values: [0, 1] } },
    name_localizations: { kind: 'any', nullable: true },
    description_localizations: { kind: 'any', nullable: true },
  },
};

type CommandInput = Partial<APIApplicationCommand> & { name: string };

/** Schema checks plus Discord's semantic ones (lowercase slash names, description rules). */
function checkCommand(input: unknown, errors: FormErrorCollector, path: (string | number)[]): void {
  validate(input, commandSchema, errors, path);
  if (typeof input !== 'object' || input === null) return;
  const command = input as CommandInput;
  const type = command.type ?? ApplicationCommandType.ChatInput;
  if (type === ApplicationCommandType.ChatInput) {
    if (typeof command.name === 'string' && (!NAME.test(command.name) || command.name !== command.name.toLowerCase())) {
      errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (typeof command.description !== 'string' || command.description.length < 1) {
      errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  } else if (command.description !== undefined && command.description !== '') {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description');
  }
}

function requireOwnApplication(context: RouteContext): void {
  if (context.params.application_id !== context.world.applicationId) {
    throw DiscordHttpError.forbidden(RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication, 'You are not authorized to perform this action on this application');
  }
}

function scopeOf(context: RouteContext): string | null {
  requireOwnApplication(context);
  const guildId = context.params.guild_id;
  if (guildId === undefined) return null;
  guildOr404(context.world, guildId);
  return guildId;
}

function build(context: RouteContext, input: CommandInput, guildId: string | null, previous?: APIApplicationCommand): APIApplicationCommand {
  const { world } = context;
  const type = input.type ?? previous?.type ?? ApplicationCommandType.ChatInput;
  const command: APIApplicationCommand = {
    id: previous?.id ?? world.ids.next(),
    application_id: world.applicationId,
    version: world.ids.next(),
    type,
    name: input.name,
    description: input.description ?? (type === ApplicationCommandType.ChatInput ? (previous?.description ?? '') : ''),
    default_member_permissions: input.default_member_permissions ?? null,
    nsfw: input.nsfw ?? false,
    integration_types: input.integration_types ?? [0],
    contexts: input.contexts ?? null,
    name_localizations: input.name_localizations ?? null,
    description_localizations: input.description_localizations ?? null,
  };
  if (input.options !== undefined && input.options.length > 0) command.options = input.options;
  if (guildId !== null) command.guild_id = guildId;
  else command.dm_permission = input.dm_permission ?? true;
  return command;
}

function commandOr404(context: RouteContext, guildId: string | null): APIApplicationCommand {
  const command = context.world.commands.get(guildId, context.params.command_id as string);
  if (command === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownApplicationCommand, 'Unknown application command');
  return command;
}

function invalidIfAny(errors: FormErrorCollector): void {
  if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
}

function scopedRoutes(base: string): RouteDefinition[] {
  return [
    {
      method: 'GET',
      path: base,
      auth: 'bot',
      handle: (context) => ({ status: 200, body: context.world.commands.list(scopeOf(context)) }),
    },
    {
      method: 'POST',
      path: base,
      auth: 'bot',
      handle: (context) => {
        const guildId = scopeOf(context);
        const errors = new FormErrorCollector();
        checkCommand(context.body ?? {}, errors, []);
        invalidIfAny(errors);
        const input = context.body as CommandInput;
        const type = input.type ?? ApplicationCommandType.ChatInput;
        const existing = context.world.commands.findByName(guildId, input.name, type);
        if (existing === undefined && context.world.commands.list(guildId).filter((c) => c.type === type).length >= MAX_COMMANDS) {
          throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfApplicationCommandsReached, 'Maximum number of application commands reached (100)');
        }
        const command = build(context, input, guildId, existing);
        context.world.commands.set(command);
        // Discord answers 200 when a command with that name was replaced, 201 when it is new.
        return { status: existing === undefined ? 201 : 200, body: command };
      },
    },
    {
      method: 'PUT',
      path: base,
      auth: 'bot',
      handle: (context) => {
        const guildId = scopeOf(context);
        const errors = new FormErrorCollector();
        if (!Array.isArray(context.body)) {
          errors.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
          invalidIfAny(errors);
        }
        const inputs = context.body as CommandInput[];
        const seen = new Set<string>();
        inputs.forEach((input, index) => {
          checkCommand(input, errors, [index]);
          if (typeof input !== 'object' || input === null) return;
          const key = `${input.type ?? 1}:${input.name}`;
          if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
          seen.add(key);
        });
        if (inputs.length > MAX_COMMANDS * 2) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS * 2} or fewer in length.`);
        invalidIfAny(errors);
        const commands = inputs.map((input) => build(context, input, guildId, context.world.commands.findByName(guildId, input.name, input.type ?? 1)));
        context.world.commands.replaceScope(guildId, commands);
        return { status: 200, body: commands };
      },
    },
    {
      method: 'GET',
      path: `${base}/{command_id}`,
      auth: 'bot',
      handle: (context) => ({ status: 200, body: commandOr404(context, scopeOf(context)) }),
    },
    {
      method: 'PATCH',
      path: `${base}/{command_id}`,
      auth: 'bot',
      handle: (context) => {
        const guildId = scopeOf(context);
        const previous = commandOr404(context, guildId);
        const merged = { ...previous, ...(context.body as object) } as CommandInput;
        const errors = new FormErrorCollector();
        checkCommand(merged, errors, []);
        invalidIfAny(errors);
        const command = build(context, merged, guildId, previous);
        context.world.commands.set(command);
        return { status: 200, body: command };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/{command_id}`,
      auth: 'bot',
      handle: (context) => {
        const guildId = scopeOf(context);
        commandOr404(context, guildId);
        context.world.commands.delete(guildId, context.params.command_id as string);
        return { status: 204 };
      },
    },
  ];
}

/** Global and guild application commands: list, create (upsert by name), bulk overwrite, get, edit, delete. */
export const commandRoutes: RouteDefinition[] = [
  ...scopedRoutes('/applications/{application_id}/commands'),
  ...scopedRoutes('/applications/{application_id}/guilds/{guild_id}/commands'),
];
