import type { APIChatInputApplicationCommandInteraction, APIUser } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionType } from 'discord-api-types/v10';

export const APP_ID = '100000000000000001';
const GUILD_ID = '200000000000000002';
const CHANNEL_ID = '300000000000000003';
const ALICE: APIUser = { id: '400000000000000004', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
const BOB: APIUser = { id: '400000000000000005', username: 'bob', discriminator: '0', global_name: null, avatar: null };

/**
 * `/give target:@bob amount:25 note:"thanks"` as INTERACTION_CREATE carries it: a guild
 * interaction with a member, a resolved user and member, and three options of three types.
 */
export function giveInteraction(serial: number): APIChatInputApplicationCommandInteraction {
  return {
    id: String(900000000000000000n + BigInt(serial)),
    application_id: APP_ID,
    type: InteractionType.ApplicationCommand,
    token: `token-${serial}`,
    version: 1,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel: { id: CHANNEL_ID, type: 0 },
    channel_id: CHANNEL_ID,
    app_permissions: '8',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10_485_760,
    member: { user: ALICE, roles: [], permissions: '0', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    data: {
      id: '500000000000000001',
      name: 'give',
      type: ApplicationCommandType.ChatInput,
      options: [
        { name: 'target', type: ApplicationCommandOptionType.User, value: BOB.id },
        { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 25 },
        { name: 'note', type: ApplicationCommandOptionType.String, value: 'thanks' },
      ],
      resolved: {
        users: { [BOB.id]: BOB },
        members: { [BOB.id]: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', permissions: '0', flags: 0 } },
      },
    },
  } as unknown as APIChatInputApplicationCommandInteraction;
}

/** The reply every variant must produce for that interaction. */
export const EXPECTED_CONTENT = 'alice gave 25 coins to bob: thanks';

/** What a REST stub recorded: the interaction callback's body. */
export interface RecordedReply {
  readonly interactionId: string;
  readonly body: unknown;
}
