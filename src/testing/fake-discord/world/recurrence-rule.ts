import type { APIGuildScheduledEventRecurrenceRule } from 'discord-api-types/v10';

/**
 * A recurrence rule as a create or edit sends it (the oracle's `RecurrenceRule`): `start` and
 * `frequency` are required, every other field may be left out or null.
 */
export type RecurrenceRuleInput = Pick<APIGuildScheduledEventRecurrenceRule, 'start' | 'frequency'> & {
  readonly [K in Exclude<keyof APIGuildScheduledEventRecurrenceRule, 'start' | 'frequency'>]?: APIGuildScheduledEventRecurrenceRule[K] | null;
};

// RecurrenceRuleResponse requires an integer interval; a rule sent without one recurs every period.
const DEFAULT_INTERVAL = 1;

/**
 * The stored (and echoed) form of a rule, shaped like the oracle's `RecurrenceRuleResponse`:
 * every field present, left-out lists as null, `interval` filled in. Lists are copied so later
 * edits of the request object do not reach the world.
 */
export function toRecurrenceRule(input: RecurrenceRuleInput): APIGuildScheduledEventRecurrenceRule {
  const list = <T>(value: readonly T[] | null | undefined): T[] | null => (value === undefined || value === null ? null : [...value]);
  return {
    start: input.start,
    end: input.end ?? null,
    frequency: input.frequency,
    interval: input.interval ?? DEFAULT_INTERVAL,
    by_weekday: list(input.by_weekday),
    by_n_weekday: input.by_n_weekday === undefined || input.by_n_weekday === null ? null : input.by_n_weekday.map((entry) => ({ n: entry.n, day: entry.day })),
    by_month: list(input.by_month),
    by_month_day: list(input.by_month_day),
    by_year_day: list(input.by_year_day),
    count: input.count ?? null,
  };
}
