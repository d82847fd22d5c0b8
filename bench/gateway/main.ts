import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeDiscord } from '../../src/testing';
import { KINDS } from './kinds';
import { scenarioResult, scenarioTable, summaryLine, TARGETS } from './report';
import { benchWorld, SPREAD, spreadStats } from './scenario-worlds';
import { SCENARIO_DESCRIPTIONS, scenariosFromEnv, type ScenarioName } from './scenarios';
import { MESSAGES, ROUNDS, startClients } from './throughput';

const GUILDS = Number(process.env.BENCH_GATEWAY_GUILDS ?? 1000);
const SHAPE = { members: 1000, channels: 50, roles: 30 };

/** Heap growth after GUILDS large GUILD_CREATEs, in a fresh process per framework. */
function heap(framework: 'ovenjs' | 'ovenjs-no-member-lists' | 'discordjs'): Promise<{ heapBytes: number; cached: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'heap-probe.ts'), [], {
      execArgv: ['--expose-gc', '--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { ok: boolean; heapBytes: number; cached: number; error?: string }) => {
      if (message.ok) resolve({ heapBytes: message.heapBytes, cached: message.cached });
      else reject(new Error(message.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`heap probe for ${framework} exited with ${String(code)}`));
    });
    child.send({ framework, guilds: GUILDS, ...SHAPE });
  });
}

export async function main(): Promise<void> {
  // Read before anything starts, so a misspelt scenario fails at once.
  const scenarios = scenariosFromEnv(process.env.BENCH_GATEWAY_SCENARIOS);
  const measured: Partial<Record<ScenarioName, Record<string, unknown>>> = {};
  // BENCH_GATEWAY_SCENARIOS=none runs the heap half alone.
  if (scenarios.length > 0) await throughput(scenarios, measured);
  // Throughput only (repeated runs to see the spread); the heap half and the results file need a full run.
  if (process.env.BENCH_GATEWAY_SKIP_HEAP === '1') return;
  const ovenHeap = await heap('ovenjs');
  const ovenLeanHeap = await heap('ovenjs-no-member-lists');
  const djsHeap = await heap('discordjs');
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const results = {
    throughput: {
      messages: MESSAGES,
      rounds: ROUNDS,
      kinds: KINDS,
      method: 'all clients connected as shards of one bot, one guild per shard holding both scenarios (hot measured first), rounds interleaved, capacity from each client thread CPU time; ratios are medians of per-round ratios. floor = OvenJS lean transport + its JsonDecoder, no framework',
      targets: { ovenjsVsDiscordjs: `>= ${TARGETS.ovenjsVsDiscordjs}`, ovenjsVsRawParse: `>= ${TARGETS.ovenjsVsRawParse}` },
      scenarios: measured,
    },
    heap: {
      guilds: GUILDS,
      ...SHAPE,
      ovenjsDefaultMB: mb(ovenHeap.heapBytes),
      ovenjsNoMemberListsMB: mb(ovenLeanHeap.heapBytes),
      discordjsMB: mb(djsHeap.heapBytes),
      membersCached: { ovenjsDefault: ovenHeap.cached, ovenjsNoMemberLists: ovenLeanHeap.cached, discordjs: djsHeap.cached },
      ovenjsDefaultVsDiscordjs: Math.round((ovenHeap.heapBytes / djsHeap.heapBytes) * 1000) / 1000,
      ovenjsNoMemberListsVsDiscordjs: Math.round((ovenLeanHeap.heapBytes / djsHeap.heapBytes) * 1000) / 1000,
      target: '<= 0.25',
    },
  };
  console.table({
    'OvenJS default cache (member lists)': { 'heap + ArrayBuffer MB': results.heap.ovenjsDefaultMB, members: ovenHeap.cached },
    'OvenJS memberLists: false': { 'heap + ArrayBuffer MB': results.heap.ovenjsNoMemberListsMB, members: ovenLeanHeap.cached },
    'discord.js default cache': { 'heap + ArrayBuffer MB': results.heap.discordjsMB, members: djsHeap.cached },
  });
  console.log(
    `heap after ${GUILDS} guilds vs discord.js: default (member lists cached, like-for-like) ${results.heap.ovenjsDefaultVsDiscordjs}, memberLists: false ${results.heap.ovenjsNoMemberListsVsDiscordjs} (target <= 0.25)`,
  );
  const dir = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gateway.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** Every client on one fake Discord, each scenario measured in turn; results go into `measured`. */
async function throughput(scenarios: ScenarioName[], measured: Partial<Record<ScenarioName, Record<string, unknown>>>): Promise<void> {
  const discord = await FakeDiscord.start({ port: 0, rateLimits: false, gateway: { recordFrames: false, heartbeatIntervalMs: 600_000, identifyIntervalMs: 0 } });
  try {
    const feeds = await benchWorld(discord, KINDS.length);
    const clients = await startClients(discord);
    try {
      for (const scenario of scenarios) {
        const rates = await clients.measure(feeds[scenario]);
        console.log(`\n${scenario}: ${SCENARIO_DESCRIPTIONS[scenario]}`);
        console.table(scenarioTable(rates));
        console.log(summaryLine(scenario, rates));
        const extra = scenario === 'spread' ? { shape: SPREAD, variantsPerShard: spreadStats(feeds.spread) } : {};
        measured[scenario] = scenarioResult(SCENARIO_DESCRIPTIONS[scenario], rates, extra);
      }
    } finally {
      await clients.close();
    }
  } finally {
    await discord.close();
  }
  console.log(`(client thread CPU time, median of ${ROUNDS} interleaved rounds of ${MESSAGES} messages per client)`);
}
