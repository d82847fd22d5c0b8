import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { JsonDecoder } from '../../src/json';
import { guildCreateFrames, interactionFrames, messageFrames, mixedFrames, presenceFrames } from './frames';

/** Measured rounds per scenario and method, after one warm-up round; the median is reported. */
const ROUNDS = 15;
/** Each measurement decodes its scenario's frames for about this long. */
const TARGET_MS = 50;

interface Scenario {
  readonly name: string;
  readonly frames: readonly Buffer[];
  /** Persists across rounds, as a shard's decoder does: what it learned stays learned. */
  readonly decoder: JsonDecoder;
  passes: number;
  readonly baseline: number[];
  readonly decoded: number[];
  /** Decoder over baseline per round: the two ran back to back, so load elsewhere hits both. */
  readonly ratios: number[];
}

let sink = 0;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)] as number;
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Nanoseconds per frame for `passes` passes over the frames. */
function measure(frames: readonly Buffer[], passes: number, decode: (frame: Buffer) => unknown): number {
  const start = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const frame of frames) sink += (decode(frame) as { s: number }).s;
  }
  return ((performance.now() - start) * 1e6) / (passes * frames.length);
}

function scenario(name: string, frames: Buffer[]): Scenario {
  return { name, frames, decoder: new JsonDecoder({ tagKey: 't' }), passes: 1, baseline: [], decoded: [], ratios: [] };
}

/**
 * `Buffer#toString` + `JSON.parse` (the baseline: what a shard does without the decoder) against
 * `JsonDecoder.decode` on Discord-shaped dispatch frames, each scenario with its own decoder. Rounds
 * interleave scenarios and methods (alternating which goes first), medians reported; ratio is the
 * median over rounds of the decoder's time over the baseline's in the same round (below 1: the
 * decoder is faster).
 */
export async function main(): Promise<void> {
  const scenarios = [
    scenario('MESSAGE_CREATE', messageFrames(256, false)),
    scenario('MESSAGE_CREATE, emoji and CJK', messageFrames(256, true)),
    scenario('PRESENCE_UPDATE', presenceFrames(256)),
    scenario('INTERACTION_CREATE', interactionFrames(256)),
    scenario('GUILD_CREATE, 1000 members', guildCreateFrames(4, 1000)),
    scenario('mixed stream', mixedFrames()),
  ];
  for (const s of scenarios) {
    // The decoder must give JSON.parse's value, or its timing means nothing.
    for (const frame of s.frames) {
      if (!isDeepStrictEqual(s.decoder.decode(frame), JSON.parse(frame.toString()))) throw new Error(`${s.name}: decoder and JSON.parse disagree on ${frame.toString().slice(0, 200)}`);
    }
    // Calibrated warm: the first passes run unoptimised code.
    for (let i = 0; i < 3; i++) measure(s.frames, 1, (frame) => JSON.parse(frame.toString()));
    const once = measure(s.frames, 1, (frame) => JSON.parse(frame.toString()));
    s.passes = Math.max(1, Math.round((TARGET_MS * 1e6) / (once * s.frames.length)));
  }
  for (let round = 0; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      const baseline = (): number => measure(s.frames, s.passes, (frame) => JSON.parse(frame.toString()));
      const decoded = (): number => measure(s.frames, s.passes, (frame) => s.decoder.decode(frame));
      let b: number;
      let d: number;
      if (round % 2 === 0) {
        b = baseline();
        d = decoded();
      } else {
        d = decoded();
        b = baseline();
      }
      if (round > 0) {
        s.baseline.push(b);
        s.decoded.push(d);
        s.ratios.push(d / b);
      }
    }
  }
  const rows: Record<string, { bytes: number; 'toString+JSON.parse ns': string; 'JsonDecoder ns': string; ratio: string; 'ratio p25-p75': string; fallbacks: number }> = {};
  for (const s of scenarios) {
    const b = median(s.baseline);
    const d = median(s.decoded);
    const bytes = Math.round(s.frames.reduce((sum, frame) => sum + frame.length, 0) / s.frames.length);
    rows[s.name] = {
      bytes,
      'toString+JSON.parse ns': b.toFixed(0),
      'JsonDecoder ns': d.toFixed(0),
      ratio: median(s.ratios).toFixed(2),
      'ratio p25-p75': `${quantile(s.ratios, 0.25).toFixed(2)}-${quantile(s.ratios, 0.75).toFixed(2)}`,
      fallbacks: s.decoder.stats().fallbacks,
    };
  }
  console.table(rows);
  if (sink === 0) throw new Error('nothing was decoded');
  const dir = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'json.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rounds: ROUNDS, rows }, null, 2)}\n`);
}
