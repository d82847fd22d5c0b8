import type { Socket } from 'node:net';
import { GatewayProtocolError, Shard } from '../../../src/gateway';
import { serverFrame } from '../../gateway/transport/frames';
import { TRANSPORTS, until } from './fake-gateway-fixture';
import { startRawGateway, type RawGateway } from './raw-gateway';

/** A gateway that says Hello on every connection and lets the test write raw bytes to the latest one. */
const helloServer = (): Promise<RawGateway> => startRawGateway(serverFrame(1, JSON.stringify({ op: 10, d: { heartbeat_interval: 60_000 } })));

/** A shard of the given transport connected to a fresh hello server, waiting for READY; what it reported so far. */
async function identifyingShard(transport: (typeof TRANSPORTS)[number]): Promise<{ gateway: RawGateway; shard: Shard; errors: Error[]; connects: () => number }> {
  const gateway = await helloServer();
  const shard = new Shard({ id: 0, totalShards: 1, token: 'token', intents: 0, url: gateway.url, transport, reconnectDelayMs: () => 10 });
  const errors: Error[] = [];
  let connects = 0;
  shard.on('error', (error) => errors.push(error));
  shard.on('connect', () => connects++);
  shard.connect().catch(() => undefined);
  await until(() => gateway.peers.length === 1 && shard.status === 'identifying');
  return { gateway, shard, errors, connects: () => connects };
}

describe.each(TRANSPORTS)('Shard given a frame that breaks the protocol (transport %s)', (transport) => {
  it('reports a GatewayProtocolError and opens a new connection instead of crashing', async () => {
    const { gateway, shard, errors, connects } = await identifyingShard(transport);
    try {
      // Servers must not mask their frames (RFC 6455 5.1).
      gateway.peers[0]?.write(serverFrame(1, '{"op":11}', { mask: true }));
      await until(() => connects() === 2);
      expect(errors[0]).toBeInstanceOf(GatewayProtocolError);
      expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1002 });
      expect(shard.status).not.toBe('closed');
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });

  it('closes with 1007 and resumes when a text message is not UTF-8, and skips one that is not JSON', async () => {
    const { gateway, shard, errors, connects } = await identifyingShard(transport);
    try {
      const first = gateway.peers[0] as Socket;
      const fromClient: Buffer[] = [];
      first.on('data', (data: Buffer) => {
        fromClient.push(data);
        // Answer the close as a server would, so the test does not wait out the close grace.
        if (closeCodesIn(Buffer.concat(fromClient)).length > 0) first.destroy();
      });
      // Valid UTF-8 that is not JSON: reported, skipped, the connection stays.
      first.write(serverFrame(1, '{"op":11,'));
      await until(() => errors.length === 1);
      expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_DECODE' });
      expect(connects()).toBe(1);
      // A string holding 0xC3 0x28 (not UTF-8) inside otherwise valid JSON.
      first.write(serverFrame(1, Buffer.concat([Buffer.from('{"op":0,"t":"X","s":1,"d":{"content":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')])));
      await until(() => connects() === 2);
      expect(errors[1]).toBeInstanceOf(GatewayProtocolError);
      expect(errors[1]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1007 });
      expect(closeCodesIn(Buffer.concat(fromClient))).toContain(1007);
      expect(shard.sequence).toBe(0);
    } finally {
      await shard.destroy();
      await gateway.close();
    }
  });
});

/** The close codes of the (masked) close frames a client sent, read from its raw bytes. */
function closeCodesIn(bytes: Buffer): number[] {
  const codes: number[] = [];
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = (bytes[offset] as number) & 0x0f;
    let length = (bytes[offset + 1] as number) & 0x7f;
    let header = 2;
    if (length === 126) {
      length = bytes.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(offset + 2));
      header = 10;
    }
    const mask = bytes.subarray(offset + header, offset + header + 4);
    const payload = bytes.subarray(offset + header + 4, offset + header + 4 + length);
    if (opcode === 0x8 && payload.length >= 2) codes.push((((payload[0] as number) ^ (mask[0] as number)) << 8) | ((payload[1] as number) ^ (mask[1] as number)));
    offset += header + 4 + length;
  }
  return codes;
}
