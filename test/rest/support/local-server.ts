import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the local server saw it. */
export interface Received {
  method: string;
  /** Path below `/api/v10`, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Arrival order across the whole server. */
  seq: number;
  at: number;
}

export type Handler = (request: Received, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface LocalServer {
  baseURL: string;
  port: number;
  received: Received[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

/** A bare node:http server standing in for Discord in unit tests; bound to port 0 on loopback. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  let current = handler;
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://localhost');
      const request: Received = {
        method: raw.method ?? 'GET',
        path: url.pathname.replace(/^\/api\/v\d+/, ''),
        query: url.searchParams,
        headers: raw.headers,
        body: Buffer.concat(chunks),
        seq: received.length,
        at: Date.now(),
      };
      received.push(request);
      Promise.resolve(current(request, response, raw)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/api`,
    port,
    received,
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Rate-limit headers the way Discord sends them. */
export function limits(bucket: string, limit: number, remaining: number, resetAfterSeconds: number): Record<string, string> {
  return {
    'x-ratelimit-bucket': bucket,
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset-after': resetAfterSeconds.toFixed(3),
    'x-ratelimit-reset': ((Date.now() / 1000) + resetAfterSeconds).toFixed(3),
  };
}
