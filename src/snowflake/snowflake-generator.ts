import { DISCORD_EPOCH, type Snowflake } from './snowflake';

/**
 * Makes snowflakes the way Discord does (timestamp, worker, process, increment), so IDs minted by
 * the fake Discord sort by creation time and decode to real dates.
 *
 * @example
 * ```ts
 * const ids = new SnowflakeGenerator();
 * const messageId = ids.next();
 * ```
 */
export class SnowflakeGenerator {
  private lastTimestamp = 0n;
  private increment = 0n;

  public constructor(
    private readonly workerId = 1,
    private readonly processId = 0,
    private readonly clock: () => number = Date.now,
  ) {}

  public next(): Snowflake {
    let timestamp = BigInt(this.clock()) - DISCORD_EPOCH;
    // Keep IDs strictly increasing even if the clock stalls or steps back.
    if (timestamp <= this.lastTimestamp) {
      timestamp = this.lastTimestamp;
      this.increment = (this.increment + 1n) & 0xfffn;
      if (this.increment === 0n) timestamp += 1n;
    } else {
      this.increment = 0n;
    }
    this.lastTimestamp = timestamp;
    const id =
      (timestamp << 22n) |
      ((BigInt(this.workerId) & 0x1fn) << 17n) |
      ((BigInt(this.processId) & 0x1fn) << 12n) |
      this.increment;
    return id.toString() as Snowflake;
  }
}
