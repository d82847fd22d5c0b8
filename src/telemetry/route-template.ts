// Discord's own parameter names where "singular of the previous segment" would be wrong.
const ID_NAMES: Readonly<Record<string, string>> = {
  members: 'user_id',
  bans: 'user_id',
  recipients: 'user_id',
  'thread-members': 'user_id',
  pins: 'message_id',
  permissions: 'overwrite_id',
  'scheduled-events': 'guild_scheduled_event_id',
  'auto-moderation': 'rule_id',
  rules: 'rule_id',
  'soundboard-sounds': 'sound_id',
  entitlements: 'entitlement_id',
};

const NUMERIC = /^\d+$/;

function idName(previous: string | undefined): string {
  if (previous === undefined) return 'id';
  const known = ID_NAMES[previous];
  if (known !== undefined) return known;
  const singular = previous.endsWith('ies') ? `${previous.slice(0, -3)}y` : previous.endsWith('s') ? previous.slice(0, -1) : previous;
  return `${singular.replace(/-/g, '_')}_id`;
}

/**
 * The path with every id, token, code and emoji replaced by a named placeholder, in the style of
 * Discord's API description (`/channels/{channel_id}/messages/{message_id}`). Span names and
 * metric attributes use it instead of the raw path: one name per route keeps trace backends'
 * cardinality low, and ids or interaction tokens never reach them.
 *
 * @example
 * ```ts
 * routeTemplate('/channels/123456789012345678/messages/223456789012345678');
 * // '/channels/{channel_id}/messages/{message_id}'
 * ```
 */
export function routeTemplate(path: string): string {
  const cached = templates.get(path);
  if (cached !== undefined) return cached;
  const template = buildTemplate(path);
  // Raw paths carry ids, so the cache is bounded: emptied when full rather than tracked per entry.
  if (templates.size >= TEMPLATE_CACHE_SIZE) templates.clear();
  templates.set(path, template);
  return template;
}

const TEMPLATE_CACHE_SIZE = 2048;
const templates = new Map<string, string>();

function buildTemplate(path: string): string {
  const parts = path.split('?', 1)[0]!.split('/').filter((part) => part !== '');
  const out: string[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const previous = parts[index - 1];
    const resource = parts[0];
    if (previous === 'reactions') {
      out.push('{emoji}');
      const rest = parts.slice(index + 1);
      if (rest.length > 0) out.push(rest[0] === '@me' ? '@me' : '{user_id}');
      break;
    }
    if (index === 2 && (resource === 'webhooks' || resource === 'interactions')) {
      out.push(resource === 'webhooks' ? '{webhook_token}' : '{interaction_token}');
    } else if (previous === 'invites' || previous === 'templates') {
      out.push(previous === 'invites' ? '{invite_code}' : '{template_code}');
    } else if (NUMERIC.test(part)) {
      out.push(`{${idName(previous)}}`);
    } else {
      out.push(part);
    }
  }
  return `/${out.join('/')}`;
}

const VERSION_PREFIX = /^.*?\/v\d+(?=\/)/;

/**
 * The route part of a URL path as the REST client's events report it (`/api/v10/users/@me`, the
 * base URL's path included): what follows the API version, or the path unchanged without one.
 */
export function routeOfUrlPath(path: string): string {
  return path.replace(VERSION_PREFIX, '');
}
