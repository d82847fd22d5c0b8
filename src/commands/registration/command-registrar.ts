import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CatalogCommand } from '../catalog/command-catalog';
import { CommandsModuleError } from '../command-errors';
import type { ApplicationCommandsRest } from '../rest/commands-rest';
import type { CommandDiff } from './command-diff';
import { diffCommands, hasChanges } from './command-diff';
import { commandKey } from './normalize-command';
import type { LockLease, RegistrationLock } from './registration-lock';

/** What to register where. */
export interface RegistrationOptions {
  /**
   * Development: register every command (global ones included) in this guild only, where
   * changes show instantly, and leave global commands alone.
   */
  devGuildId?: string;
  /**
   * Guilds to check even if no command targets them any more, so that commands removed from the
   * code are removed there too.
   */
  alsoCheckGuilds?: readonly string[];
  /** Makes concurrent starts of several processes sync one after the other (e.g. `RedisRegistrationLock`). */
  lock?: RegistrationLock;
}

/** The plan for one scope: global, or one guild. */
export interface ScopePlan {
  /** `undefined` for global commands. */
  readonly guildId: string | undefined;
  readonly commands: readonly RESTPostAPIApplicationCommandsJSONBody[];
  readonly diff: CommandDiff;
  readonly changed: boolean;
}

/** Every scope's plan, in the order they are applied. */
export interface RegistrationPlan {
  readonly scopes: readonly ScopePlan[];
}

/**
 * Keeps Discord's registered commands in line with the code: computes the commands per scope,
 * fetches what Discord has, diffs, and bulk-overwrites only the scopes that changed. One GET per
 * scope on every start; one PUT per changed scope; nothing else.
 *
 * @example
 * ```ts
 * const registrar = new CommandRegistrar(rest, applicationId, (line) => logger.log(line));
 * await registrar.sync(router.catalog.commands, { devGuildId: process.env.DEV_GUILD });
 * ```
 */
export class CommandRegistrar {
  public constructor(
    private readonly rest: ApplicationCommandsRest,
    private readonly applicationId: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Computes the plan without changing anything on Discord (the dry run). */
  public async plan(commands: readonly CatalogCommand[], options: RegistrationOptions = {}): Promise<RegistrationPlan> {
    const byScope = new Map<string | undefined, RESTPostAPIApplicationCommandsJSONBody[]>();
    const add = (scope: string | undefined, json: RESTPostAPIApplicationCommandsJSONBody): void => {
      const list = byScope.get(scope) ?? [];
      list.push(json);
      byScope.set(scope, list);
    };
    if (options.devGuildId !== undefined) {
      byScope.set(options.devGuildId, []);
      // A global command and a guild one may share a name; in one dev guild they would clash.
      const seen = new Map<string, CatalogCommand>();
      for (const command of commands) {
        const key = commandKey(command.json);
        const other = seen.get(key);
        if (other !== undefined) {
          throw new CommandsModuleError(
            `devGuildId puts every command in guild ${options.devGuildId}, where /${command.json.name} would be registered twice (${other.source} and ${command.source}). Rename one, or sync without devGuildId.`,
          );
        }
        seen.set(key, command);
        add(options.devGuildId, command.json);
      }
    } else {
      byScope.set(undefined, []);
      for (const command of commands) {
        if (command.guilds === undefined) add(undefined, command.json);
        else for (const guild of command.guilds) add(guild, command.json);
      }
    }
    for (const guild of options.alsoCheckGuilds ?? []) if (!byScope.has(guild)) byScope.set(guild, []);
    const scopes: ScopePlan[] = [];
    for (const [guildId, desired] of byScope) {
      const existing = await this.rest.getCommands(this.applicationId, ...(guildId === undefined ? [] : [guildId]));
      const diff = diffCommands(desired, existing, guildId === undefined ? 'global' : 'guild');
      scopes.push({ guildId, commands: desired, diff, changed: hasChanges(diff) });
    }
    return { scopes };
  }

  /**
   * Applies a plan: one bulk overwrite per changed scope, logging each diff. Under a lock, the
   * lease is confirmed before each write, so a holder that lost the lock writes nothing more.
   */
  public async apply(plan: RegistrationPlan, lease?: LockLease): Promise<void> {
    for (const scope of plan.scopes) {
      const where = scope.guildId === undefined ? 'global' : `guild ${scope.guildId}`;
      if (!scope.changed) {
        this.log(`commands (${where}): ${scope.commands.length} up to date, nothing sent`);
        continue;
      }
      for (const line of formatDiff(scope.diff)) this.log(`commands (${where}): ${line}`);
      await lease?.confirm();
      await this.rest.putCommands(this.applicationId, [...scope.commands], ...(scope.guildId === undefined ? [] : [scope.guildId]));
      this.log(`commands (${where}): overwritten with ${scope.commands.length} command(s)`);
    }
  }

  /** Plans and applies, or only plans when `dryRun` is set. Returns the plan either way. */
  public async sync(commands: readonly CatalogCommand[], options: RegistrationOptions & { dryRun?: boolean } = {}): Promise<RegistrationPlan> {
    const { lock, ...rest } = options;
    // Planning happens inside the lock: a process that waited sees what the first one registered.
    if (lock !== undefined && rest.dryRun !== true) return lock.withLock(this.applicationId, (lease) => this.syncUnlocked(commands, rest, lease));
    return this.syncUnlocked(commands, rest);
  }

  private async syncUnlocked(
    commands: readonly CatalogCommand[],
    options: RegistrationOptions & { dryRun?: boolean },
    lease?: LockLease,
  ): Promise<RegistrationPlan> {
    const plan = await this.plan(commands, options);
    if (options.dryRun === true) {
      for (const scope of plan.scopes) {
        const where = scope.guildId === undefined ? 'global' : `guild ${scope.guildId}`;
        const lines = formatDiff(scope.diff);
        this.log(`commands (${where}) [dry run]: ${lines.length === 0 ? 'up to date' : lines.join('; ')}`);
      }
      return plan;
    }
    await this.apply(plan, lease);
    return plan;
  }
}

/**
 * Human-readable lines for a diff: `+ slash:ban`, `- user:Old`, `~ slash:give options[amount].max_value: 100 -> 50`.
 *
 * @example
 * ```ts
 * for (const scope of plan.scopes) for (const line of formatDiff(scope.diff)) console.log(line);
 * ```
 */
export function formatDiff(diff: CommandDiff): string[] {
  return [
    ...diff.added.map((key) => `+ ${key}`),
    ...diff.removed.map((key) => `- ${key}`),
    ...diff.changed.flatMap((change) => change.changes.map((line) => `~ ${change.key} ${line}`)),
  ];
}
