import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to a real server that a test can cut and restore, to take a real Redis or
 * PostgreSQL "down" for one client without touching the shared service. The relay keeps its port
 * the whole time (a cut relay hangs up on everyone), so no parallel test can take it meanwhile.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private down = false;
  public port = 0;

  public constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  public async start(): Promise<void> {
    const server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Drops every connection and refuses new ones: the server looks dead. */
  public cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Relays again. */
  public restore(): void {
    this.down = false;
  }

  public async close(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * A loopback port held by a server that hangs up on every connection, so a client pointed at it
 * cannot talk to Redis or PostgreSQL. Holding the port (rather than releasing a free one) means no
 * other test running in parallel can bind it meanwhile.
 */
export async function deadEndpoint(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
