import type { AccessTracker } from './access-tracker';
import type { CallGate } from './call-gate';
import { assertKey, fullKey } from './cache-keys';

/**
 * Admits a read (`get`, `getOrSet`): the Cache is open and the key valid. Gives the stored key,
 * with the access counted for warming, or the rejected promise a refused read answers with.
 * Rejecting rather than throwing lets the readers stay non-`async`, which spares memory hits (most
 * reads) a promise, while bad input still rejects like every other call.
 */
export function admitRead(gate: CallGate, tracker: AccessTracker, namespace: string, key: string): string | Promise<never> {
  try {
    gate.assertOpen();
    assertKey(key);
  } catch (error) {
    return Promise.reject(error);
  }
  const stored = fullKey(namespace, key);
  tracker.record(stored);
  return stored;
}
