/** Options of a {@link SendQueue}. */
export interface SendQueueOptions {
  /** Sends allowed per window and connection. @defaultValue 120 (Discord's limit) */
  readonly limit?: number;
  /** Window length in milliseconds. @defaultValue 60000 */
  readonly windowMs?: number;
}

/**
 * The outgoing side of one shard. Discord disconnects (4008) a connection that sends more than 120
 * payloads in 60 s, heartbeats included, so ordinary payloads (presence, request members, voice)
 * may only use the part of the budget that heartbeats cannot need: `limit - 2 * ceil(window /
 * interval)` (two per interval covers regular beats and server-requested ones). Heartbeats,
 * identify and resume go out at once through {@link SendQueue.direct}.
 *
 * @example
 * ```ts
 * const queue = new SendQueue((data) => socket.send(data));
 * queue.setHeartbeatInterval(41_250);
 * queue.open();
 * queue.push(JSON.stringify({ op: 3, d: presence }));
 * ```
 */
export class SendQueue {
  private readonly limit: number;
  private readonly windowMs: number;
  private reserve = 2;
  /** Send times of the current window, oldest first. */
  private readonly sentAt: number[] = [];
  private readonly pending: string[] = [];
  private isOpen = false;
  private timer: NodeJS.Timeout | undefined;

  public constructor(
    private readonly write: (data: string) => void,
    options: SendQueueOptions = {},
  ) {
    this.limit = options.limit ?? 120;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Payloads waiting for room in the window. */
  public get size(): number {
    return this.pending.length;
  }

  /** How many ordinary payloads may still go out in the current window. */
  public get available(): number {
    this.prune(Date.now());
    return Math.max(0, this.limit - this.reserve - this.sentAt.length);
  }

  /** Sizes the heartbeat reserve from Hello's `heartbeat_interval`. */
  public setHeartbeatInterval(intervalMs: number): void {
    const beats = Math.ceil(this.windowMs / Math.max(1, intervalMs));
    // Real intervals (~41 s) reserve 4; test-sized intervals would reserve the whole window, so
    // heartbeats never claim more than half of it.
    this.reserve = Math.min(beats * 2, Math.floor(this.limit / 2));
  }

  /** Sends now, counting against the window: heartbeats, identify and resume. */
  public direct(data: string): void {
    this.sentAt.push(Date.now());
    this.write(data);
  }

  /** Queues an ordinary payload; it goes out as soon as the window and the connection allow. */
  public push(data: string): void {
    this.pending.push(data);
    this.flush();
  }

  /** The connection is authenticated: start draining. */
  public open(): void {
    this.isOpen = true;
    this.flush();
  }

  /** The connection closed: the window is per connection, queued payloads wait for the next one. */
  public close(): void {
    this.isOpen = false;
    this.sentAt.length = 0;
    this.clearTimer();
  }

  /** Drops everything, for shard destruction. */
  public destroy(): void {
    this.close();
    this.pending.length = 0;
  }

  private flush(): void {
    if (!this.isOpen) return;
    const now = Date.now();
    this.prune(now);
    while (this.pending.length > 0 && this.sentAt.length < this.limit - this.reserve) {
      this.sentAt.push(now);
      this.write(this.pending.shift() as string);
      if (!this.isOpen) return;
    }
    if (this.pending.length > 0 && this.timer === undefined) {
      const oldest = this.sentAt[0] ?? now;
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.flush();
        },
        Math.max(1, oldest + this.windowMs - now),
      );
      this.timer.unref();
    }
  }

  private prune(now: number): void {
    const horizon = now - this.windowMs;
    let expired = 0;
    while (expired < this.sentAt.length && (this.sentAt[expired] as number) <= horizon) expired++;
    if (expired > 0) this.sentAt.splice(0, expired);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
