import type { GatewayDispatchEvents } from 'discord-api-types/v10';

/** Delivery lane of an event type; a burst received together is delivered lane by lane. */
export type EventPriority = 'high' | 'normal' | 'low';

/** One dispatch travelling through the {@link EventPipeline}. */
export interface PipelineEvent<D = unknown> {
  /** The dispatch name (`t`), e.g. `MESSAGE_CREATE`. */
  readonly type: GatewayDispatchEvents | `${GatewayDispatchEvents}`;
  /** The dispatch data (`d`), possibly replaced by a transformer. */
  readonly data: D;
  readonly shardId: number;
  /** The dispatch's `s`. */
  readonly sequence: number;
  /** `Date.now()` when the pipeline received it (read once for the dispatches fed in the same tick, as one socket read brings them). */
  readonly receivedAt: number;
}

/** Replaces an event (e.g. raw payload to a richer object), or returns `null` to drop it. */
export type PipelineTransformer = (event: PipelineEvent) => PipelineEvent | null;

/** Returns `false` to drop an event before any handler sees it. */
export type PipelineFilter = (event: PipelineEvent) => boolean;

/** Receives events one at a time; may return a promise, whose rejection is reported like a throw. */
export type PipelineHandler = (event: PipelineEvent) => unknown;

/** Receives one flush of a batched event type at once. */
export type PipelineBatchHandler = (events: readonly PipelineEvent[]) => unknown;

/**
 * Wraps the delivery of one event to all of its handlers, e.g. to run it inside a per-event DI
 * scope. Must call `deliver` exactly once, synchronously: a second call, or one after the wrapper
 * returned, throws `OVEN_ERR_GATEWAY_INVALID_OPTION` and delivers nothing.
 *
 * @example
 * ```ts
 * const pipeline = new EventPipeline({ wrap: (event, deliver) => EventScope.run(event, deliver) });
 * ```
 */
export type PipelineWrapper = (event: PipelineEvent, deliver: () => void) => void;

/** Batching of high-volume event types. */
export interface PipelineBatchOptions {
  /** Event types to batch. @defaultValue ['PRESENCE_UPDATE', 'TYPING_START'] */
  readonly types?: readonly string[];
  /** Longest an event may wait in a batch. @defaultValue 100 */
  readonly maxDelayMs?: number;
  /** A batch is flushed as soon as it holds this many events. @defaultValue 500 */
  readonly maxSize?: number;
}

/** Options of an {@link EventPipeline}. */
export interface EventPipelineOptions {
  /** Lanes by event type, merged over the defaults (interactions high, presence and typing low). */
  readonly priorities?: Readonly<Record<string, EventPriority>>;
  /** Batching of high-volume types; `false` turns it off. */
  readonly batch?: PipelineBatchOptions | false;
  /** Events kept for {@link EventPipeline.replay}; 0 turns the log off. @defaultValue 100 */
  readonly replayLogSize?: number;
  /** Runs around each event's delivery (per-event scope). */
  readonly wrap?: PipelineWrapper;
}

/** What a failing handler reports. */
export interface PipelineHandlerError {
  readonly error: unknown;
  readonly event: PipelineEvent;
  /** The handler's function name, or `anonymous`. */
  readonly handler: string;
}

/** What `processed` reports: a dispatch whose handlers have all returned or settled. */
export interface PipelineProcessed {
  readonly event: PipelineEvent;
  /** Handlers the dispatch was delivered to (0 when none listens to its type). */
  readonly handlerCount: number;
}

/** Events of an {@link EventPipeline}. */
export interface EventPipelineEvents {
  handlerError: [failure: PipelineHandlerError];
  /**
   * Every handler of a dispatch returned, and the promises they returned settled. Only tracked
   * while someone listens: with no listener, delivery does no extra work.
   */
  processed: [processed: PipelineProcessed];
}

/** Options of one handler registration. */
export interface PipelineHandlerOptions {
  /** Higher runs first among the handlers of the same event type. @defaultValue 0 */
  readonly priority?: number;
}

/** Which logged events {@link EventPipeline.replay} delivers. */
export interface ReplayQuery {
  readonly types?: readonly string[];
  readonly shardId?: number;
  /** Only events received at or after this `Date.now()` value. */
  readonly since?: number;
}
