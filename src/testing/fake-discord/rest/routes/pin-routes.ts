import { AuditLogEvent, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, messageOr404 } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';

const MAX_PINS = 250;
const READ = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;

function toggle(context: RouteContext, pinned: boolean): { status: 204 } {
  const { world, params } = context;
  const channel = accessibleChannel(world, params.channel_id as string, READ | PermissionFlagsBits.PinMessages);
  const message = messageOr404(world, channel.id, params.message_id as string);
  if (pinned && !message.pinned && (world.pins.get(channel.id)?.length ?? 0) >= MAX_PINS) {
    throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel, `Maximum number of pins reached (${MAX_PINS})`);
  }
  if (world.setPinned(channel, message, pinned)) {
    audit(context, channel.guild_id, pinned ? AuditLogEvent.MessagePin : AuditLogEvent.MessageUnpin, message.author.id, { options: { channel_id: channel.id, message_id: message.id } });
  }
  return { status: 204 };
}

/** The pins of a channel (newest first, `before` a timestamp), pin and unpin (CHANNEL_PINS_UPDATE). */
export const pinRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/channels/{channel_id}/messages/pins',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const channel = accessibleChannel(world, params.channel_id as string, READ);
      const rawLimit = query.get('limit');
      const limit = rawLimit === null ? 50 : Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        throw DiscordHttpError.invalidForm({ limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 50.' }] } });
      }
      const before = query.get('before');
      const beforeTime = before === null ? Number.POSITIVE_INFINITY : Date.parse(before);
      if (Number.isNaN(beforeTime)) throw DiscordHttpError.invalidForm({ before: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE', message: `Could not parse ${before}. Should be ISO8601.` }] } });
      const older = [...(world.pins.get(channel.id) ?? [])].reverse().filter((pin) => Date.parse(pin.pinnedAt) < beforeTime);
      const items = older.slice(0, limit).map((pin) => ({ pinned_at: pin.pinnedAt, message: world.messages.get(channel.id, pin.messageId) }));
      return { status: 200, body: { items, has_more: older.length > limit } };
    },
  },
  { method: 'PUT', path: '/channels/{channel_id}/messages/pins/{message_id}', auth: 'bot', handle: (context) => toggle(context, true) },
  { method: 'DELETE', path: '/channels/{channel_id}/messages/pins/{message_id}', auth: 'bot', handle: (context) => toggle(context, false) },
];
