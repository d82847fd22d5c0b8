import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer as createTlsServer } from 'node:tls';
import { GatewayProtocolError } from '../../../src/gateway';
import { LeanSocket, acceptFor } from '../../../src/gateway/transport';
import { closeBody, readClientFrames, serverFrame } from '../../gateway/transport/frames';
import { until } from './fake-gateway-fixture';

const tlsFixtures = join(__dirname, '../../fixtures/tls');

/**
 * A hand-written WebSocket server: answers the upgrade (optionally wrongly) and records what the
 * client sends. An answer given as an array is written piece by piece, a few ms apart, so the
 * client reads it in several reads.
 */
class RawServer {
  public readonly received: Buffer[] = [];
  public peer: Socket | undefined;
  private readonly server: Server;

  public constructor(
    private readonly answer: (key: string) => string | Buffer | Array<string | Buffer>,
    private readonly secure = false,
  ) {
    const onConnection = (socket: Socket): void => {
      socket.on('error', () => undefined);
      let handshaken = false;
      socket.on('data', (chunk: Buffer) => {
        if (handshaken) {
          this.received.push(chunk);
          return;
        }
        handshaken = true;
        const key = /sec-websocket-key: *(.*)\r\n/i.exec(chunk.toString())?.[1] ?? '';
        this.peer = socket;
        void this.write(socket, this.answer(key));
      });
    };
    this.server = secure
      ? createTlsServer({ key: readFileSync(join(tlsFixtures, 'key.pem')), cert: readFileSync(join(tlsFixtures, 'cert.pem')) }, onConnection)
      : createServer(onConnection);
  }

  private async write(socket: Socket, answer: string | Buffer | Array<string | Buffer>): Promise<void> {
    if (!Array.isArray(answer)) {
      socket.write(answer);
      return;
    }
    for (const piece of answer) {
      socket.write(piece);
      await sleep(5);
    }
  }

  public static ok(key: string): string {
    return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`;
  }

  public async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `${this.secure ? 'wss' : 'ws'}://127.0.0.1:${(this.server.address() as AddressInfo).port}/?v=10`;
  }

  public frames(): ReturnType<typeof readClientFrames> {
    return readClientFrames(Buffer.concat(this.received));
  }

  public async close(): Promise<void> {
    this.peer?.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface Recorded {
  socket: LeanSocket;
  opened: boolean;
  texts: string[];
  errors: Error[];
  closed: Array<[number, string]>;
}

function connect(url: string, options: { maxPayload?: number; handshakeTimeoutMs?: number; tls?: { ca: Buffer } } = {}): Recorded {
  const recorded: Partial<Recorded> & Omit<Recorded, 'socket'> = { opened: false, texts: [], errors: [], closed: [] };
  recorded.socket = new LeanSocket(
    new URL(url),
    {
      open: () => (recorded.opened = true),
      text: (data, start, end) => recorded.texts.push(data.toString('utf8', start, end)),
      binary: () => undefined,
      error: (error) => recorded.errors.push(error),
      close: (code, reason) => recorded.closed.push([code, reason]),
    },
    options,
  );
  return recorded as Recorded;
}

describe('LeanSocket against a hand-written server', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('rejects a wrong Sec-WebSocket-Accept with OVEN_ERR_GATEWAY_HANDSHAKE and closes with 1006', async () => {
    server = new RawServer(() => 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bm9wZQ==\r\n\r\n');
    const client = connect(await server.listen());
    await until(() => client.closed.length === 1);
    expect(client.opened).toBe(false);
    expect(client.errors[0]).toBeInstanceOf(GatewayProtocolError);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('Sec-WebSocket-Accept') });
    expect(client.closed).toEqual([[1006, '']]);
  });

  it('rejects a non-101 answer and an extension that was not offered', async () => {
    server = new RawServer(() => 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    const refused = connect(await server.listen());
    await until(() => refused.closed.length === 1);
    expect(refused.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('HTTP 403') });
    await server.close();
    server = new RawServer((key) => RawServer.ok(key).replace('\r\n\r\n', '\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n'));
    const extended = connect(await server.listen());
    await until(() => extended.closed.length === 1);
    expect(extended.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('extension') });
  });

  it('rejects a ws:// URL with another scheme', async () => {
    const client = connect('http://127.0.0.1:1/');
    await until(() => client.closed.length === 1);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE' });
  });

  it('reads frames that came with the 101 answer, answers pings with masked pongs, sends masked text', async () => {
    // The first frame in the same TCP write as the 101 answer reaches the client as the upgrade's `head`.
    server = new RawServer((key) => Buffer.concat([Buffer.from(RawServer.ok(key)), serverFrame(1, '{"op":10}')]));
    const client = connect(await server.listen());
    await until(() => client.texts.length === 1);
    expect(client.texts).toEqual(['{"op":10}']);
    server.peer?.write(serverFrame(9, 'beat'));
    client.socket.send('{"op":1,"d":null}');
    await until(() => (server as RawServer).frames().length === 2);
    const frames = server.frames();
    expect(frames.every((frame) => frame.masked)).toBe(true);
    expect(frames.map((frame) => [frame.opcode, frame.payload.toString()]).sort()).toEqual([
      [1, '{"op":1,"d":null}'],
      [10, 'beat'],
    ]);
  });

  it('echoes a server close with its code and reports code and reason', async () => {
    server = new RawServer(RawServer.ok);
    const client = connect(await server.listen());
    await until(() => client.opened);
    server.peer?.write(serverFrame(8, closeBody(4000, 'bye')));
    await until(() => (server as RawServer).frames().length === 1);
    expect(server.frames()[0]).toMatchObject({ opcode: 8 });
    expect(server.frames()[0]?.payload.readUInt16BE(0)).toBe(4000);
    server.peer?.end();
    await until(() => client.closed.length === 1);
    expect(client.closed).toEqual([[4000, 'bye']]);
    expect(client.socket.isOpen).toBe(false);
  });

  it('close() sends the code, and resolves after the grace period when the peer never answers', async () => {
    server = new RawServer(RawServer.ok);
    const client = connect(await server.listen());
    await until(() => client.opened);
    await client.socket.close(4900, 50);
    expect(server.frames()[0]?.payload.readUInt16BE(0)).toBe(4900);
    expect(client.closed).toEqual([[1006, '']]);
    // Sends after closing are dropped, not thrown.
    expect(() => client.socket.send('late')).not.toThrow();
  });

  it('answers a masked server frame with close 1002 and a typed error, without crashing', async () => {
    server = new RawServer(RawServer.ok);
    const client = connect(await server.listen());
    await until(() => client.opened);
    server.peer?.write(serverFrame(1, 'x', { mask: true }));
    await until(() => client.closed.length === 1);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1002 });
    expect(server.frames()[0]?.payload.readUInt16BE(0)).toBe(1002);
  });

  it('closes with 1009 above maxPayload', async () => {
    server = new RawServer(RawServer.ok);
    const client = connect(await server.listen(), { maxPayload: 100 });
    await until(() => client.opened);
    server.peer?.write(serverFrame(1, 'z'.repeat(101)));
    await until(() => client.closed.length === 1);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1009 });
    expect(server.frames()[0]?.payload.readUInt16BE(0)).toBe(1009);
    expect(client.texts).toEqual([]);
  });

  it('gives up on a handshake that never gets an answer', async () => {
    server = new RawServer(() => '');
    const client = connect(await server.listen(), { handshakeTimeoutMs: 50 });
    await until(() => client.closed.length === 1);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('50 ms') });
  });

  it('terminate() during the handshake reports close once, without an error', async () => {
    server = new RawServer(() => '');
    const client = connect(await server.listen());
    client.socket.terminate();
    await client.socket.close(1000);
    expect(client.closed).toEqual([[1006, '']]);
    expect(client.errors).toEqual([]);
  });

  it('reads a 101 answer that arrives in pieces, split inside the status line and the blank line, with frames after it', async () => {
    server = new RawServer((key) => {
      const answer = RawServer.ok(key);
      const cut = answer.length - 3;
      return ['HTTP/1.', answer.slice(7, cut), Buffer.concat([Buffer.from(answer.slice(cut)), serverFrame(1, '{"op":10}')])];
    });
    const client = connect(await server.listen());
    await until(() => client.texts.length === 1);
    expect(client.errors).toEqual([]);
    expect(client.texts).toEqual(['{"op":10}']);
  });

  it('rejects an answer whose head never ends within 16 KiB', async () => {
    server = new RawServer(() => `HTTP/1.1 101 Switching Protocols\r\nX-Padding: ${'p'.repeat(17_000)}\r\n`);
    const client = connect(await server.listen());
    await until(() => client.closed.length === 1);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('exceeds 16384 bytes') });
  });

  it('rejects a server that closes the connection before answering', async () => {
    server = new RawServer(() => 'HTTP/1.1 101 Switch');
    const client = connect(await server.listen());
    await until(() => server?.peer !== undefined);
    server.peer?.end();
    await until(() => client.closed.length === 1);
    expect(client.opened).toBe(false);
    expect(client.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_HANDSHAKE', message: expect.stringContaining('closed the connection') });
  });

  it('reads thousands of frames written at once and a frame larger than a read, in order', async () => {
    server = new RawServer(RawServer.ok);
    const client = connect(await server.listen());
    await until(() => client.opened);
    const texts = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ op: 0, s: i, d: { content: 'c'.repeat((i * 37) % 900) } }));
    const large = JSON.stringify({ op: 0, t: 'GUILD_CREATE', d: { blob: 'g'.repeat(300_000) } });
    server.peer?.write(Buffer.concat([...texts.map((text) => serverFrame(1, text)), serverFrame(1, large), serverFrame(1, 'last')]));
    await until(() => client.texts.length === texts.length + 2);
    expect(client.errors).toEqual([]);
    expect(client.texts).toEqual([...texts, large, 'last']);
  });

  it('over wss: reads frames sent with the 101 answer and a frame spanning many TLS records', async () => {
    const large = 'l'.repeat(100_000);
    server = new RawServer((key) => Buffer.concat([Buffer.from(RawServer.ok(key)), serverFrame(1, 'first'), serverFrame(1, 'second'), serverFrame(1, large)]), true);
    const client = connect(await server.listen(), { tls: { ca: readFileSync(join(tlsFixtures, 'cert.pem')) } });
    await until(() => client.texts.length === 3);
    expect(client.errors).toEqual([]);
    expect(client.texts).toEqual(['first', 'second', large]);
    client.socket.send('{"op":1,"d":null}');
    await until(() => (server as RawServer).frames().length === 1);
    expect(server.frames()[0]?.payload.toString()).toBe('{"op":1,"d":null}');
  });
});
