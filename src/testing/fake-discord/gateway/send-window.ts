/**
 * Discord's per-connection send limit (120 payloads per 60 s, heartbeats included). A fixed window
 * opened by the first payload, as the gateway counts it.
 */
export class SendWindow {
  private windowStart = 0;
  private count = 0;

  public constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one payload; false when it goes over the limit (the server then closes with 4008). */
  public tryCount(now: number): boolean {
    if (this.count === 0 || now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.limit;
  }
}
