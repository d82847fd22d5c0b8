import type { AccessTracker } from './access-tracker';
import { isHotKeyStore } from './tier';
import type { TierChain } from './tier-chain';
import type { TierSlot } from './tier-slot';

/**
 * Predictive warming: picks a namespace's most read keys (counted here, and remembered by hot-key
 * tiers across restarts) and loads those missing from the top tier out of the lower ones.
 */
export class Warmer {
  public constructor(
    private readonly chain: TierChain,
    private readonly tracker: AccessTracker,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Returns how many keys were loaded into the upper tiers. */
  public async warm(namespace: string, limit: number): Promise<number> {
    const candidates = new Set(this.tracker.hottest(namespace, limit));
    for (const slot of this.chain.slots) {
      const tier = slot.tier;
      if (!isHotKeyStore(tier) || !(await slot.available())) continue;
      try {
        for (const key of await tier.hottestKeys(namespace, limit)) candidates.add(key);
      } catch (error) {
        this.onError(error);
      }
    }
    const top = this.chain.slots[0] as TierSlot;
    const prefix = `${namespace}:`;
    let warmed = 0;
    for (const stored of [...candidates].slice(0, limit)) {
      if (!stored.startsWith(prefix)) continue;
      if ((await top.read(stored)).status === 'hit') continue;
      if ((await this.chain.readUncounted(namespace, stored, 1)) !== undefined) warmed += 1;
    }
    return warmed;
  }

  /** Adds the counts gathered since the last call to every hot-key tier that is up. */
  public async persist(): Promise<void> {
    const counts = this.tracker.drain();
    if (counts.size === 0) return;
    for (const slot of this.chain.slots) {
      const tier = slot.tier;
      if (!isHotKeyStore(tier) || !(await slot.available())) continue;
      for (const [namespace, keys] of counts) {
        try {
          await tier.recordAccess(namespace, keys);
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }
}
