import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDiscord } from '../../src/testing';
import { startWorker, nextMessage } from './run-worker';

interface LoadResult {
  readonly elapsedMs: number;
  readonly failed: number;
}

async function load(origin: string, path: string, headers: Record<string, string>, total: number): Promise<number> {
  const worker = startWorker('rest-load.worker.ts', { origin, path, headers, total, inFlight: 64 });
  try {
    const result = await nextMessage<LoadResult>(worker);
    if (result.failed > 0) throw new Error(`${result.failed} of ${total} requests to ${origin}${path} did not answer 200`);
    return (total / result.elapsedMs) * 1000;
  } finally {
    await worker.terminate();
  }
}

/** `GET /api/v10/users/@me` per second against the fake with rate limits off. */
export async function fakeRestRate(total: number): Promise<{ rate: number; body: string }> {
  const discord = await FakeDiscord.start({ port: 0, rateLimits: false, recordRequests: 0 });
  try {
    const headers = { authorization: `Bot ${discord.token}` };
    const response = await fetch(`${discord.restUrl}/v10/users/@me`, { headers });
    const body = await response.text();
    return { rate: await load(`http://127.0.0.1:${discord.port}`, '/api/v10/users/@me', headers, total), body };
  } finally {
    await discord.close();
  }
}

/** The baseline: a bare node:http server answering the same JSON body. */
export async function bareHttpRate(total: number, body: string): Promise<number> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await load(`http://127.0.0.1:${port}`, '/api/v10/users/@me', { authorization: 'Bot x' }, total);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
