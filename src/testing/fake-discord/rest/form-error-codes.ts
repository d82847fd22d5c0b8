/**
 * Leaf codes of 50035 answers for rules the oracle describes but names no code for.
 *
 * The oracle (discord-openapi.json, protocol.md 3.5) names only BASE_TYPE_REQUIRED and
 * BASE_TYPE_CHOICES among leaf codes. Two more are what Discord really sends and bots in the wild
 * branch on them, so the fake sends them too: DATE_TIME_TYPE_PARSE for a time that is not ISO 8601
 * and GUILD_SCHEDULED_EVENT_SCHEDULE_PAST for a start in the past. For the rules where no code is
 * known (end before start, wrong channel kind, duplicate list items) the fake does not invent one:
 * it answers BASE_TYPE_BAD_VALUE, and the message says which rule it was. Clients should branch on
 * the field path and the top-level 50035 rather than on those.
 */
export const FORM_CODES = {
  required: 'BASE_TYPE_REQUIRED',
  choices: 'BASE_TYPE_CHOICES',
  badValue: 'BASE_TYPE_BAD_VALUE',
  timeParse: 'DATE_TIME_TYPE_PARSE',
  schedulePast: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
} as const;
