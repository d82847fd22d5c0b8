/**
 * Interaction callbacks and webhook-token routes: the token in the path authenticates them, so the
 * proxy forwards them without a bot token (the same rule RestClient applies to `auth`).
 */
const TOKEN_ROUTE = /^\/(interactions\/[^/]+\/[^/]+\/callback|webhooks\/[^/]+\/[^/]+)/;

/** Whether `route` (the path below `/api/vN`) authenticates through a token in the path. */
export function isTokenRoute(route: string): boolean {
  return TOKEN_ROUTE.test(route);
}
