import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { FakeDiscordError } from './fake-discord-error';
import type { FakeDiscordOptions } from './fake-discord-options';
import { FakeGateway } from './gateway';
import { FakeRestServer } from './rest/rest-server';
import { checkTlsOptions } from './tls-context';
import { World } from './world/world';

/** Everything one running fake is made of, before the façade wraps it. */
export interface FakeDiscordParts {
  readonly server: Server;
  readonly world: World;
  readonly rest: FakeRestServer;
  readonly gateway: FakeGateway;
  readonly port: number;
  /** `http://127.0.0.1:PORT` (`https://` with TLS), without `/api`. */
  readonly httpBase: string;
  readonly gatewayUrl: string;
}

/**
 * Builds world, REST and gateway and listens on one port (REST requests and WebSocket upgrades),
 * over TLS when `options.tls` is given.
 */
export async function startFakeDiscordServer(options: FakeDiscordOptions): Promise<FakeDiscordParts> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `FakeDiscord port must be an integer from 0 to 65535 (0 picks a free port), got ${String(port)}.`);
  }
  // Checked before anything is built, so a bad key or certificate leaves nothing to close.
  const tls = options.tls === undefined ? undefined : checkTlsOptions(options.tls);
  const world = new World(options);
  const rest = new FakeRestServer(world, options);
  const listener: RequestListener = (request, response) => {
    rest.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
  const server: Server = tls === undefined ? createServer({ keepAliveTimeout: 5000 }, listener) : createHttpsServer({ ...tls, keepAliveTimeout: 5000 }, listener);
  const gateway = new FakeGateway(world, options.gateway);
  // The gateway takes every WebSocket upgrade of the REST server's port.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => gateway.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `FakeDiscord could not listen on ${options.host ?? '127.0.0.1'}:${port} (${error.code ?? error.message}); pick another port or 0 for a free one.`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, options.host ?? '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const httpBase = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${bound}`;
  const gatewayUrl = `${tls === undefined ? 'ws' : 'wss'}://127.0.0.1:${bound}`;
  world.httpBase = httpBase;
  world.gatewayUrl = gatewayUrl;
  return { server, world, rest, gateway, port: bound, httpBase, gatewayUrl };
}

/** Closes the gateway's sockets, then the server and every kept-alive connection. */
export async function stopFakeDiscordServer(parts: Pick<FakeDiscordParts, 'server' | 'gateway'>): Promise<void> {
  await parts.gateway.close();
  await new Promise<void>((resolve) => {
    parts.server.close(() => resolve());
    parts.server.closeAllConnections();
  });
}
