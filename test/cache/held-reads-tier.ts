import type { TierEntry } from '../../src/cache/tier';
import { MapByteTier } from './map-byte-tier';

/**
 * A slow durable tier: once `holdReads()` was called, a read takes what is stored at that moment
 * but answers only when released, so a test can change the other tiers in between.
 */
export class HeldReadsTier extends MapByteTier {
  private hold: Promise<void> | undefined;

  public override async get(key: string): Promise<TierEntry<Buffer> | undefined> {
    const found = await super.get(key);
    if (this.hold !== undefined) await this.hold;
    return found;
  }

  /** Holds the answers of reads from now on; the returned function lets them through. */
  public holdReads(): () => void {
    let release: () => void = () => undefined;
    this.hold = new Promise((resolve) => (release = resolve));
    return release;
  }
}
