import { ChannelType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';
import { toApiChannel } from '../../world/stored-channel';

/** The bot's own user, other users, and opening a DM. */
export const userRoutes: RouteDefinition[] = [
  { method: 'GET', path: '/users/@me', auth: 'bot', handle: ({ world }) => ({ status: 200, body: world.selfUser() }) },
  {
    method: 'GET',
    path: '/users/{user_id}',
    auth: 'bot',
    handle: ({ world, params }) => {
      const user = world.users.get(params.user_id as string);
      if (user === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownUser, 'Unknown User');
      return { status: 200, body: user };
    },
  },
  {
    method: 'POST',
    path: '/users/@me/channels',
    auth: 'bot',
    schema: { kind: 'object', fields: { recipient_id: { kind: 'snowflake', required: true } } },
    handle: ({ world, body }) => {
      const recipientId = String((body as { recipient_id: string }).recipient_id);
      const user = world.users.get(recipientId);
      if (user === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownUser, 'Unknown User');
      if (user.bot === true) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'Cannot send messages to this user');
      const channel = world.dmChannel(recipientId);
      return { status: 200, body: { ...toApiChannel(channel), type: ChannelType.DM } };
    },
  },
];
