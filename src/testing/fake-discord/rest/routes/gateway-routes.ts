import type { RouteDefinition } from '../route';

/** `GET /gateway` and `GET /gateway/bot`: where to connect and the identify budget. */
export const gatewayRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/gateway',
    auth: 'none',
    handle: ({ world }) => ({ status: 200, body: { url: world.gatewayUrl } }),
  },
  {
    method: 'GET',
    path: '/gateway/bot',
    auth: 'bot',
    handle: ({ world }) => ({
      status: 200,
      body: { url: world.gatewayUrl, shards: world.recommendedShards, session_start_limit: world.sessionStartLimit.toJSON() },
    }),
  },
];
