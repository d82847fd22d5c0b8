import { performance } from 'node:perf_hooks';
import type { EventPipeline, PipelineEvent, PipelineHandlerError, PipelineProcessed } from '../gateway';
import { SPAN_KIND, type TelemetryAttributes, type TelemetrySpan } from './otel-types';
import { counter, fail, histogram, messageOf, startCleanSpan } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentEvents` records. */
export const EVENT_METRICS = {
  handled: 'discord.events.handled',
  duration: 'discord.events.duration',
  errors: 'discord.events.handler_errors',
} as const;

// Above any priority a bot would pick, so the span opens before the first handler runs.
const FIRST = Number.MAX_SAFE_INTEGER;

interface OpenEvent {
  readonly span: TelemetrySpan;
  readonly started: number;
  errors: number;
}

function guildOf(event: PipelineEvent): string | undefined {
  const guildId = (event.data as { guild_id?: unknown } | null)?.guild_id;
  return typeof guildId === 'string' ? guildId : undefined;
}

/**
 * Traces the handling of gateway dispatches through an `EventPipeline`'s public stages: one
 * CONSUMER span per dispatch that has handlers (`event MESSAGE_CREATE`, with `discord.event`,
 * `discord.shard_id`, `discord.guild_id` and `discord.sequence`), from delivery until every
 * handler returned and every promise a handler returned settled, so an async handler's awaits
 * are inside it. A handler that throws or rejects marks it failed (the first error sets the
 * status and `discord.handler`; every error is recorded as an exception). Metrics: events
 * handled by type, the handling duration (seconds, to the last handler settling), and handler
 * errors by type.
 *
 * How: a transformer sees every dispatch; the first time a type with handlers appears it adds a
 * handler of its own for that type, ahead of every other, which opens the span. The pipeline's
 * `processed` event (emitted once all handlers of a dispatch settled, and only tracked while
 * someone listens) closes it. Types nobody handles get no handler, so `handlerCount` stays 0.
 * Call it before events flow (at startup, as `TelemetryModule` does), not from inside a handler:
 * the pipeline decides whether to track `processed` when it starts delivering a burst.
 *
 * @example
 * ```ts
 * const detach = instrumentEvents(client.pipeline, { tracer, meter });
 * ```
 */
export function instrumentEvents(pipeline: EventPipeline, options: TelemetryOptions): () => void {
  const where = 'instrumentEvents';
  checkTarget(pipeline, where, 'an EventPipeline (client.pipeline)', ['addTransformer', 'handle', 'handlerCount', 'on', 'off']);
  const { tracer, meter } = checkTelemetryOptions(options, where);
  const handled = counter(meter, EVENT_METRICS.handled, 'Gateway dispatches delivered to handlers, by type');
  const duration = histogram(meter, EVENT_METRICS.duration, 'Time from delivering one dispatch until its last handler returned or settled', 's');
  const errors = counter(meter, EVENT_METRICS.errors, 'Event handlers that threw or rejected, by type');
  // A clock read costs about as much as the rest of a span here; without a meter nobody wants it
  // (a tracer's spans carry their own timestamps).
  const timed = meter !== undefined;
  // Open spans by event. The dispatch being delivered sits in `current`: when every handler is
  // synchronous, `processed` follows within the same delivery and the WeakMap is never touched.
  // Only a dispatch still awaiting handlers when the next one starts moves to `waiting` (weak: a
  // handler whose promise never settles must not pin its event and span here forever).
  let current: PipelineEvent | undefined;
  let currentState: OpenEvent | undefined;
  const waiting = new WeakMap<PipelineEvent, OpenEvent>();
  const stateOf = (event: PipelineEvent): OpenEvent | undefined => (event === current ? currentState : waiting.get(event));
  // Spans opened and not yet closed; after detaching, `processed` is listened to until this is 0.
  let pending = 0;
  let attached = true;
  // Per event type: the span name and one metric attribute object per shard, reused rather than
  // built per dispatch (the event path is the hot one). Bounded by the dispatch types times this
  // process's shards.
  const types = new Map<string, { readonly spanName: string; readonly labels: Map<number, TelemetryAttributes> }>();
  const typeOf = (type: string): { readonly spanName: string; readonly labels: Map<number, TelemetryAttributes> } => {
    let found = types.get(type);
    if (found === undefined) {
      found = { spanName: `event ${type}`, labels: new Map() };
      types.set(type, found);
    }
    return found;
  };
  const labelsOf = (event: PipelineEvent): TelemetryAttributes => {
    const { labels } = typeOf(event.type);
    let found = labels.get(event.shardId);
    if (found === undefined) {
      found = Object.freeze({ 'discord.event': event.type, 'discord.shard_id': event.shardId });
      labels.set(event.shardId, found);
    }
    return found;
  };
  const removers = new Map<string, () => void>();

  const begin = (event: PipelineEvent): void => {
    const attributes: TelemetryAttributes = { 'discord.event': event.type, 'discord.shard_id': event.shardId, 'discord.sequence': event.sequence };
    const guildId = guildOf(event);
    if (guildId !== undefined) attributes['discord.guild_id'] = guildId;
    const state: OpenEvent = { span: startCleanSpan(tracer, typeOf(event.type).spanName, SPAN_KIND.CONSUMER, attributes), started: timed ? performance.now() : 0, errors: 0 };
    if (current !== undefined) waiting.set(current, currentState!);
    current = event;
    currentState = state;
    pending += 1;
  };
  // Listening to `processed` makes the pipeline keep the promises handlers return (part of the
  // cost of exact spans), so it is listened to only while this instrument is attached.
  const onProcessed = ({ event, handlerCount }: PipelineProcessed): void => {
    if (handlerCount === 0) return;
    const state = stateOf(event);
    if (state === undefined) return;
    if (event === current) {
      current = undefined;
      currentState = undefined;
    } else {
      waiting.delete(event);
    }
    pending -= 1;
    if (state.errors > 1) state.span.setAttribute('discord.handler_errors', state.errors);
    state.span.end();
    const attributes = labelsOf(event);
    handled.add(1, attributes);
    if (timed) duration.record((performance.now() - state.started) / 1000, state.errors > 0 ? { ...attributes, 'error.type': 'handler_error' } : attributes);
    if (!attached && pending === 0) stopListening();
  };
  const onHandlerError = (failure: PipelineHandlerError): void => {
    const state = stateOf(failure.event);
    if (attached || state !== undefined) errors.add(1, labelsOf(failure.event));
    if (state === undefined) return; // delivered before its type was watched: counted only
    state.errors += 1;
    if (state.errors === 1) {
      fail(state.span, failure.error);
      state.span.setAttribute('discord.handler', failure.handler);
    } else {
      state.span.recordException(failure.error instanceof Error ? failure.error : messageOf(failure.error));
    }
  };
  const stopListening = (): void => {
    pipeline.off('processed', onProcessed);
    pipeline.off('handlerError', onHandlerError);
  };
  const watch = (type: string): void => {
    if (removers.has(type)) return;
    removers.set(type, pipeline.handle(type, begin, { priority: FIRST }));
  };
  const unwatch = (type: string): void => {
    removers.get(type)?.();
    removers.delete(type);
  };

  const removeTransformer = pipeline.addTransformer((event) => {
    // Our handler counts too: with only it left the bot stopped handling this type.
    const own = removers.has(event.type) ? 1 : 0;
    const others = pipeline.handlerCount(event.type) - own;
    if (others > 0) watch(event.type);
    else if (own > 0) unwatch(event.type);
    return event;
  });
  pipeline.on('processed', onProcessed);
  pipeline.on('handlerError', onHandlerError);

  return () => {
    if (!attached) return;
    attached = false;
    removeTransformer();
    for (const remove of removers.values()) remove();
    removers.clear();
    // Spans of dispatches whose async handlers are still running end when those settle (a
    // handler that never settles keeps these two listeners, and nothing else, attached).
    if (pending === 0) stopListening();
  };
}
