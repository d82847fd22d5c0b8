import type { RouteDefinition } from '../route';
import { auditLogRoutes } from './audit-log-routes';
import { channelRoutes } from './channel-routes';
import { commandRoutes } from './command-routes';
import { emojiRoutes } from './emoji-routes';
import { gatewayRoutes } from './gateway-routes';
import { guildRoutes } from './guild-routes';
import { interactionRoutes } from './interaction-routes';
import { inviteRoutes } from './invite-routes';
import { memberRoutes } from './member-routes';
import { messageRoutes } from './message-routes';
import { pinRoutes } from './pin-routes';
import { reactionRoutes } from './reaction-routes';
import { roleRoutes } from './role-routes';
import { scheduledEventRoutes } from './scheduled-event-routes';
import { stickerPackRoutes } from './sticker-pack-routes';
import { stickerRoutes } from './sticker-routes';
import { threadMemberRoutes } from './thread-member-routes';
import { threadRoutes } from './thread-routes';
import { userRoutes } from './user-routes';
import { webhookRoutes } from './webhook-routes';

/** Every route the fake serves; the oracle test walks this list. */
export const allRoutes: readonly RouteDefinition[] = [
  ...gatewayRoutes,
  ...userRoutes,
  ...commandRoutes,
  ...interactionRoutes,
  ...channelRoutes,
  ...messageRoutes,
  ...pinRoutes,
  ...threadRoutes,
  ...reactionRoutes,
  ...guildRoutes,
  ...memberRoutes,
  ...roleRoutes,
  ...webhookRoutes,
  ...auditLogRoutes,
  ...emojiRoutes,
  ...inviteRoutes,
  ...scheduledEventRoutes,
  ...threadMemberRoutes,
  ...stickerRoutes,
  ...stickerPackRoutes,
];
