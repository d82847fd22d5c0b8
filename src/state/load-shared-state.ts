import { freeze } from 'immer';
import { patchValue } from './patch-state';
import { shapeOf } from './snapshot';
import { StateMalformedDeltaError, StateMalformedSnapshotError, StateTransportUnavailableError } from './state-errors';
import { syncMessageProblem } from './sync-message';
import type { StateTransport, SyncMessage } from './transport';

/** The shared state as a transport holds it: the stored snapshot with the log after it applied. */
export interface SharedState<S> {
  readonly state: S;
  readonly seq: number;
  /** The seq of the snapshot it started from (0 without one). */
  readonly snapshotSeq: number;
  /** Which of the given local change ids the log already holds (accepted, answer lost). */
  readonly own: ReadonlySet<string>;
}

/**
 * Reads the snapshot and the log after it. Throws `StateTransportUnavailableError` when the
 * transport cannot be reached, `StateMalformedSnapshotError` or `StateMalformedDeltaError` when
 * what it holds cannot rebuild the state (nothing is applied then).
 */
export async function loadSharedState<S>(transport: StateTransport, store: string, initial: S, localIds: ReadonlySet<string>): Promise<SharedState<S>> {
  let snapshot;
  let messages: readonly unknown[] | undefined;
  try {
    snapshot = await transport.loadSnapshot();
    messages = await transport.readSince(snapshot?.seq ?? 0);
  } catch (error) {
    if (error instanceof StateTransportUnavailableError) throw error;
    throw new StateTransportUnavailableError(transport.target, 'load the shared state', { cause: error });
  }
  if (snapshot !== undefined && (!Number.isSafeInteger(snapshot.seq) || shapeOf(snapshot.state) !== shapeOf(initial))) {
    throw new StateMalformedSnapshotError(store, `the stored snapshot holds ${shapeOf(snapshot.state)} at seq ${String(snapshot.seq)}`);
  }
  if (messages === undefined) {
    throw new StateMalformedSnapshotError(
      store,
      `the log no longer reaches back to the stored snapshot (seq ${snapshot?.seq ?? 0}); save snapshots more often (snapshotEvery) or keep a longer log`,
    );
  }
  let state = snapshot === undefined ? initial : freeze(snapshot.state as S, true);
  let seq = snapshot?.seq ?? 0;
  const own = new Set<string>();
  for (const raw of messages) {
    const problem = syncMessageProblem(raw);
    if (problem !== undefined) throw new StateMalformedDeltaError(store, `log entry: ${problem}`);
    const message = raw as SyncMessage;
    if (message.seq <= seq) continue;
    try {
      state = patchValue(state, message.patches);
    } catch (error) {
      throw new StateMalformedDeltaError(store, `log entry ${message.seq} does not apply`, { cause: error });
    }
    seq = message.seq;
    if (localIds.has(message.id)) own.add(message.id);
  }
  return { state, seq, snapshotSeq: snapshot?.seq ?? 0, own };
}
