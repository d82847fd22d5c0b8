import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Client, OnEvent, OvenModule } from '../../src/client';
import { Injectable, Module, OvenFactory } from '../../src/di';
import { instrumentEvents } from '../../src/telemetry';
import { SPAN_KIND, type TelemetryMeter, type TelemetryTracer } from '../../src/telemetry';
import { MemoryMeter, MemoryTracer } from './recorders';
import { median, variants, type Variant } from './variants';

/** Handled dispatches, so every variant is seen doing the same work. */
const handled = { sync: 0, async: 0 };

@Injectable()
class Handlers {
  @OnEvent('messageCreate')
  public onMessage(message: { content: string }): void {
    if (message.content.length >= 0) handled.sync += 1;
  }

  // Awaits once, as a handler that calls something async does: the span must wait for it.
  @OnEvent('messageUpdate')
  public async onEdit(message: { content: string }): Promise<void> {
    await Promise.resolve();
    if (message.content.length >= 0) handled.async += 1;
  }
}

function payload(type: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, sequence: number): GatewayDispatchPayload {
  return {
    op: 0,
    t: type,
    s: sequence,
    d: { id: String(1_000_000 + sequence), channel_id: '300000000000000003', guild_id: '200000000000000002', content: `message ${sequence}`, author: { id: '4', username: 'u' } },
  } as unknown as GatewayDispatchPayload;
}

const CHUNK = 100;

/**
 * Pushes `count` dispatches in chunks of 100 (as a socket read delivers a burst) and waits for
 * each chunk's handlers (async ones included) before the next; nanoseconds per dispatch.
 */
async function deliver(client: Client, kind: 'sync' | 'async', count: number): Promise<number> {
  const type = kind === 'sync' ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageUpdate;
  const payloads = Array.from({ length: CHUNK }, (_, index) => payload(type, index + 1));
  const target = handled[kind] + count;
  const start = performance.now();
  for (let sent = 0; sent < count; sent += CHUNK) {
    for (const item of payloads) client.pipeline.push(item, 0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (handled[kind] !== target) throw new Error(`${kind}: ${target - handled[kind]} dispatches not handled`);
  return ((performance.now() - start) * 1e6) / count;
}

/**
 * What the recording tracer and meter cost on their own: the calls instrumentEvents makes per
 * dispatch (a span with four attributes, a counter, a histogram), made directly in the same
 * chunks. Subtracted from a recording run, it leaves OvenJS's share.
 */
async function recorderAlone(tracer: TelemetryTracer, meter: TelemetryMeter, count: number): Promise<number> {
  const handledCounter = meter.createCounter('discord.events.handled');
  const durationHistogram = meter.createHistogram('discord.events.duration');
  const labels = Object.freeze({ 'discord.event': 'MESSAGE_CREATE', 'discord.shard_id': 0 });
  const start = performance.now();
  for (let sent = 0; sent < count; sent += CHUNK) {
    for (let index = 0; index < CHUNK; index += 1) {
      const span = tracer.startSpan('event MESSAGE_CREATE', {
        kind: SPAN_KIND.CONSUMER,
        attributes: { 'discord.event': 'MESSAGE_CREATE', 'discord.shard_id': 0, 'discord.sequence': sent + index, 'discord.guild_id': '200000000000000002' },
      });
      span.end();
      handledCounter.add(1, labels);
      durationHistogram.record(0.000_001, labels);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ((performance.now() - start) * 1e6) / count;
}

/** Not telemetry: a `processed` listener that does nothing, to tell the pipeline's share (keeping handlers' promises) from the instrument's. */
const PROCESSED_LISTENER: Variant = {
  name: 'processed listener only',
  telemetry: () => undefined,
  recorded: () => ({ spans: 0, measurements: 0 }),
  reset: () => undefined,
};

export interface EventOverhead {
  dispatches: number;
  rounds: number;
  nsPerDispatch: Record<string, Record<string, number[]>>;
  /** ns per dispatch of the recording tracer and meter called directly, without OvenJS. */
  recorderAloneNs: number[];
  /** Per handler kind and variant: median over rounds of (variant / not instrumented), back to back. */
  ratio: Record<string, Record<string, number>>;
}

/**
 * Gateway dispatches delivered through the Client's EventPipeline to an `@OnEvent` handler (in a
 * DI app, each event in its own scope), with and without `instrumentEvents`.
 */
export async function eventOverhead(count: number, rounds: number): Promise<EventOverhead> {
  @Module({ imports: [OvenModule.forRoot({ token: 'bench-token', intents: 0, pipeline: { replayLogSize: 0 } })], providers: [Handlers] })
  class BenchModule {}

  const app = await OvenFactory.create(BenchModule);
  await app.init();
  const client = app.get(Client);
  const all = [...variants(), PROCESSED_LISTENER];
  const recorderAloneNs: number[] = [];
  const nsPerDispatch: EventOverhead['nsPerDispatch'] = {};
  const ratio: EventOverhead['ratio'] = {};
  try {
    for (const kind of ['sync', 'async'] as const) {
      // Keyed in the variants' order, so the table lists the baseline first whatever order the rounds ran in.
      const byVariant: Record<string, number[]> = Object.fromEntries(all.map((variant) => [variant.name, []]));
      for (let round = 0; round <= rounds; round += 1) {
        for (const variant of round % 2 === 0 ? all : [...all].reverse()) {
          const telemetry = variant.telemetry();
          const listener = (): void => undefined;
          const detach =
            telemetry !== undefined
              ? instrumentEvents(client.pipeline, telemetry)
              : variant === PROCESSED_LISTENER
                ? () => void client.pipeline.off('processed', listener)
                : undefined;
          if (variant === PROCESSED_LISTENER) client.pipeline.on('processed', listener);
          variant.reset();
          try {
            const ns = await deliver(client, kind, count);
            // Round 0 warms every variant up and is not counted.
            if (round > 0) byVariant[variant.name]!.push(ns);
            // The first dispatch of a type is where instrumentEvents starts watching it: later ones all get spans.
            const { spans } = variant.recorded();
            if (telemetry !== undefined && spans !== 0 && spans < count - CHUNK) throw new Error(`${variant.name}: ${spans} spans for ${count} dispatches`);
          } finally {
            detach?.();
          }
        }
        if (kind === 'sync') {
          const ns = await recorderAlone(new MemoryTracer(), new MemoryMeter(), count);
          if (round > 0) recorderAloneNs.push(ns);
        }
      }
      nsPerDispatch[kind] = byVariant;
      const baseline = byVariant[all[0]!.name]!;
      ratio[kind] = Object.fromEntries(
        all.slice(1).map((variant) => [variant.name, median(byVariant[variant.name]!.map((value, round) => value / baseline[round]!))]),
      );
    }
  } finally {
    await app.close();
  }
  return { dispatches: count, rounds, nsPerDispatch, recorderAloneNs, ratio };
}
