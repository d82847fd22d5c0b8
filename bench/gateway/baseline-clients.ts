import { WebSocket } from 'ws';
import { openGatewaySocket, type GatewaySocket } from '../../src/gateway';
import { JsonDecoder } from '../../src/json';
import { INTENTS, type ThroughputInput } from './worker-input';

type Payload = { op: number; t: string | null; d: { content?: string } };

/** What raw and floor do with each decoded frame: identify on Hello, count a MESSAGE_CREATE with content. */
function onFrame(input: ThroughputInput, payload: Payload, send: (text: string) => void, ready: () => void, onMessage: () => void): void {
  if (payload.op === 10) {
    send(JSON.stringify({ op: 2, d: { token: input.token, intents: INTENTS, properties: { os: 'linux', browser: 'bench', device: 'bench' }, shard: [input.shardId, input.totalShards] } }));
  } else if (payload.t === 'READY') {
    ready();
  } else if (payload.t === 'MESSAGE_CREATE' && (payload.d.content?.length ?? 0) > 0) {
    onMessage();
  }
}

/** The baseline: a bare `ws` client that JSON.parses every frame. */
export async function startRaw(input: ThroughputInput, onMessage: () => void): Promise<() => Promise<void>> {
  const socket = new WebSocket(`${input.gatewayUrl}/?v=10&encoding=json`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    const send = (out: string): void => socket.send(out);
    socket.on('message', (data: Buffer) => onFrame(input, JSON.parse(data.toString()) as Payload, send, resolve, onMessage));
    socket.once('error', reject);
  });
  return () =>
    new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
    });
}

/**
 * The floor: OvenJS's own lean transport plus its JSON decoder (as a shard makes it) and nothing
 * else. Any OvenJS client that hands a decoded payload to user code does at least this, so no
 * OvenJS ratio can pass floor's.
 */
export async function startFloor(input: ThroughputInput, onMessage: () => void): Promise<() => Promise<void>> {
  let socket: GatewaySocket | undefined;
  const decoder = new JsonDecoder({ tagKey: 't', rejectInvalidUtf8: true });
  await new Promise<void>((resolve, reject) => {
    const send = (out: string): void => socket?.send(out);
    socket = openGatewaySocket(
      'lean',
      new URL(`${input.gatewayUrl}/?v=10&encoding=json`),
      {
        open: () => undefined,
        text: (data, start, end) => onFrame(input, decoder.decode(data, start, end) as Payload, send, resolve, onMessage),
        // No compression was asked for, so no binary frames come.
        binary: () => undefined,
        error: reject,
        // Before READY a close is a failed start; after it, only the stop below closes (reject is then a no-op).
        close: (code, reason) => reject(new Error(`floor: the gateway closed the socket (${code} ${reason})`)),
      },
      // The decoder checks UTF-8 as it goes, as in a shard.
      { skipUtf8Validation: true },
    );
  });
  return async () => {
    await socket?.close(1000);
  };
}
