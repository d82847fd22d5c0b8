import type { APIApplicationCommand } from 'discord-api-types/v10';

/**
 * The application's registered commands, global (`guild_id` absent) and per guild. Discord keys
 * commands by (scope, type, name): creating one with an existing name replaces it.
 */
export class CommandStore {
  private readonly byId = new Map<string, APIApplicationCommand>();

  public list(guildId: string | null): APIApplicationCommand[] {
    const result: APIApplicationCommand[] = [];
    for (const command of this.byId.values()) {
      if ((command.guild_id ?? null) === guildId) result.push(command);
    }
    return result;
  }

  public get(guildId: string | null, id: string): APIApplicationCommand | undefined {
    const command = this.byId.get(id);
    return command !== undefined && (command.guild_id ?? null) === guildId ? command : undefined;
  }

  public findByName(guildId: string | null, name: string, type: number): APIApplicationCommand | undefined {
    for (const command of this.byId.values()) {
      if ((command.guild_id ?? null) === guildId && command.name === name && command.type === type) return command;
    }
    return undefined;
  }

  public set(command: APIApplicationCommand): void {
    this.byId.set(command.id, command);
  }

  public delete(guildId: string | null, id: string): boolean {
    return this.get(guildId, id) !== undefined && this.byId.delete(id);
  }

  /** Bulk overwrite: everything in scope not in `keep` disappears. */
  public replaceScope(guildId: string | null, keep: APIApplicationCommand[]): void {
    for (const command of this.list(guildId)) this.byId.delete(command.id);
    for (const command of keep) this.byId.set(command.id, command);
  }

  public removeGuild(guildId: string): void {
    for (const command of this.list(guildId)) this.byId.delete(command.id);
  }
}
