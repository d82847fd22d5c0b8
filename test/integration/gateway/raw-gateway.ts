import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { acceptFor } from '../../../src/gateway/transport';

/** A bare gateway for protocol tests: it completes every upgrade and hands the test each socket. */
export interface RawGateway {
  readonly url: string;
  /** The upgraded connections, oldest first: the test writes raw frames to them. */
  readonly peers: Socket[];
  close(): Promise<void>;
}

/**
 * Starts a {@link RawGateway}; `greet` is written on each connection right after the 101 answer
 * (a Hello frame, say), or nothing when it is undefined.
 */
export async function startRawGateway(greet?: Buffer): Promise<RawGateway> {
  const peers: Socket[] = [];
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (request: Buffer) => {
      const key = /sec-websocket-key: *(.*)\r\n/i.exec(request.toString())?.[1] ?? '';
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`);
      if (greet !== undefined) socket.write(greet);
      peers.push(socket);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    peers,
    close: async () => {
      for (const peer of peers) peer.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
