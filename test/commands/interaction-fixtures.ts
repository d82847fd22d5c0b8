import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionDataResolved,
  APIInteractionResponse,
  APIMessage,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  APIUser,
  APIUserApplicationCommandInteraction,
} from 'discord-api-types/v10';
import { ApplicationCommandType, ComponentType, InteractionType } from 'discord-api-types/v10';
import type { InteractionRest } from '../../src/commands';

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const ALICE: APIUser = { id: '400000000000000004', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
export const BOB: APIUser = { id: '400000000000000005', username: 'bob', discriminator: '0', global_name: null, avatar: null };

let sequence = 0;

interface Where {
  /** Omit for a DM. */
  guild?: boolean;
  user?: APIUser;
  /** Member permission bitfield (string), in guilds. */
  permissions?: string;
}

function base(type: InteractionType, where: Where): Record<string, unknown> {
  sequence += 1;
  const user = where.user ?? ALICE;
  const common: Record<string, unknown> = {
    id: `9000000000000${String(sequence).padStart(5, '0')}`,
    application_id: APP_ID,
    type,
    token: `token-${sequence}`,
    version: 1,
    channel: { id: CHANNEL_ID, type: 0 },
    channel_id: CHANNEL_ID,
    app_permissions: '8',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10_485_760,
  };
  if (where.guild === false) return { ...common, user };
  return {
    ...common,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    member: { user, roles: [], permissions: where.permissions ?? '0', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
  };
}

export function slash(
  name: string,
  options: APIApplicationCommandInteractionDataOption[] = [],
  resolved?: APIInteractionDataResolved,
  where: Where = {},
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(InteractionType.ApplicationCommand, where),
    data: { id: '500000000000000001', name, type: ApplicationCommandType.ChatInput, options, ...(resolved ? { resolved } : {}) },
  } as unknown as APIChatInputApplicationCommandInteraction;
}

export function userCommand(name: string, target: APIUser): APIUserApplicationCommandInteraction {
  return {
    ...base(InteractionType.ApplicationCommand, {}),
    data: { id: '500000000000000002', name, type: ApplicationCommandType.User, target_id: target.id, resolved: { users: { [target.id]: target } } },
  } as unknown as APIUserApplicationCommandInteraction;
}

export function button(customId: string, where: Where = {}): APIMessageComponentInteraction {
  return {
    ...base(InteractionType.MessageComponent, where),
    message: { id: '600000000000000001', channel_id: CHANNEL_ID } as APIMessage,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as unknown as APIMessageComponentInteraction;
}

export function select(customId: string, values: string[]): APIMessageComponentInteraction {
  return {
    ...base(InteractionType.MessageComponent, {}),
    message: { id: '600000000000000001', channel_id: CHANNEL_ID } as APIMessage,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
  } as unknown as APIMessageComponentInteraction;
}

export function modalSubmit(customId: string, fields: Record<string, string>): APIModalSubmitInteraction {
  return {
    ...base(InteractionType.ModalSubmit, {}),
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: id, value }],
      })),
    },
  } as unknown as APIModalSubmitInteraction;
}

export function autocomplete(name: string, options: APIApplicationCommandInteractionDataOption[]): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(InteractionType.ApplicationCommandAutocomplete, {}),
    data: { id: '500000000000000003', name, type: ApplicationCommandType.ChatInput, options },
  } as unknown as APIApplicationCommandAutocompleteInteraction;
}

/** One call the router made, in order. */
export type RestCall =
  | { kind: 'callback'; interactionId: string; body: APIInteractionResponse }
  | { kind: 'edit'; messageId: string; body: unknown }
  | { kind: 'delete'; messageId: string }
  | { kind: 'followup'; body: unknown };

/** An InteractionRest that records every call and answers like Discord would. */
export class RecordingRest implements InteractionRest {
  public readonly calls: RestCall[] = [];
  private readonly waiters: { match: (call: RestCall) => boolean; resolve: () => void }[] = [];

  public async createResponse(interactionId: string, _token: string, body: APIInteractionResponse): Promise<void> {
    this.record({ kind: 'callback', interactionId, body });
  }

  public async editMessage(_app: string, _token: string, messageId: string, body: unknown): Promise<APIMessage> {
    this.record({ kind: 'edit', messageId, body });
    return { id: '700000000000000001' } as APIMessage;
  }

  public async deleteMessage(_app: string, _token: string, messageId: string): Promise<void> {
    this.record({ kind: 'delete', messageId });
  }

  public async createFollowup(_app: string, _token: string, body: unknown): Promise<APIMessage> {
    this.record({ kind: 'followup', body });
    return { id: '700000000000000002' } as APIMessage;
  }

  /** Resolves when a call matching `match` has been recorded. */
  public waitFor(match: (call: RestCall) => boolean): Promise<void> {
    if (this.calls.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  private record(call: RestCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters.filter((w) => w.match(call))) waiter.resolve();
  }
}

export type { APIInteraction };
