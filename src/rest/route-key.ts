/** Where a request belongs for rate limiting, derived from its method and path alone. */
export interface RouteKey {
  /** `METHOD /channels/:id/messages/:id` with every id replaced: the key Discord's bucket hash is learned for. */
  route: string;
  /** The major parameter (`channel_id`, `guild_id`, `webhook_id/token`, interaction id) or `global`. */
  major: string;
  /** Interaction callbacks and token webhooks do not count against the bot's global limit. */
  globalExempt: boolean;
}

import { ROUTE_SEGMENTS } from './route-segments';

const SNOWFLAKE = /^\d{16,21}$/;
/** Any all-digit segment is an id in Discord's paths (snowflakes, and small ones like a poll answer id). */
const NUMERIC = /^\d+$/;
const FOURTEEN_DAYS_MS = 14 * 24 * 60 * 60 * 1000;
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Maps a request to its rate-limit route, following Discord's documented rules: ids become `:id`
 * except the major parameter, which keeps its value because separate channels, guilds and webhooks
 * have separate limits; every reaction route is one bucket (Discord shares it regardless of the
 * emoji); deleting a message older than 14 days has its own, slower bucket; interaction callbacks
 * and webhook-token routes are exempt from the global limit.
 *
 * @example
 * ```ts
 * routeKeyOf('DELETE', '/channels/123456789012345678/messages/223456789012345678');
 * // { route: 'DELETE /channels/:id/messages/:id', major: '123456789012345678', globalExempt: false }
 * ```
 */
export function routeKeyOf(method: string, path: string, now: number = Date.now()): RouteKey {
  const parts = path.split('?', 1)[0]!.split('/').filter((part) => part !== '');
  const [resource, first, second] = parts;
  let major = 'global';
  let globalExempt = false;
  // A major that is neither an id nor a fixed word is input Discord will refuse; keyed as-is, each
  // distinct value would open its own bucket, so they all share one.
  if ((resource === 'channels' || resource === 'guilds') && first !== undefined) major = majorOf(first);
  if (resource === 'webhooks' && first !== undefined) {
    major = second !== undefined ? `${majorOf(first)}/${second}` : majorOf(first);
    globalExempt = second !== undefined;
  }
  if (resource === 'interactions' && first !== undefined) {
    major = majorOf(first);
    globalExempt = parts[3] === 'callback';
  }

  const pattern: string[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const previous = parts[index - 1];
    if (previous === 'reactions') {
      pattern.push(':reaction');
      break;
    }
    const isToken = index === 2 && (resource === 'webhooks' || resource === 'interactions');
    // Invite and template codes are free text: keyed as-is, every code would be a new route forever.
    const isCode = previous === 'invites' || previous === 'templates';
    // Anything else that is not one of Discord's fixed path words is a parameter: keyed as-is, ids
    // or text from user input would make a new route (and limiter entry) per distinct value.
    pattern.push(NUMERIC.test(part) ? ':id' : isToken ? ':token' : isCode ? ':code' : fixedWord(part) ?? ':param');
  }
  let route = `/${pattern.join('/')}`;

  const messageId = parts[3];
  if (
    method === 'DELETE' &&
    resource === 'channels' &&
    parts.length === 4 &&
    parts[2] === 'messages' &&
    messageId !== undefined &&
    SNOWFLAKE.test(messageId) &&
    now - snowflakeTime(messageId) > FOURTEEN_DAYS_MS
  ) {
    route += '/delete-old';
  }
  return { route: `${method} ${route}`, major, globalExempt };
}

function majorOf(segment: string): string {
  return NUMERIC.test(segment) || ROUTE_SEGMENTS.has(segment) ? segment : ':param';
}

/** The Discord path word a segment spells, also percent-encoded (`Routes` sends `@me` as `%40me`). */
function fixedWord(segment: string): string | undefined {
  if (ROUTE_SEGMENTS.has(segment)) return segment;
  if (!segment.includes('%')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return ROUTE_SEGMENTS.has(decoded) ? decoded : undefined;
}

function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
