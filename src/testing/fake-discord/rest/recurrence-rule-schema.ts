import type { ValidationSchema } from './validation';

const INT32 = { kind: 'integer', min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
const WEEKDAY = { kind: 'choice', values: [0, 1, 2, 3, 4, 5, 6] } as const;
const MONTH = { kind: 'choice', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } as const;

/**
 * The oracle's `RecurrenceRule` (request side of `recurrence_rule` on scheduled-event create and
 * edit), limit for limit: `start` and `frequency` required, times as ISO 8601 date-times, the
 * weekday, month and day lists bounded, in range and (except `by_n_weekday`) without repeats.
 * Discord's docs add combination limits (which lists go with which frequency) that the oracle
 * does not carry; the fake does not enforce them.
 */
export const recurrenceRuleSchema: ValidationSchema = {
  kind: 'object',
  nullable: true,
  fields: {
    start: { kind: 'string', format: 'date-time', required: true },
    end: { kind: 'string', format: 'date-time', nullable: true },
    frequency: { kind: 'choice', values: [0, 1, 2, 3], required: true },
    interval: { ...INT32, nullable: true },
    by_weekday: { kind: 'array', items: WEEKDAY, max: 7, unique: true, nullable: true },
    by_n_weekday: {
      kind: 'array',
      max: 7,
      nullable: true,
      items: { kind: 'object', fields: { n: { kind: 'integer', min: 1, max: 5, required: true }, day: { ...WEEKDAY, required: true } } },
    },
    by_month: { kind: 'array', items: MONTH, max: 12, unique: true, nullable: true },
    by_month_day: { kind: 'array', items: { kind: 'integer', min: -1, max: 31 }, max: 33, unique: true, nullable: true },
    by_year_day: { kind: 'array', items: { kind: 'integer', min: -1, max: 365 }, max: 367, unique: true, nullable: true },
    count: { ...INT32, nullable: true },
  },
};
