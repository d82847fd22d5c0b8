import { randomBytes } from 'node:crypto';
import { constants, createDeflate } from 'node:zlib';
import { ZlibInflater, type ZlibInflaterOptions } from '../../src/gateway/zlib-inflater';

export const SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** Compresses messages the way Discord's zlib-stream does: one context, a sync flush per message. */
export async function compress(messages: string[]): Promise<Buffer[]> {
  const deflate = createDeflate();
  const out: Buffer[] = [];
  let chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  for (const message of messages) {
    deflate.write(message);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    out.push(Buffer.concat(chunks));
    chunks = [];
  }
  deflate.close();
  return out;
}

/** MESSAGE_CREATE-like dispatches with varying ids, authors and contents (some not ASCII). */
export function gatewayMessages(count: number): string[] {
  const words = ['bread', 'sourdough', 'crust', 'crème brûlée', 'starter', '面包', 'oven', '🍞', 'flat', 'proof'];
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      op: 0,
      t: 'MESSAGE_CREATE',
      s: i + 2,
      d: {
        id: String(1310000000000000000n + BigInt(i) * 4194304n + BigInt((i * 7919) % 4194304)),
        channel_id: String(1300000000000000100n + BigInt(i % 7)),
        author: { id: String(1300000000000005000n + BigInt((i * 31) % 97)), username: `user${(i * 31) % 97}`, global_name: null },
        content: Array.from({ length: 3 + ((i * 13) % 40) }, (_, w) => words[(i + w * 3) % words.length]).join(' '),
        mentions: [],
        embeds: [],
      },
    }),
  );
}

/** JSON whose text does not compress: inflated and compressed sizes are about equal. */
export function incompressibleMessage(bytes: number): string {
  return JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', d: { content: randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64') } });
}

/** An inflater that records what it delivers, and when (inside `push`, or after it returned). */
export class Recorder {
  public readonly messages: string[] = [];
  public readonly errors: Error[] = [];
  /** Messages delivered while a `push` was running. */
  public duringPush = 0;
  public readonly inflater: ZlibInflater;
  private pushing = false;
  private waiters: (() => void)[] = [];

  public constructor(options?: ZlibInflaterOptions) {
    this.inflater = new ZlibInflater(
      (data, start, end) => {
        this.messages.push(data.toString('utf8', start, end));
        if (this.pushing) this.duringPush++;
        this.wake();
      },
      (error) => {
        this.errors.push(error);
        this.wake();
      },
      options,
    );
  }

  public push(...frames: Buffer[]): void {
    this.pushing = true;
    try {
      for (const frame of frames) this.inflater.push(frame);
    } finally {
      this.pushing = false;
    }
  }

  /** Resolves once `done()` holds, checked after each delivery (the stream engine delivers later). */
  public async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /**
   * Gives a stream engine's thread-pool work time to finish, before checking that nothing more
   * arrived (tests pair this with a control inflater that did receive its messages).
   */
  public async settle(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  public close(): void {
    this.inflater.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
