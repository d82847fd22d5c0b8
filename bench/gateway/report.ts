import { version as discordJsVersion } from 'discord.js';
import { KIND_LABELS, KINDS, type Kind } from './kinds';
import type { ScenarioName } from './scenarios';
import type { Rate } from './throughput';

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Issue 5's targets for OvenJS: against discord.js and against raw JSON.parse. */
export const TARGETS = { ovenjsVsDiscordjs: 3, ovenjsVsRawParse: 0.5 } as const;

/** One scenario's console table: a row per kind. */
export function scenarioTable(rates: Record<Kind, Rate>): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const kind of KINDS) {
    const rate = rates[kind];
    const label = kind === 'discordjs' ? `${KIND_LABELS[kind]} ${discordJsVersion}` : KIND_LABELS[kind];
    table[label] = {
      'capacity msg/s': Math.round(rate.capacity),
      'µs per message': round2(1_000_000 / rate.capacity),
      'vs raw': round2(rate.vsRaw),
      'vs floor': round2(rate.vsFloor),
      'vs discord.js': round2(rate.vsDiscordJs),
      'wall msg/s': Math.round(rate.wall),
    };
  }
  return table;
}

/**
 * The line to read a scenario by. The floor bounds what any client handing parsed payloads to user
 * code can reach, so when floor / discord.js is under the target, the line says the target is out
 * of reach in this scenario rather than leaving a miss to look like a framework cost.
 */
export function summaryLine(scenario: ScenarioName, rates: Record<Kind, Rate>): string {
  const ovenVsDjs = round2(rates.ovenjs.vsDiscordJs);
  const floorVsDjs = round2(rates.floor.vsDiscordJs);
  const ovenVsRaw = round2(rates.ovenjs.vsRaw);
  const bound = rates.floor.vsDiscordJs < TARGETS.ovenjsVsDiscordjs ? `; ${TARGETS.ovenjsVsDiscordjs}x is above the floor in this scenario` : '';
  return `${scenario}: OvenJS / discord.js = ${ovenVsDjs} (target >= ${TARGETS.ovenjsVsDiscordjs}); floor / discord.js = ${floorVsDjs}; OvenJS / raw = ${ovenVsRaw} (target >= ${TARGETS.ovenjsVsRawParse})${bound}`;
}

/** One scenario as .bench-results/gateway.json records it. */
export function scenarioResult(description: string, rates: Record<Kind, Rate>, extra: Record<string, unknown>): Record<string, unknown> {
  const perKind = <T>(pick: (rate: Rate) => T): Record<Kind, T> => Object.fromEntries(KINDS.map((kind) => [kind, pick(rates[kind])])) as Record<Kind, T>;
  return {
    description,
    ...extra,
    capacityPerSecond: perKind((rate) => Math.round(rate.capacity)),
    microsecondsPerMessage: perKind((rate) => round2(1_000_000 / rate.capacity)),
    wallPerSecond: perKind((rate) => Math.round(rate.wall)),
    vsRaw: perKind((rate) => round2(rate.vsRaw)),
    vsFloor: perKind((rate) => round2(rate.vsFloor)),
    vsDiscordjs: perKind((rate) => round2(rate.vsDiscordJs)),
    vsDiscordjsPerRoundRange: perKind((rate) => rate.vsDiscordJsRange.map(round2)),
    ovenjsVsDiscordjs: round2(rates.ovenjs.vsDiscordJs),
    floorVsDiscordjs: round2(rates.floor.vsDiscordJs),
    ovenjsVsRawParse: round2(rates.ovenjs.vsRaw),
    ovenjsVsFloor: round2(rates.ovenjs.vsFloor),
    targetAboveFloor: rates.floor.vsDiscordJs < TARGETS.ovenjsVsDiscordjs,
  };
}
