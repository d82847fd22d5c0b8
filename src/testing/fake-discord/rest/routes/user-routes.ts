import { createHash } from 'node:crypto';
import { ChannelType, GatewayDispatchEvents, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { guildOr404, readLimit, readSnowflake } from '../access';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';
import { toApiChannel } from '../../world/stored-channel';

/** The bot's own user, other users, and opening a DM. */
export const userRoutes: RouteDefinition[] = [
  { method: 'GET', path: '/users/@me', auth: 'bot', handle: ({ world }) => ({ status: 200, body: world.selfUser() }) },
  {
    method: 'PATCH',
    path: '/users/@me',
    auth: 'bot',
    schema: { kind: 'object', fields: { username: { kind: 'string', min: 2, max: 32 }, avatar: { kind: 'string', nullable: true }, banner: { kind: 'string', nullable: true } } },
    handle: ({ world, body }) => {
      const input = (body ?? {}) as { username?: string };
      if (input.username !== undefined) {
        if (/discord|clyde|```|[@#:]/i.test(input.username)) {
          throw DiscordHttpError.invalidForm({ username: { _errors: [{ code: 'USERNAME_INVALID_CONTAINS', message: 'Username cannot contain "discord", "clyde", "@", "#", ":" or "```"' }] } });
        }
        world.botUser.username = input.username;
      }
      world.dispatch({ t: GatewayDispatchEvents.UserUpdate, d: world.selfUser(), guildId: null, intents: 0 });
      return { status: 200, body: world.selfUser() };
    },
  },
  {
    method: 'GET',
    path: '/applications/@me',
    auth: 'bot',
    handle: ({ world }) => ({
      status: 200,
      body: {
        id: world.applicationId,
        name: world.botUser.username,
        icon: null,
        description: '',
        type: null,
        bot: world.botUser,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: createHash('sha256').update(world.applicationId).digest('hex'),
        flags: world.application.flags,
        flags_new: String(world.application.flags),
        redirect_uris: [],
        interactions_endpoint_url: null,
        role_connections_verification_url: null,
        owner: world.applicationOwner,
        approximate_guild_count: world.guildIds().length,
        approximate_user_install_count: 0,
        approximate_user_authorization_count: 0,
        explicit_content_filter: 0,
        team: null,
        eligible_oauth2_scopes: ['bot', 'applications.commands'],
      },
    }),
  },
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
    method: 'GET',
    path: '/users/@me/guilds',
    auth: 'bot',
    handle: ({ world, query }) => {
      const limit = readLimit(query, 200, 200);
      const before = readSnowflake(query, 'before');
      const after = readSnowflake(query, 'after');
      const withCounts = ['true', 'True', '1'].includes(query.get('with_counts') ?? '');
      let ids = world.guildIds().sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      if (after !== undefined) ids = ids.filter((id) => BigInt(id) > BigInt(after)).slice(0, limit);
      else if (before !== undefined) ids = ids.filter((id) => BigInt(id) < BigInt(before)).slice(-limit);
      else ids = ids.slice(0, limit);
      const guilds = ids.map((id) => {
        const record = guildOr404(world, id);
        const permissions = world.permissionsOf(id, world.botUser.id);
        const partial: Record<string, unknown> = {
          id,
          name: record.guild.name,
          icon: record.guild.icon,
          banner: record.guild.banner,
          owner: record.guild.owner_id === world.botUser.id,
          permissions: permissions.toString(),
          features: record.guild.features,
        };
        if (withCounts) Object.assign(partial, { approximate_member_count: record.members.size, approximate_presence_count: 0 });
        return partial;
      });
      return { status: 200, body: guilds };
    },
  },
  {
    method: 'DELETE',
    path: '/users/@me/guilds/{guild_id}',
    auth: 'bot',
    handle: ({ world, params }) => {
      const record = world.guilds.get(params.guild_id as string);
      if (record === undefined || !record.members.has(world.botUser.id)) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild');
      // An owner cannot leave; it must transfer or delete the guild.
      if (record.guild.owner_id === world.botUser.id) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidGuild, 'Invalid Guild');
      world.leaveGuild(record.guild.id);
      return { status: 204 };
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
