import type { EventEmitter } from 'node:events';
import type { CacheEvents } from './cache-events';
import type { CacheStats } from './cache-stats';
import type { SlotReport } from './tier-slot';

/** Turns what a tier slot reports into the Cache's stats and events. */
export function emitSlotReport(events: EventEmitter<CacheEvents>, statistics: CacheStats, report: SlotReport): void {
  switch (report.type) {
    case 'down':
      statistics.error(report.tier);
      events.emit('tierDown', { tier: report.tier, operation: report.operation, error: report.error });
      return;
    case 'up':
      events.emit('tierUp', { tier: report.tier });
      return;
    case 'corrupt':
      events.emit('backgroundError', { source: 'decode', error: report.error });
      return;
    case 'writeBehindError':
      events.emit('backgroundError', { source: 'write-behind', error: report.error });
      return;
  }
}
