import { SPREAD } from './scenario-worlds';

export const SCENARIO_NAMES = ['hot', 'spread'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** One line per scenario for the console and the results file. */
export const SCENARIO_DESCRIPTIONS: Record<ScenarioName, string> = {
  hot: 'one channel, one author per shard guild: every cache lookup hits',
  spread: `${SPREAD.channels} text channels and ${SPREAD.members} member authors per shard guild, channel and author each drawn from Zipf (s = ${SPREAD.zipfS}), ${SPREAD.variants} seeded variants per shard`,
};

/**
 * The scenarios named in BENCH_GATEWAY_SCENARIOS (comma-separated; all of them when unset). They
 * always run in the order hot, spread, whatever order they are named in: both run on the same
 * clients, and spread leaves the caches full of channels, members and messages that hot, run
 * after it, would inherit.
 */
export function scenariosFromEnv(value: string | undefined): ScenarioName[] {
  if (value === undefined || value.trim() === '') return [...SCENARIO_NAMES];
  // The heap half alone.
  if (value.trim() === 'none') return [];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`BENCH_GATEWAY_SCENARIOS="${value}" names no scenario or unknown ones (${unknown.join(', ') || 'none given'}); use a comma-separated list of ${SCENARIO_NAMES.join(', ')}.`);
  }
  return SCENARIO_NAMES.filter((name) => names.includes(name));
}
