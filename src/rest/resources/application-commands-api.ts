import {
  Routes,
  type RESTGetAPIApplicationCommandsResult,
  type RESTPatchAPIApplicationCommandJSONBody,
  type RESTPatchAPIApplicationCommandResult,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIApplicationCommandsResult,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord-api-types/v10';
import { pass, type CallOptions, type RestCaller } from './rest-caller';

/** Options of command calls: without `guildId` they act on global commands. */
export type CommandScopeOptions = CallOptions & { guildId?: string };

/**
 * Registering application commands, globally or in one guild.
 *
 * @example
 * ```ts
 * await rest.applicationCommands.bulkOverwrite(applicationId, [{ name: 'ping', description: 'Pong!' }], { guildId });
 * ```
 */
export class ApplicationCommandsApi {
  public constructor(private readonly rest: RestCaller) {}

  public list(applicationId: string, options: CommandScopeOptions & { withLocalizations?: boolean } = {}): Promise<RESTGetAPIApplicationCommandsResult> {
    const { guildId, withLocalizations, ...call } = options;
    return this.rest.request(
      'GET',
      this.route(applicationId, guildId),
      pass(call, withLocalizations === undefined ? {} : { query: { with_localizations: withLocalizations } }),
    );
  }

  /** Replaces the whole set in one call (commands not listed are deleted). */
  public bulkOverwrite(
    applicationId: string,
    commands: RESTPutAPIApplicationCommandsJSONBody,
    options: CommandScopeOptions = {},
  ): Promise<RESTPutAPIApplicationCommandsResult> {
    const { guildId, ...call } = options;
    return this.rest.request('PUT', this.route(applicationId, guildId), pass(call, { body: commands }));
  }

  public create(
    applicationId: string,
    command: RESTPostAPIApplicationCommandsJSONBody,
    options: CommandScopeOptions = {},
  ): Promise<RESTPostAPIApplicationCommandsResult> {
    const { guildId, ...call } = options;
    return this.rest.request('POST', this.route(applicationId, guildId), pass(call, { body: command }));
  }

  public edit(
    applicationId: string,
    commandId: string,
    command: RESTPatchAPIApplicationCommandJSONBody,
    options: CommandScopeOptions = {},
  ): Promise<RESTPatchAPIApplicationCommandResult> {
    const { guildId, ...call } = options;
    return this.rest.request('PATCH', this.commandRoute(applicationId, commandId, guildId), pass(call, { body: command }));
  }

  public async delete(applicationId: string, commandId: string, options: CommandScopeOptions = {}): Promise<void> {
    const { guildId, ...call } = options;
    await this.rest.request('DELETE', this.commandRoute(applicationId, commandId, guildId), pass(call));
  }

  private route(applicationId: string, guildId: string | undefined): `/${string}` {
    return guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
  }

  private commandRoute(applicationId: string, commandId: string, guildId: string | undefined): `/${string}` {
    return guildId === undefined
      ? Routes.applicationCommand(applicationId, commandId)
      : Routes.applicationGuildCommand(applicationId, guildId, commandId);
  }
}
