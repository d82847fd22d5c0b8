import { constants, inflateSync } from 'node:zlib';
import type { GatewayReceivePayload } from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import { TEST_TOKEN } from './test-world';

type Predicate = (payload: GatewayReceivePayload) => boolean;

/** A bare `ws` client that records every payload, decoding zlib-stream with one shared context. */
export class RawGatewayClient {
  public readonly payloads: GatewayReceivePayload[] = [];
  public readonly frames: { binary: boolean; bytes: Buffer }[] = [];
  public readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters: { predicate: Predicate; count: number; resolve: (p: GatewayReceivePayload) => void }[] = [];
  private compressed: Buffer[] = [];
  private inflatedLength = 0;

  private constructor(public readonly ws: WebSocket, private readonly zlibStream: boolean) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data: Buffer, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', () => undefined);
  }

  public static async connect(baseUrl: string, query = 'v=10&encoding=json'): Promise<RawGatewayClient> {
    const ws = new WebSocket(`${baseUrl}/?${query}`);
    const client = new RawGatewayClient(ws, query.includes('compress=zlib-stream'));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  public send(payload: unknown): void {
    this.ws.send(JSON.stringify(payload));
  }

  public sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Resolves with the `count`-th payload (counting from the start) that matches. */
  public waitFor(predicate: Predicate, count = 1): Promise<GatewayReceivePayload> {
    const seen = this.payloads.filter(predicate);
    const hit = seen[count - 1];
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise((resolve) => this.waiters.push({ predicate, count, resolve }));
  }

  public dispatches(t?: string): GatewayReceivePayload[] {
    return this.payloads.filter((p) => p.op === 0 && (t === undefined || p.t === t));
  }

  public identify(extra: Record<string, unknown> = {}): void {
    this.send({ op: 2, d: { token: TEST_TOKEN, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra } });
  }

  public async close(code = 1000): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(code);
    await this.closed;
  }

  public terminate(): void {
    this.ws.terminate();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.frames.push({ binary: isBinary, bytes: data });
    let text: string;
    if (this.zlibStream) {
      this.compressed.push(data);
      const all = inflateSync(Buffer.concat(this.compressed), { finishFlush: constants.Z_SYNC_FLUSH });
      text = all.subarray(this.inflatedLength).toString('utf8');
      this.inflatedLength = all.length;
    } else if (isBinary) {
      text = inflateSync(data).toString('utf8');
    } else {
      text = data.toString('utf8');
    }
    const payload = JSON.parse(text) as GatewayReceivePayload;
    this.payloads.push(payload);
    for (const waiter of [...this.waiters]) {
      if (this.payloads.filter(waiter.predicate).length >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(this.payloads.filter(waiter.predicate)[waiter.count - 1] as GatewayReceivePayload);
      }
    }
  }
}
