import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIInteraction } from 'discord-api-types/v10';
import { HookManager } from '../../src/hooks';
import { discordjsRoute } from './discordjs-route';
import { handRoute } from './hand-route';
import { ovenRoute } from './oven-route';
import type { RecordedReply } from './payload';
import { EXPECTED_CONTENT, giveInteraction } from './payload';

const OPS = Number(process.env['BENCH_COMMANDS_OPS'] ?? 20_000);
const ROUNDS = 5;

type Route = (interaction: APIInteraction) => Promise<void>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Checks a variant answered exactly once per interaction with the expected reply. */
function checkReplies(name: string, replies: readonly RecordedReply[], expected: number): void {
  if (replies.length !== expected) throw new Error(`${name}: ${replies.length} replies for ${expected} interactions`);
  const last = replies[replies.length - 1]?.body as { data?: { content?: string } } | undefined;
  if (last?.data?.content !== EXPECTED_CONTENT) throw new Error(`${name}: replied ${JSON.stringify(last)}, expected "${EXPECTED_CONTENT}"`);
}

/**
 * Microseconds per interaction, median of ROUNDS after a warm-up round. Each interaction is a
 * fresh payload object (as JSON.parse gives), awaited before the next so only routing is timed.
 */
async function usPerOp(name: string, route: Route, replies: RecordedReply[]): Promise<{ median: number; min: number; max: number }> {
  const payloads = Array.from({ length: OPS }, (_, i) => giveInteraction(i));
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    replies.length = 0;
    const start = performance.now();
    for (const payload of payloads) await route(payload);
    const elapsed = performance.now() - start;
    checkReplies(name, replies, OPS);
    if (round > 0) rounds.push((elapsed * 1e3) / OPS);
  }
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds) };
}

/**
 * Routing one slash-command interaction, raw payload to recorded reply: OvenJS's CommandRouter
 * (DTO read and validated, handler called with decorated parameters, ctx.reply to a REST stub)
 * against a hand-written switch that does the same checks inline (the baseline), and discord.js
 * building its ChatInputCommandInteraction from the same payload with no login; also OvenJS with
 * the command hook points bridged (what HooksModule adds), none handled. Ratios are
 * against the baseline of the same run.
 */
export async function main(): Promise<void> {
  const handReplies: RecordedReply[] = [];
  const ovenReplies: RecordedReply[] = [];
  const djsReplies: RecordedReply[] = [];
  const hookedReplies: RecordedReply[] = [];
  const djs = discordjsRoute(djsReplies);
  try {
    const baseline = await usPerOp('hand-written', handRoute(handReplies), handReplies);
    const oven = await usPerOp('OvenJS', ovenRoute(ovenReplies), ovenReplies);
    const hooked = await usPerOp('OvenJS with hooks bridged', ovenRoute(hookedReplies, new HookManager()), hookedReplies);
    const discordjs = await usPerOp('discord.js', djs.route, djsReplies);
    const row = (r: { median: number; min: number; max: number }) => ({
      'us/op': r.median.toFixed(2),
      'min-max': `${r.min.toFixed(2)}-${r.max.toFixed(2)}`,
      ratio: (r.median / baseline.median).toFixed(2),
    });
    const rows = {
      'hand-written switch (baseline)': row(baseline),
      'OvenJS CommandRouter': row(oven),
      'OvenJS + command hooks bridged (no handlers)': row(hooked),
      'discord.js 14 (no login)': row(discordjs),
    };
    console.table(rows);
    const dir = join(__dirname, '..', '..', '.bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'commands.json'), `${JSON.stringify({ at: new Date().toISOString(), opsPerRound: OPS, rounds: ROUNDS, rows }, null, 2)}\n`);
  } finally {
    await djs.close();
  }
}
