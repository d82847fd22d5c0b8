import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import { FakeDiscord } from '../../src/testing';
import { nextMessage, startWorker } from './run-worker';

interface CounterResult {
  readonly elapsedMs: number;
  readonly lastSeq: number;
  readonly error?: string;
}

const TYPING = { channel_id: '1090000000000000000', guild_id: '1080000000000000000', user_id: '1070000000000000000', timestamp: 1_700_000_000 };

/** Dispatches per second one raw `ws` client receives from the fake gateway's flood path. */
export async function fakeGatewayRate(count: number): Promise<number> {
  const discord = await FakeDiscord.start({ port: 0, rateLimits: false, gateway: { recordFrames: false, heartbeatIntervalMs: 600_000 } });
  const worker = startWorker('dispatch-counter.worker.ts', {
    url: `${discord.gatewayUrl}/?v=10&encoding=json`,
    count,
    identify: { token: discord.token, intents: GatewayIntentBits.GuildMessageTyping, properties: { os: 'linux', browser: 'bench', device: 'bench' } },
  });
  try {
    await nextMessage(worker, 'ready');
    const done = nextMessage<CounterResult>(worker, 'done');
    await discord.gateway.flood(GatewayDispatchEvents.TypingStart, TYPING, count);
    const result = await done;
    if (result.error !== undefined) throw new Error(`fake gateway: ${result.error}`);
    // READY is s=1 and the world has no guilds, so the last flood frame must carry count + 1.
    if (result.lastSeq !== count + 1) throw new Error(`fake gateway lost frames: last s ${result.lastSeq}, expected ${count + 1}`);
    return (count / result.elapsedMs) * 1000;
  } finally {
    await worker.terminate();
    await discord.close();
  }
}

/**
 * The baseline: a bare `ws` server sending the same frames in the same batches, either one
 * `ws.send` after another (`corked: false`, what a naive server does) or corked per batch.
 */
export async function bareWsRate(count: number, corked: boolean): Promise<number> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const data = JSON.stringify(TYPING);
  server.on('upgrade', (request, socket: Duplex, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.once('message', async () => {
        for (let s = 1; s <= count; ) {
          const end = Math.min(count, s + 1023);
          if (corked) socket.cork();
          for (; s <= end; s += 1) ws.send('{"t":"TYPING_START","s":' + s + ',"op":0,"d":' + data + '}');
          if (corked) socket.uncork();
          if (socket.writableLength > 4 * 1024 * 1024) await new Promise((resolve) => socket.once('drain', resolve));
          else await new Promise((resolve) => setImmediate(resolve));
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const worker = startWorker('dispatch-counter.worker.ts', { url: `ws://127.0.0.1:${port}`, count });
  try {
    const result = await nextMessage<CounterResult>(worker, 'done');
    if (result.error !== undefined) throw new Error(`bare ws: ${result.error}`);
    if (result.lastSeq !== count) throw new Error(`bare ws lost frames: last s ${result.lastSeq}, expected ${count}`);
    return (count / result.elapsedMs) * 1000;
  } finally {
    await worker.terminate();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
