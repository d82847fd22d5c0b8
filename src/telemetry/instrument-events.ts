import type { EventPipeline, PipelineEvent, PipelineHandlerError } from '../gateway';
import { SPAN_KIND, type TelemetryAttributes, type TelemetrySpan } from './otel-types';
import { counter, fail, histogram, startSpan } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentEvents` records. */
export const EVENT_METRICS = {
  handled: 'discord.events.handled',
  duration: 'discord.events.duration',
  errors: 'discord.events.handler_errors',
} as const;

// Outside any priority a bot would pick, so the span opens before the first handler and closes
// after the last.
const FIRST = Number.MAX_SAFE_INTEGER;
const LAST = Number.MIN_SAFE_INTEGER;

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
 * `discord.shard_id`, `discord.guild_id` and `discord.sequence`), covering the synchronous part
 * of every handler; a handler that throws marks it failed. Metrics: events handled by type, the
 * delivery duration (seconds), and handler errors by type (async rejections included).
 *
 * How: a transformer sees every dispatch; the first time a type with handlers appears it adds
 * two handlers of its own for that type, one before every other and one after, which open and
 * close the span. Types nobody handles get neither, so `handlerCount` stays 0 for them.
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
  const duration = histogram(meter, EVENT_METRICS.duration, 'Time spent in the synchronous part of the handlers of one dispatch', 's');
  const errors = counter(meter, EVENT_METRICS.errors, 'Event handlers that threw or rejected, by type');
  const open = new WeakMap<PipelineEvent, OpenEvent>();
  // One metric attribute object per event type and shard, reused rather than built per dispatch
  // (the event path is the hot one). Bounded by the dispatch types times this process's shards.
  const labels = new Map<string, TelemetryAttributes>();
  const labelsOf = (event: PipelineEvent): TelemetryAttributes => {
    const key = `${event.type}:${event.shardId}`;
    let found = labels.get(key);
    if (found === undefined) {
      found = Object.freeze({ 'discord.event': event.type, 'discord.shard_id': event.shardId });
      labels.set(key, found);
    }
    return found;
  };
  const removers = new Map<string, () => void>();

  const begin = (event: PipelineEvent): void => {
    const span = startSpan(tracer, `event ${event.type}`, {
      kind: SPAN_KIND.CONSUMER,
      attributes: { 'discord.event': event.type, 'discord.shard_id': event.shardId, 'discord.guild_id': guildOf(event), 'discord.sequence': event.sequence },
    });
    open.set(event, { span, started: performance.now(), errors: 0 });
  };
  const finish = (event: PipelineEvent): void => {
    const state = open.get(event);
    if (state === undefined) return;
    open.delete(event);
    state.span.end();
    const attributes = labelsOf(event);
    handled.add(1, attributes);
    duration.record((performance.now() - state.started) / 1000, state.errors > 0 ? { ...attributes, 'error.type': 'handler_error' } : attributes);
  };
  const watch = (type: string): void => {
    if (removers.has(type)) return;
    const removeFirst = pipeline.handle(type, begin, { priority: FIRST });
    const removeLast = pipeline.handle(type, finish, { priority: LAST });
    removers.set(type, () => {
      removeFirst();
      removeLast();
    });
  };
  const unwatch = (type: string): void => {
    removers.get(type)?.();
    removers.delete(type);
  };

  const removeTransformer = pipeline.addTransformer((event) => {
    // Our two handlers count too: with only them left the bot stopped handling this type.
    const own = removers.has(event.type) ? 2 : 0;
    const others = pipeline.handlerCount(event.type) - own;
    if (others > 0) watch(event.type);
    else if (own > 0) unwatch(event.type);
    return event;
  });
  const onHandlerError = (failure: PipelineHandlerError): void => {
    errors.add(1, labelsOf(failure.event));
    const state = open.get(failure.event);
    if (state === undefined) return; // rejected after delivery: counted, the span is already closed
    state.errors += 1;
    fail(state.span, failure.error);
    state.span.setAttribute('discord.handler', failure.handler);
  };
  pipeline.on('handlerError', onHandlerError);

  return () => {
    removeTransformer();
    for (const remove of removers.values()) remove();
    removers.clear();
    pipeline.off('handlerError', onHandlerError);
  };
}
