import type { Socket } from 'node:net';
import { constants, deflateSync } from 'node:zlib';
import { GatewayDecodeError, Shard } from '../../../src/gateway';
import { serverFrame } from '../../gateway/transport/frames';
import { TRANSPORTS, until } from './fake-gateway-fixture';
import { startRawGateway, type RawGateway } from './raw-gateway';

const BINARY = 2;


/** Hello as the first message of a connection's zlib-stream. */
const HELLO = deflateSync(JSON.stringify({ op: 10, d: { heartbeat_interval: 60_000 } }), { finishFlush: constants.Z_SYNC_FLUSH });

describe.each(TRANSPORTS)('Shard with compress: true given raw zlib-stream frames (transport %s)', (transport) => {
  it('takes a Hello split across binary messages inside its 00 00 ff ff suffix', async () => {
    const gateway = await startRawGateway();
    const shard = new Shard({ id: 0, totalShards: 1, token: 'token', intents: 0, url: gateway.url, transport, compress: true });
    shard.connect().catch(() => undefined);
    try {
      await until(() => gateway.peers.length === 1);
      const peer = gateway.peers[0] as Socket;
      const cut = HELLO.length - 2;
      peer.write(serverFrame(BINARY, HELLO.subarray(0, cut)));
      peer.write(serverFrame(BINARY, HELLO.subarray(cut)));
      await until(() => shard.status === 'identifying');
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });

  /** A compressed shard connecting to a raw gateway, with its errors and connection count. */
  async function compressedShard(options: { maxPayload?: number }): Promise<{ gateway: RawGateway; shard: Shard; errors: Error[]; connects: () => number }> {
    const gateway = await startRawGateway();
    const shard = new Shard({ id: 0, totalShards: 1, token: 'token', intents: 0, url: gateway.url, transport, compress: true, reconnectDelayMs: () => 10, ...options });
    const errors: Error[] = [];
    let connects = 0;
    shard.on('error', (error) => errors.push(error));
    shard.on('connect', () => connects++);
    shard.connect().catch(() => undefined);
    return { gateway, shard, errors, connects: () => connects };
  }

  it('reports a corrupt stream as a GatewayDecodeError and opens a new connection', async () => {
    const { gateway, shard, errors, connects } = await compressedShard({});
    try {
      await until(() => gateway.peers.length === 1);
      const peer = gateway.peers[0] as Socket;
      peer.write(serverFrame(BINARY, HELLO));
      await until(() => shard.status === 'identifying');
      // Not deflate data, yet ended as a message would be.
      peer.write(serverFrame(BINARY, Buffer.from([1, 2, 3, 4, 5, 0x00, 0x00, 0xff, 0xff])));
      await until(() => connects() === 2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(GatewayDecodeError);
      expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_DECODE', cause: expect.objectContaining({ code: 'Z_DATA_ERROR' }) });
      // The new connection has a new inflate context: its own Hello decodes.
      await until(() => gateway.peers.length === 2);
      (gateway.peers[1] as Socket).write(serverFrame(BINARY, HELLO));
      await until(() => shard.status === 'identifying' || shard.status === 'resuming');
      expect(shard.status).not.toBe('closed');
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });

  it('bounds an inflated message by maxPayload, as an uncompressed one is: past it, a decode error and a new connection', async () => {
    const { gateway, shard, errors, connects } = await compressedShard({ maxPayload: 4096 });
    try {
      await until(() => gateway.peers.length === 1);
      const peer = gateway.peers[0] as Socket;
      // 40 KB of JSON that deflates to a few hundred bytes: small on the wire, too big inflated.
      const big = deflateSync(JSON.stringify({ op: 10, d: { heartbeat_interval: 60_000, padding: 'x'.repeat(40_000) } }), { finishFlush: constants.Z_SYNC_FLUSH });
      expect(big.length).toBeLessThan(4096);
      peer.write(serverFrame(BINARY, big));
      await until(() => connects() === 2);
      expect(errors[0]).toBeInstanceOf(GatewayDecodeError);
      expect(shard.status).not.toBe('identifying');
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });
});
