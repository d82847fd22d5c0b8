import type {
  APIApplicationCommandOptionChoice,
  APIInteraction,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { HookPointTable } from '../hook-point';

/** The command set about to be registered with Discord. */
export interface CommandRegisterPayload {
  readonly applicationId: string;
  /** `undefined` for global commands. */
  readonly guildId: string | undefined;
  commands: RESTPutAPIApplicationCommandsJSONBody;
}

/** Payload of `afterCommandRegister`: what the registration diff did. */
export interface CommandRegisteredPayload {
  readonly applicationId: string;
  readonly guildId: string | undefined;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
}

/** Payload of `beforeInteraction`. */
export interface InteractionPayload {
  readonly interaction: APIInteraction;
}

/** A command about to run with its parsed options. */
export interface CommandRunPayload {
  readonly commandName: string;
  readonly interaction: APIInteraction;
  options: Record<string, unknown>;
}

/** What a `beforeCommandRun` or `beforeInteraction` handler returns to refuse. */
export interface CommandVeto {
  readonly reason: string;
  /**
   * An ephemeral reply shown to the user instead of running the command. An autocomplete
   * request cannot carry a message: a vetoed one is answered with no suggestions, reply or not.
   */
  readonly reply?: string;
}

/** Payload of `afterCommandRun`. */
export interface CommandCompletedPayload {
  readonly commandName: string;
  readonly interaction: APIInteraction;
  readonly durationMs: number;
}

/** Payload of `commandError`. */
export interface CommandErrorPayload {
  readonly commandName: string;
  readonly interaction: APIInteraction;
  readonly error: unknown;
}

/** Payload of `commandDenied`. */
export interface CommandDeniedPayload {
  readonly commandName: string;
  readonly interaction: APIInteraction;
  readonly reason: string;
}

/** Payload of `autocompleteTransform`. */
export interface AutocompletePayload {
  readonly commandName: string;
  readonly focused: string;
  choices: APIApplicationCommandOptionChoice[];
}

/** Command hook signatures. */
export interface CommandHookPoints {
  beforeCommandRegister: { kind: 'waterfall'; payload: CommandRegisterPayload };
  afterCommandRegister: { kind: 'parallel'; payload: CommandRegisteredPayload };
  beforeInteraction: { kind: 'bail'; payload: InteractionPayload; result: CommandVeto };
  commandOptionsTransform: { kind: 'waterfall'; payload: CommandRunPayload };
  beforeCommandRun: { kind: 'bail'; payload: CommandRunPayload; result: CommandVeto };
  afterCommandRun: { kind: 'parallel'; payload: CommandCompletedPayload };
  commandError: { kind: 'parallel'; payload: CommandErrorPayload };
  commandDenied: { kind: 'parallel'; payload: CommandDeniedPayload };
  autocompleteTransform: { kind: 'waterfall'; payload: AutocompletePayload };
}

/**
 * The budget of the points an interaction's first answer waits on: Discord allows 3 seconds for
 * it, and the handler, guards and the REST call need most of them.
 */
export const INTERACTION_HOOK_BUDGET_MS = 500;

export const COMMAND_HOOK_POINTS: HookPointTable<CommandHookPoints> = {
  beforeCommandRegister: {
    kind: 'waterfall',
    description: 'The command set is about to be synced with Discord; handlers may add or edit.',
    payloadType: 'CommandRegisterPayload',
    firesAt: 'Command registrar, before diffing against Discord',
  },
  afterCommandRegister: {
    kind: 'parallel',
    description: 'Commands were synced; carries what was created, updated and deleted.',
    payloadType: 'CommandRegisteredPayload',
    firesAt: 'Command registrar, after the sync',
  },
  beforeInteraction: {
    kind: 'bail',
    description: 'An interaction (command, component, modal or autocomplete) arrived for a handler; return a CommandVeto to ignore it.',
    payloadType: 'InteractionPayload',
    resultType: 'CommandVeto',
    firesAt: 'Command router middleware, once a handler matched (unknown commands and stale components get the router\'s polite answer), before beforeCommandRun',
    budgetMs: INTERACTION_HOOK_BUDGET_MS,
  },
  commandOptionsTransform: {
    kind: 'waterfall',
    description: 'Rewrite a command\'s options after guards and validation, just before the handler.',
    payloadType: 'CommandRunPayload',
    firesAt: 'Command router, after guards and option validation, before the handler',
    budgetMs: INTERACTION_HOOK_BUDGET_MS,
  },
  beforeCommandRun: {
    kind: 'bail',
    description: 'A command is about to run; return a CommandVeto (cooldown, permission) to stop it.',
    payloadType: 'CommandRunPayload',
    resultType: 'CommandVeto',
    firesAt: 'Command router middleware, before guards, option validation and the handler',
    budgetMs: INTERACTION_HOOK_BUDGET_MS,
  },
  afterCommandRun: {
    kind: 'parallel',
    description: 'A command handler finished.',
    payloadType: 'CommandCompletedPayload',
    firesAt: 'Command router, after the handler resolves',
  },
  commandError: {
    kind: 'parallel',
    description: 'A command handler threw.',
    payloadType: 'CommandErrorPayload',
    firesAt: 'Command router, when the handler rejects',
  },
  commandDenied: {
    kind: 'parallel',
    description: 'A command was refused by a guard or a beforeCommandRun veto.',
    payloadType: 'CommandDeniedPayload',
    firesAt: 'Command router, when a run is refused',
    budgetMs: INTERACTION_HOOK_BUDGET_MS,
  },
  autocompleteTransform: {
    kind: 'waterfall',
    description: 'Rewrite the choices an autocomplete handler produced.',
    payloadType: 'AutocompletePayload',
    firesAt: 'Command router, before answering an autocomplete interaction',
    budgetMs: INTERACTION_HOOK_BUDGET_MS,
  },
};
