import { AuditLogEvent, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, messageOr404 } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import { createMessage } from '../message-factory';
import { parseMessageBody } from '../message-body';
import type { RouteDefinition } from '../route';
import type { ValidationSchema } from '../validation';
import { toApiChannel, type StoredChannel } from '../../world/stored-channel';

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];
const TEXT_PARENTS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const FORUM_PARENTS = new Set<ChannelType>([ChannelType.GuildForum, ChannelType.GuildMedia]);

const threadFields = {
  name: { kind: 'string', required: true, min: 1, max: 100 },
  auto_archive_duration: { kind: 'choice', values: ARCHIVE_DURATIONS },
  rate_limit_per_user: { kind: 'integer', min: 0, max: 21600, nullable: true },
} as const;

interface ThreadBody {
  name: string;
  auto_archive_duration?: number;
  type?: ChannelType;
  invitable?: boolean;
  message?: unknown;
}

function threadChannel(parent: StoredChannel, thread: StoredChannel): unknown {
  return { ...toApiChannel(thread), member: { id: thread.id, user_id: thread.owner_id, join_timestamp: thread.thread_metadata?.create_timestamp, flags: 0 }, parent_type: parent.type };
}

/** Threads from a message or standalone (forum posts with their first message). */
export const threadRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/channels/{channel_id}/messages/{message_id}/threads',
    auth: 'bot',
    schema: { kind: 'object', fields: threadFields } as ValidationSchema,
    handle: (context) => {
      const { world, params, body } = context;
      const parent = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.CreatePublicThreads);
      if (!TEXT_PARENTS.has(parent.type)) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
      const message = messageOr404(world, parent.id, params.message_id as string);
      if (message.thread !== undefined || world.channels.has(message.id)) {
        throw DiscordHttpError.badRequest(RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, 'A thread has already been created for this message');
      }
      const input = body as ThreadBody;
      const type = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
      const thread = world.createThread(parent, { name: input.name, type, ownerId: world.botUser.id, autoArchiveDuration: input.auto_archive_duration ?? 4320, fromMessage: message });
      audit(context, parent.guild_id, AuditLogEvent.ThreadCreate, thread.id, { changes: [{ key: 'name', new_value: thread.name }] });
      return { status: 201, body: toApiChannel(thread) };
    },
  },
  {
    method: 'POST',
    path: '/channels/{channel_id}/threads',
    auth: 'bot',
    multipart: true,
    schema: {
      kind: 'object',
      fields: { ...threadFields, type: { kind: 'choice', values: [ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread] }, invitable: { kind: 'boolean' }, message: { kind: 'any' } },
    } as ValidationSchema,
    handle: (context) => {
      const { world, params, body, files } = context;
      const parent = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel);
      const input = body as ThreadBody;
      if (FORUM_PARENTS.has(parent.type)) {
        if (input.message === undefined) throw DiscordHttpError.invalidForm({ message: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
        accessibleChannel(world, parent.id, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
        const starter = parseMessageBody(input.message, files, true);
        const thread = world.createThread(parent, { name: input.name, type: ChannelType.PublicThread, ownerId: world.botUser.id, autoArchiveDuration: input.auto_archive_duration ?? 4320 });
        const message = createMessage(world, thread, world.botUser, starter, files);
        audit(context, parent.guild_id, AuditLogEvent.ThreadCreate, thread.id, { changes: [{ key: 'name', new_value: thread.name }] });
        return { status: 201, body: { ...(threadChannel(parent, thread) as object), message } };
      }
      if (!TEXT_PARENTS.has(parent.type)) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
      // Discord's v9/v10 default for a thread without a message is a private one.
      const type = input.type ?? ChannelType.PrivateThread;
      const permission = type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads;
      accessibleChannel(world, parent.id, PermissionFlagsBits.ViewChannel | permission);
      const thread = world.createThread(parent, {
        name: input.name,
        type,
        ownerId: world.botUser.id,
        autoArchiveDuration: input.auto_archive_duration ?? 4320,
        ...(input.invitable === undefined ? {} : { invitable: input.invitable }),
      });
      audit(context, parent.guild_id, AuditLogEvent.ThreadCreate, thread.id, { changes: [{ key: 'name', new_value: thread.name }] });
      return { status: 201, body: threadChannel(parent, thread) };
    },
  },
];
