import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, type FakeGatewayOptions } from '../../../../src/testing/fake-discord/gateway';
import { RawGatewayClient } from './raw-gateway-client';
import { TestWorld } from './test-world';

/** An http server on port 0 with a FakeGateway attached, plus the clients a test opened. */
export class GatewayHarness {
  public readonly clients: RawGatewayClient[] = [];

  private constructor(
    public readonly world: TestWorld,
    public readonly gateway: FakeGateway,
    private readonly server: Server,
    public readonly url: string,
  ) {}

  public static async start(world = new TestWorld(), options: FakeGatewayOptions = {}): Promise<GatewayHarness> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    const gateway = new FakeGateway(world, { identifyIntervalMs: 0, ...options }).attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new GatewayHarness(world, gateway, server, `ws://127.0.0.1:${port}`);
  }

  public async connect(query?: string): Promise<RawGatewayClient> {
    const client = await RawGatewayClient.connect(this.url, query);
    this.clients.push(client);
    return client;
  }

  /** Connects and identifies; resolves once READY arrived. */
  public async ready(identify: Record<string, unknown> = {}, query?: string): Promise<RawGatewayClient> {
    const client = await this.connect(query);
    await client.waitFor((p) => p.op === 10);
    client.identify(identify);
    await client.waitFor((p) => p.op === 0 && p.t === 'READY');
    return client;
  }

  public async stop(): Promise<void> {
    for (const client of this.clients) client.terminate();
    await this.gateway.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
