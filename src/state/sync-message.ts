import { patchesProblem } from './delta';
import type { SyncMessage } from './transport';

/** What is wrong with a value received as a sync message, or `undefined` if it is one. */
export function syncMessageProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const { seq, id, origin, patches } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return '`seq` is not a positive integer';
  if (typeof id !== 'string' || id === '') return '`id` is not a non-empty string';
  if (typeof origin !== 'string') return '`origin` is not a string';
  return patchesProblem(patches);
}

export function isSyncMessage(value: unknown): value is SyncMessage {
  return syncMessageProblem(value) === undefined;
}
