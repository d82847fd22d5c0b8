import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { produce } from 'immer';
import { createStore, type StateDelta } from '../../src/state';

const GUILDS = 200;
const N = 5_000;
const ROUNDS = 5;

type Settings = { guilds: Record<string, { prefix: string; uses: number }> };

function initial(): Settings {
  const guilds: Settings['guilds'] = {};
  for (let i = 0; i < GUILDS; i += 1) guilds[String(i)] = { prefix: '!', uses: 0 };
  return { guilds };
}

function store(historyLimit: number) {
  return createStore({
    historyLimit,
    initial: initial(),
    reducers: {
      use: (draft, action: { guildId: string }) => {
        const guild = draft.guilds[action.guildId];
        if (guild !== undefined) guild.uses += 1;
      },
    },
  });
}

/** Median nanoseconds per operation over ROUNDS runs of `N` operations. */
function nsPerOp(run: () => void): number {
  const samples: number[] = [];
  run(); // warm-up: the first round would mostly measure the JIT
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    run();
    samples.push(((performance.now() - start) * 1e6) / N);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

interface Row {
  readonly measure: string;
  readonly baseline: string;
  readonly value: number;
  readonly baselineValue: number;
  readonly unit: string;
  readonly ratio: number;
}

export async function main(): Promise<void> {
  const ids = Array.from({ length: N }, (_, index) => String((index * 7919) % GUILDS));

  let plainState = initial();
  const plainSpread = nsPerOp(() => {
    for (const id of ids) {
      const guild = plainState.guilds[id];
      if (guild !== undefined) plainState = { guilds: { ...plainState.guilds, [id]: { ...guild, uses: guild.uses + 1 } } };
    }
  });

  let immerState = initial();
  const immerProduce = nsPerOp(() => {
    for (const id of ids) {
      immerState = produce(immerState, (draft) => {
        const guild = draft.guilds[id];
        if (guild !== undefined) guild.uses += 1;
      });
    }
  });

  const noHistory = store(0);
  const storeDispatch = nsPerOp(() => {
    for (const guildId of ids) noHistory.dispatch({ type: 'use', guildId });
  });

  const withHistory = store(100);
  const storeHistory = nsPerOp(() => {
    for (const guildId of ids) withHistory.dispatch({ type: 'use', guildId });
  });

  const selected = store(0);
  const selectors = Array.from({ length: 100 }, (_, index) => selected.select((state) => state.guilds[String(index)]?.uses));
  for (const selection of selectors) selection.subscribe(() => undefined);
  const storeSelectors = nsPerOp(() => {
    for (const guildId of ids) selected.dispatch({ type: 'use', guildId });
  });

  const primary = store(0);
  const deltas: StateDelta[] = [];
  primary.subscribe((change) => deltas.push(change.delta));
  for (let round = 0; round <= ROUNDS; round += 1) for (const guildId of ids) primary.dispatch({ type: 'use', guildId });
  const replica = store(0);
  let next = 0;
  const applyDelta = nsPerOp(() => {
    for (let i = 0; i < N; i += 1) replica.applyDelta(deltas[next++] as StateDelta);
  });

  const row = (measure: string, value: number, baseline: string, baselineValue: number): Row => ({
    measure,
    baseline,
    value: Math.round(value),
    baselineValue: Math.round(baselineValue),
    unit: 'ns/op',
    ratio: Number((value / baselineValue).toFixed(2)),
  });
  const results: Row[] = [
    row('immer produce (no patches)', immerProduce, 'object spread', plainSpread),
    row('store.dispatch, no history', storeDispatch, 'immer produce', immerProduce),
    row('store.dispatch, history 100', storeHistory, 'immer produce', immerProduce),
    row('store.dispatch, 100 selectors subscribed', storeSelectors, 'store.dispatch, no history', storeDispatch),
    row('replica.applyDelta', applyDelta, 'store.dispatch, no history', storeDispatch),
  ];
  console.table(Object.fromEntries(results.map(({ measure, ...rest }) => [measure, rest])));
  const folder = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'state.json'), `${JSON.stringify({ guilds: GUILDS, operations: N, rounds: ROUNDS, results }, null, 2)}\n`);
}
