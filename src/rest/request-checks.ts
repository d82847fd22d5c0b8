import { RestUsageError } from './errors/rest-usage-error';
import type { RestRequest } from './rest-request';

/**
 * Refuses, before anything is queued, a route Discord would reject or misroute: one that is not a
 * bare path, or has an id that was never set (`/channels/undefined`) or is a dot segment. Depends on
 * method and route alone, so the executor runs it once per distinct path.
 */
export function checkRoute(method: string, route: string): void {
  if (typeof route !== 'string' || !route.startsWith('/') || /[?#\s]/.test(route) || route.includes('//')) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_ROUTE',
      `${method} ${String(route)}: a route is a path below the API version like "/channels/123/messages" ` +
        '(use Routes from discord-api-types), without host, query string or spaces; pass query parameters as { query }.',
    );
  }
  // A dot segment is how an id taken from user input ("../guilds/1/bans/2") would steer the
  // request to another endpoint once a proxy normalises the path.
  const dots = route.split('/').find((part) => /^(\.|%2e){1,2}$/i.test(part));
  if (dots !== undefined) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_ROUTE',
      `${method} ${route}: the route contains the dot segment "${dots}"; ids must be snowflakes. Check where the id came from before building the route.`,
    );
  }
  const segment = route.split('/').find((part) => part === 'undefined' || part === 'null' || part === 'NaN');
  if (segment !== undefined) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_ROUTE',
      `${method} ${route}: the route contains "${segment}" where an id belongs; an id variable was not set.`,
    );
  }
}

/** What depends on the request itself: an audit-log reason in Discord's 1-512 range, a valid totalTimeout. */
export function checkRequestOptions(request: RestRequest): void {
  const { method, route, reason, totalTimeout } = request;
  if (totalTimeout !== undefined && (typeof totalTimeout !== 'number' || !(totalTimeout > 0) || !Number.isFinite(totalTimeout))) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_OPTION',
      `${method} ${route}: totalTimeout must be a positive number of milliseconds, got ${String(totalTimeout)}.`,
    );
  }
  if (reason !== undefined && (typeof reason !== 'string' || reason.length === 0 || reason.length > 512)) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_OPTION',
      `${method} ${route}: reason must be 1 to 512 characters (Discord's audit-log limit); got ` +
        `${typeof reason === 'string' ? `${reason.length} characters` : typeof reason}.`,
    );
  }
}
