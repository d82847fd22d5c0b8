import type {
  APIAttachment,
  APIInteractionDataResolvedChannel,
  APIInteractionDataResolvedGuildMember,
  APIRole,
  APIUser,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

/**
 * The kinds of value a slash-command option can hold. `'member'` is a user option whose value is
 * resolved to the guild member (with its `user`), for commands used inside guilds.
 */
export type OptionKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'user'
  | 'member'
  | 'channel'
  | 'role'
  | 'mentionable'
  | 'attachment';

/** A guild member from the interaction's `resolved` data, with its user attached. */
export type InteractionMember = APIInteractionDataResolvedGuildMember & { user: APIUser };

/** A mentionable option's value: either a user (with member when in a guild) or a role. */
export type Mentionable =
  | { type: 'user'; id: string; user: APIUser; member?: InteractionMember }
  | { type: 'role'; id: string; role: APIRole };

/** The TypeScript type an option of each kind is delivered as on the DTO. */
export interface OptionValueTypes {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  user: APIUser;
  member: InteractionMember;
  channel: APIInteractionDataResolvedChannel;
  role: APIRole;
  mentionable: Mentionable;
  attachment: APIAttachment;
}

export const OPTION_KIND_TYPES: Readonly<Record<OptionKind, ApplicationCommandOptionType>> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
  member: ApplicationCommandOptionType.User,
  channel: ApplicationCommandOptionType.Channel,
  role: ApplicationCommandOptionType.Role,
  mentionable: ApplicationCommandOptionType.Mentionable,
  attachment: ApplicationCommandOptionType.Attachment,
};
