import type { EventEmitter } from 'node:events';
import type { CallGate } from './call-gate';
import type { CacheEvents } from './cache-events';
import type { CacheSync, InvalidationMessage } from './cache-sync';
import type { ChangeMarker } from './change-marker';
import type { TierChain } from './tier-chain';

/**
 * A Cache's side of cross-instance sync: publishes its own changes, applies the other instances'
 * to this process's tiers one message at a time, and clears those tiers when messages may have
 * been missed.
 */
export class SyncLink {
  /** Resolves once `sync` (if any) is listening; a failure is reported, not thrown. */
  public readonly subscribed: Promise<void>;
  private applying: Promise<void> = Promise.resolve();

  public constructor(
    private readonly sync: CacheSync | undefined,
    private readonly instanceId: string,
    private readonly chain: TierChain,
    private readonly marker: ChangeMarker,
    private readonly gate: CallGate,
    private readonly events: EventEmitter<CacheEvents>,
  ) {
    this.subscribed =
      sync === undefined
        ? Promise.resolve()
        : sync.subscribe((message) => this.onRemote(message), () => this.onMissed()).catch((error: unknown) => {
            this.events.emit('backgroundError', { source: 'sync', error });
          });
  }

  /** Never rejects: the local change stands whatever happens to its message. */
  public async publish(message: Omit<InvalidationMessage, 'origin'>): Promise<void> {
    if (this.sync === undefined) return;
    try {
      await this.sync.publish({ origin: this.instanceId, ...message });
    } catch (error) {
      this.events.emit('backgroundError', { source: 'sync', error });
    }
  }

  /** Resolves when the messages heard so far are applied. */
  public idle(): Promise<void> {
    return this.applying;
  }

  public async close(): Promise<void> {
    await this.sync?.close();
  }

  private onRemote(message: InvalidationMessage): void {
    if (message.origin === this.instanceId || this.gate.closing) return;
    this.enqueue(() => this.applyRemote(message));
  }

  private onMissed(): void {
    if (this.gate.closing) return;
    this.enqueue(() => this.resync());
  }

  /** In order: a message heard after a gap is applied after the clear that the gap caused. */
  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying.then(work).catch((error: unknown) => {
      this.events.emit('backgroundError', { source: 'sync', error });
    });
  }

  private async resync(): Promise<void> {
    if (this.gate.closed) return;
    this.marker.prefix('');
    await this.chain.clear('', 'local');
    this.events.emit('resynced', { tiers: this.chain.localTierNames() });
  }

  private async applyRemote(message: InvalidationMessage): Promise<void> {
    if (this.gate.closed) return;
    for (const prefix of message.prefixes) {
      this.marker.prefix(prefix);
      await this.chain.clear(prefix, 'local');
    }
    const roots = await this.chain.keysWithTag(message.tags, 'local');
    for (const key of message.keys) roots.add(key);
    const doomed = await this.chain.closure(roots, 'local');
    this.marker.keys(doomed);
    await this.chain.remove(doomed, 'local');
    await this.chain.removeRecentCopies(doomed, message.prefixes);
    this.events.emit('invalidated', { keys: [...doomed], tags: message.tags, remote: true });
  }
}
