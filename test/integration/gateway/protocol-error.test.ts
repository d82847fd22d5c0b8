import type { Socket } from 'node:net';
import { GatewayProtocolError, Shard } from '../../../src/gateway';
import { serverFrame } from '../../gateway/transport/frames';
import { TRANSPORTS, until } from './fake-gateway-fixture';
import { startRawGateway, type RawGateway } from './raw-gateway';

/** A gateway that says Hello on every connection and lets the test write raw bytes to the latest one. */
const helloServer = (): Promise<RawGateway> => startRawGateway(serverFrame(1, JSON.stringify({ op: 10, d: { heartbeat_interval: 60_000 } })));

describe.each(TRANSPORTS)('Shard given a frame that breaks the protocol (transport %s)', (transport) => {
  it('reports a GatewayProtocolError and opens a new connection instead of crashing', async () => {
    const gateway = await helloServer();
    const shard = new Shard({ id: 0, totalShards: 1, token: 'token', intents: 0, url: gateway.url, transport, reconnectDelayMs: () => 10 });
    const errors: Error[] = [];
    let connects = 0;
    shard.on('error', (error) => errors.push(error));
    shard.on('connect', () => connects++);
    shard.connect().catch(() => undefined);
    try {
      await until(() => gateway.peers.length === 1 && shard.status === 'identifying');
      // Servers must not mask their frames (RFC 6455 5.1).
      gateway.peers[0]?.write(serverFrame(1, '{"op":11}', { mask: true }));
      await until(() => connects === 2);
      expect(errors[0]).toBeInstanceOf(GatewayProtocolError);
      expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1002 });
      expect(shard.status).not.toBe('closed');
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });
});
