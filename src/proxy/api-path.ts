import { ProxyError } from './proxy-error';

/** An incoming `/api/vN/...` path, split into the API version and the route below it. */
export interface ApiPath {
  version: number;
  route: `/${string}`;
}

const API_PATH = /^\/api\/v(\d+)(\/.*)$/;

/**
 * Splits `/api/v10/channels/1/messages` into version and route. Dot segments are refused rather
 * than normalised: a route that climbs out of `/api/vN` would reach a different upstream path than
 * the one the rate limiter keyed it under.
 */
export function parseApiPath(pathname: string, versions: readonly number[]): ApiPath {
  const match = API_PATH.exec(pathname);
  if (match === null) {
    throw new ProxyError(
      'OVEN_ERR_PROXY_NOT_FOUND',
      `No such proxy endpoint "${pathname}". Send Discord API requests to /api/v${versions[versions.length - 1] ?? 10}/<route> ` +
        '(point your client\'s API base URL at http://<proxy>/api), or use /healthz and /metrics.',
    );
  }
  const version = Number(match[1]);
  if (!versions.includes(version)) {
    throw new ProxyError(
      'OVEN_ERR_PROXY_UNKNOWN_VERSION',
      `API version v${match[1]} is not served by this proxy; use one of ${versions.map((v) => `v${v}`).join(', ')}.`,
    );
  }
  const route = match[2] as `/${string}`;
  const segments = route.split('/').slice(1);
  if (route === '/' || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /%2e%2e|%2f/i.test(segment))) {
    throw new ProxyError('OVEN_ERR_PROXY_BAD_PATH', `Route "${route}" has empty or dot segments; send the route as Discord documents it, e.g. /channels/123/messages.`);
  }
  return { version, route };
}
