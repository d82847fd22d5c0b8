/**
 * Leaf codes of 50035 answers for rules the oracle describes but names no code for.
 *
 * The oracle (discord-openapi.json, protocol.md 3.5) names only BASE_TYPE_REQUIRED and
 * BASE_TYPE_CHOICES among leaf codes, and no rule-specific ones (past starts, end before start,
 * wrong channel kind, duplicate list items, unparseable times). Rather than invent a specific code
 * per rule, those answers use Discord's generic BASE_TYPE_* family: BASE_TYPE_CHOICES where the
 * value must be one of a set, and BASE_TYPE_BAD_VALUE for a value of the right type that a rule
 * refuses. The message says which rule it was. Clients should branch on the field path and the
 * top-level 50035, not on these leaf codes.
 */
export const FORM_CODES = {
  required: 'BASE_TYPE_REQUIRED',
  choices: 'BASE_TYPE_CHOICES',
  badValue: 'BASE_TYPE_BAD_VALUE',
} as const;
