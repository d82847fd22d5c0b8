import type { StateAction } from './action';
import type { StateTransportUnavailableError } from './state-errors';

/** Options of `StateSync`. */
export interface StateSyncOptions {
  /** Save a snapshot for late joiners every this many committed changes. @defaultValue 50 */
  readonly snapshotEvery?: number;
  /** Milliseconds between attempts to send local changes while the transport is down. @defaultValue 500 */
  readonly retryDelay?: number;
}

/** Events of a `StateSync`; none is named `error`, so none crashes the bot unheard. */
export interface StateSyncEvents {
  /** The transport became unreachable; local changes are kept and sent later. */
  down: [event: { readonly error: StateTransportUnavailableError }];
  /** The transport answers again; missed changes were fetched and kept ones are being sent. */
  up: [];
  /**
   * Something went wrong that sync recovered from: a malformed message, a failed snapshot save, a
   * log that lost data (`reset`, `StateLogRegressedError`), or changes left unsent by `stop()`.
   */
  syncError: [event: { readonly source: 'message' | 'snapshot' | 'stop' | 'reset'; readonly error: unknown }];
  /** Local changes that no longer applied on top of another instance's change were dropped. */
  conflict: [
    event: {
      readonly dropped: readonly StateAction[];
      readonly origin: string;
      /** The state this instance had, with the dropped changes. */
      readonly local: unknown;
      /** The state it has now, without them. */
      readonly remote: unknown;
    },
  ];
  /** This instance applied the shared log up to `seq` (its own changes included). */
  advanced: [event: { readonly seq: number }];
  /** The store was reloaded from the stored snapshot and the log (at start, or after a gap). */
  resync: [event: { readonly seq: number }];
}
