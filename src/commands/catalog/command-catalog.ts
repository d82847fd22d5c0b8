import type { LocalizationMap, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';
import type { CustomId, CustomIdParams } from '../custom-id';
import type { AutoDeferConfig, CommandConfig } from '../decorators/command-config';
import type { ComponentKind, HandlerDeclaration } from '../decorators/handler-metadata';
import { getClassCommand, getHandlers, getSubcommandGroups } from '../decorators/handler-metadata';
import { checkChatInputName, checkCount, checkLocalizations } from '../json/command-rules';
import { COMMAND_LIMITS } from '../json/command-limits';
import { optionsJson } from '../json/option-json';
import { getOptionMetadata } from '../options/option.decorator';
import { checkCombinedLength, commonCommandJson, describe } from './command-json';
import type { HandlerRoute } from './handler-route';
import { buildRoute } from './handler-route';
import { commandKey } from '../registration/normalize-command';

export type { HandlerRoute, RouteKind } from './handler-route';

/** A command to register with Discord, with where it came from. */
export interface CatalogCommand {
  readonly json: RESTPostAPIApplicationCommandsJSONBody;
  /** Guild ids it is registered in; `undefined` for a global command. */
  readonly guilds: readonly string[] | undefined;
  /** The class (and method) that declared it. */
  readonly source: string;
}

interface ComponentRoute {
  readonly customId: CustomId;
  readonly route: HandlerRoute;
}


function checkName(name: string, localizations: LocalizationMap | undefined, where: string, what: string): void {
  checkChatInputName(name, where, what);
  checkLocalizations(localizations, where, 'nameLocalizations', (value, at) => checkChatInputName(value, at, what));
}

function autoDeferOf(value: boolean | AutoDeferConfig | undefined): AutoDeferConfig | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? {} : value;
}

/**
 * Everything the decorated classes declare: the command JSON to register with Discord and the
 * routes from interactions to handler methods. Building it checks every rule at once, so a bad
 * declaration fails at start-up with a message naming the class and member.
 *
 * @example
 * ```ts
 * const catalog = CommandCatalog.fromClasses([FunCommands, TicketCommands]);
 * console.log(JSON.stringify(catalog.commands.map((c) => c.json), null, 2));
 * ```
 */
export class CommandCatalog {
  public readonly commands: readonly CatalogCommand[];
  public readonly classes: readonly Function[];
  private readonly routes = new Map<string, HandlerRoute>();
  private readonly autocompletes = new Map<string, HandlerRoute>();
  private readonly components: Record<ComponentKind, ComponentRoute[]> = { button: [], selectMenu: [], modalSubmit: [] };
  private readonly commandList: CatalogCommand[] = [];

  private constructor(classes: readonly Function[]) {
    this.classes = classes;
    this.commands = this.commandList;
  }

  public static fromClasses(classes: readonly Function[]): CommandCatalog {
    const catalog = new CommandCatalog([...new Set(classes)]);
    for (const target of catalog.classes) catalog.addClass(target);
    catalog.checkTotals();
    catalog.checkAutocompleteCoverage();
    return catalog;
  }

  /** The handler for a slash command path (`'ban'`, `'ticket open'`, `'config roles add'`). */
  public chatInput(path: string): HandlerRoute | undefined {
    return this.routes.get(`chat:${path}`);
  }

  /** The handler for a user or message context-menu command. */
  public contextMenu(type: 'user' | 'message', name: string): HandlerRoute | undefined {
    return this.routes.get(`${type}:${name}`);
  }

  public autocomplete(path: string, option: string): HandlerRoute | undefined {
    return this.autocompletes.get(`${path}/${option}`);
  }

  /** The first handler of that component family whose pattern fits the custom id. */
  public component(kind: ComponentKind, customId: string): { route: HandlerRoute; params: Record<string, string | number> } | undefined {
    for (const entry of this.components[kind]) {
      const params = entry.customId.match(customId) as CustomIdParams<string> | undefined;
      if (params !== undefined) return { route: entry.route, params: params as Record<string, string | number> };
    }
    return undefined;
  }

  /** Every handler route, for tools that list them. */
  public allRoutes(): HandlerRoute[] {
    return [...this.routes.values(), ...this.autocompletes.values(), ...Object.values(this.components).flat().map((c) => c.route)];
  }

  private addClass(target: Function): void {
    const className = target.name || 'anonymous class';
    const classCommand = getClassCommand(target);
    const handlers = getHandlers(target);
    const subcommands = handlers.filter((h): h is Extract<HandlerDeclaration, { kind: 'subcommand' }> => h.kind === 'subcommand');
    if (classCommand !== undefined) this.addGroupedCommand(target, classCommand, subcommands);
    else if (subcommands.length > 0) {
      throw new CommandDefinitionError(
        `${className}.${subcommands[0]?.methodName}: @Subcommand needs @Command({ name, description }) on the class ${className}.`,
      );
    } else if (getSubcommandGroups(target).length > 0) {
      throw new CommandDefinitionError(`${className}: @SubcommandGroup needs @Command on the same class.`);
    }
    for (const handler of handlers) {
      const label = `${className}.${handler.methodName}`;
      switch (handler.kind) {
        case 'subcommand':
          break;
        case 'command': {
          const route = buildRoute(target, handler, handler.config.name, autoDeferOf(handler.config.autoDefer));
          const json = commonCommandJson(handler.config, ApplicationCommandType.ChatInput, label);
          describe(json, handler.config, label, 'command');
          if (route.optionsDto !== undefined) json['options'] = optionsJson(route.optionsDto);
          this.addCommand(json, handler.config.guilds, label);
          this.addRoute(`chat:${handler.config.name}`, route);
          break;
        }
        case 'userCommand':
        case 'messageCommand': {
          const type = handler.kind === 'userCommand' ? ApplicationCommandType.User : ApplicationCommandType.Message;
          const json = commonCommandJson(handler.config, type, label);
          this.addCommand(json, handler.config.guilds, label);
          const prefix = handler.kind === 'userCommand' ? 'user' : 'message';
          this.addRoute(`${prefix}:${handler.config.name}`, buildRoute(target, handler, handler.config.name, autoDeferOf(handler.config.autoDefer)));
          break;
        }
        case 'autocomplete': {
          const key = `${handler.command}/${handler.option}`;
          const existing = this.autocompletes.get(key);
          if (existing !== undefined) {
            throw new CommandDefinitionError(`${label}: @Autocomplete('${handler.command}', '${handler.option}') is also handled by ${existing.label}. Keep one.`);
          }
          this.autocompletes.set(key, buildRoute(target, handler, handler.command, undefined));
          break;
        }
        default: {
          const route = buildRoute(target, handler, handler.customId.pattern, undefined);
          const clash = this.components[handler.kind].find((c) => c.customId.pattern === handler.customId.pattern);
          if (clash !== undefined) {
            throw new CommandDefinitionError(`${label}: custom id "${handler.customId.pattern}" is also handled by ${clash.route.label}. Give one a different pattern.`);
          }
          for (const param of route.params) {
            if (param.kind === 'param' && !handler.customId.parameterNames.includes(param.name ?? '')) {
              throw new CommandDefinitionError(
                `${label}: @Param('${param.name}') is not in the pattern "${handler.customId.pattern}" (it declares ${handler.customId.parameterNames.map((n) => `{${n}}`).join(', ') || 'no parameters'}).`,
              );
            }
          }
          // Fixed ids first, then patterns with more fixed text, so that 'ticket:new' and
          // 'ticket:close:{id}' win over 'ticket:{action}' whatever the declaration order.
          const list = this.components[handler.kind];
          list.push({ customId: handler.customId, route });
          list.sort((a, b) => Number(b.customId.isStatic) - Number(a.customId.isStatic) || b.customId.specificity - a.customId.specificity);
        }
      }
    }
  }

  private addGroupedCommand(
    target: Function,
    config: CommandConfig,
    subcommands: readonly Extract<HandlerDeclaration, { kind: 'subcommand' }>[],
  ): void {
    const className = target.name || 'anonymous class';
    if (subcommands.length === 0) {
      throw new CommandDefinitionError(
        `${className}: @Command on a class needs @Subcommand methods. For a command without subcommands, put @Command on the handler method instead.`,
      );
    }
    const json = commonCommandJson(config, ApplicationCommandType.ChatInput, className);
    describe(json, config, className, 'command');
    const groups = new Map<string, Record<string, unknown> & { options: unknown[] }>();
    for (const group of getSubcommandGroups(target)) {
      const where = `${className} @SubcommandGroup('${group.name}')`;
      if (groups.has(group.name)) throw new CommandDefinitionError(`${where}: the group is declared twice.`);
      const groupJson: Record<string, unknown> & { options: unknown[] } = {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: group.name,
        options: [],
      };
      checkName(group.name, group.nameLocalizations, where, 'group');
      if (group.nameLocalizations !== undefined) groupJson['name_localizations'] = group.nameLocalizations;
      describe(groupJson, group, where, 'group');
      groups.set(group.name, groupJson);
    }
    const top: unknown[] = [];
    const names = new Map<string, string>();
    for (const sub of subcommands) {
      const label = `${className}.${sub.methodName}`;
      const route = buildRoute(target, sub, '', autoDeferOf(sub.config.autoDefer ?? config.autoDefer));
      const subJson: Record<string, unknown> = { type: ApplicationCommandOptionType.Subcommand, name: sub.config.name };
      checkName(sub.config.name, sub.config.nameLocalizations, label, 'subcommand');
      if (sub.config.nameLocalizations !== undefined) subJson['name_localizations'] = sub.config.nameLocalizations;
      describe(subJson, sub.config, label, 'subcommand');
      if (route.optionsDto !== undefined) subJson['options'] = optionsJson(route.optionsDto);
      const groupName = sub.config.group;
      const path = groupName === undefined ? `${config.name} ${sub.config.name}` : `${config.name} ${groupName} ${sub.config.name}`;
      const taken = names.get(path);
      if (taken !== undefined) throw new CommandDefinitionError(`${label}: "/${path}" is also declared by ${taken}.`);
      names.set(path, label);
      if (groupName === undefined) {
        // Subcommands and groups share one level of options, whose names Discord wants distinct.
        if (groups.has(sub.config.name)) {
          throw new CommandDefinitionError(
            `${label}: subcommand "${sub.config.name}" has the name of the group "${sub.config.name}" of /${config.name}; Discord needs distinct names at one level. Rename one.`,
          );
        }
        top.push(subJson);
      } else {
        const group = groups.get(groupName);
        if (group === undefined) {
          throw new CommandDefinitionError(
            `${label}: group "${groupName}" is not declared. Add @SubcommandGroup({ name: '${groupName}', description: '...' }) to ${className}.`,
          );
        }
        group.options.push(subJson);
      }
      this.addRoute(`chat:${path}`, { ...route, path });
    }
    for (const [name, group] of groups) {
      if (group.options.length === 0) throw new CommandDefinitionError(`${className} @SubcommandGroup('${name}') has no subcommands; add group: '${name}' to a @Subcommand or remove it.`);
      checkCount(group.options.length, COMMAND_LIMITS.options, `${className} group "${name}"`, 'subcommands');
      top.push(group);
    }
    checkCount(top.length, COMMAND_LIMITS.options, className, 'subcommands and groups');
    json['options'] = top;
    this.addCommand(json, config.guilds, className);
  }

  private addRoute(key: string, route: HandlerRoute): void {
    const existing = this.routes.get(key);
    if (existing !== undefined) {
      throw new CommandDefinitionError(`${route.label}: command "${key.slice(key.indexOf(':') + 1)}" is also declared by ${existing.label}. Rename one.`);
    }
    this.routes.set(key, route);
  }

  private addCommand(json: Record<string, unknown>, guilds: readonly string[] | undefined, source: string): void {
    const body = json as unknown as RESTPostAPIApplicationCommandsJSONBody;
    checkCombinedLength(body, source);
    if (guilds !== undefined) {
      if (guilds.length === 0) throw new CommandDefinitionError(`${source}: guilds is empty; list guild ids, or leave it out for a global command.`);
      for (const id of guilds) {
        if (!/^\d{17,20}$/.test(id)) throw new CommandDefinitionError(`${source}: guild id "${id}" is not a snowflake.`);
      }
    }
    this.checkUnique(body, guilds, source);
    this.commandList.push({ json: body, guilds: guilds === undefined ? undefined : [...guilds], source });
  }

  /**
   * One name per command type and scope: Discord refuses the whole bulk overwrite otherwise.
   * Two classes with the same `@Command` name (subcommands split over classes) land here too,
   * since their routes differ and only the registration would notice.
   */
  private checkUnique(body: RESTPostAPIApplicationCommandsJSONBody, guilds: readonly string[] | undefined, source: string): void {
    const key = commandKey(body);
    for (const other of this.commandList) {
      if (commandKey(other.json) !== key) continue;
      // Global and guild commands are separate lists at Discord: only the same scope clashes.
      if ((guilds === undefined) !== (other.guilds === undefined)) continue;
      const shared = guilds?.find((id) => other.guilds?.includes(id));
      if (guilds !== undefined && shared === undefined) continue;
      throw new CommandDefinitionError(
        `${source}: command "${body.name}" is also declared by ${other.source}${shared === undefined ? '' : ` in guild ${shared}`}. ` +
          `Rename one, or declare all of /${body.name}'s subcommands in one @Command class.`,
      );
    }
  }

  private checkTotals(): void {
    const scopes = new Map<string, Map<number, number>>();
    for (const command of this.commandList) {
      for (const scope of command.guilds ?? ['global']) {
        const counts = scopes.get(scope) ?? new Map<number, number>();
        const type = command.json.type ?? ApplicationCommandType.ChatInput;
        counts.set(type, (counts.get(type) ?? 0) + 1);
        scopes.set(scope, counts);
      }
    }
    for (const [scope, counts] of scopes) {
      checkCount(counts.get(ApplicationCommandType.ChatInput) ?? 0, COMMAND_LIMITS.globalChatInputCommands, `Commands in ${scope}`, 'slash commands');
      checkCount(counts.get(ApplicationCommandType.User) ?? 0, COMMAND_LIMITS.contextMenuCommandsPerType, `Commands in ${scope}`, 'user context-menu commands');
      checkCount(counts.get(ApplicationCommandType.Message) ?? 0, COMMAND_LIMITS.contextMenuCommandsPerType, `Commands in ${scope}`, 'message context-menu commands');
    }
  }

  private checkAutocompleteCoverage(): void {
    const wanted = new Set<string>();
    for (const [key, route] of this.routes) {
      if (!key.startsWith('chat:') || route.optionsDto === undefined) continue;
      const path = key.slice('chat:'.length);
      for (const option of getOptionMetadata(route.optionsDto)) {
        if (option.config.autocomplete !== true) continue;
        wanted.add(`${path}/${option.name}`);
        if (!this.autocompletes.has(`${path}/${option.name}`)) {
          throw new CommandDefinitionError(
            `${route.optionsDto.name}.${option.property} has autocomplete: true but nothing answers it. Add @Autocomplete('${path}', '${option.name}') to a method.`,
          );
        }
      }
    }
    for (const [key, route] of this.autocompletes) {
      if (!wanted.has(key)) {
        const [path, option] = key.split('/');
        throw new CommandDefinitionError(
          `${route.label}: @Autocomplete('${path}', '${option}') points at no option with autocomplete: true. Check the command path and the option name.`,
        );
      }
    }
  }
}
