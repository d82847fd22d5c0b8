import { GatewayCloseCodes, PresenceUpdateStatus } from 'discord-api-types/v10';
import type { GatewayPresenceUpdateData } from 'discord-api-types/v10';
import { isJsonObject, type PayloadCheck } from './payload-check';

const STATUSES: ReadonlySet<string> = new Set(Object.values(PresenceUpdateStatus));

/** Validates the `d` of op 3 Presence Update, also used for Identify's `presence`. */
export function checkPresence(d: unknown): PayloadCheck<GatewayPresenceUpdateData> {
  const fail = (reason: string): PayloadCheck<GatewayPresenceUpdateData> => ({
    ok: false,
    code: GatewayCloseCodes.UnknownOpcode,
    reason,
  });
  if (!isJsonObject(d)) return fail('presence must be an object');
  if (typeof d.status !== 'string' || !STATUSES.has(d.status)) {
    return fail(`presence.status must be one of ${[...STATUSES].join(', ')}`);
  }
  if (!Array.isArray(d.activities)) return fail('presence.activities must be an array');
  for (const activity of d.activities) {
    if (!isJsonObject(activity) || typeof activity.name !== 'string' || !Number.isInteger(activity.type)) {
      return fail('each presence activity needs a string name and an integer type');
    }
  }
  if (d.since !== null && d.since !== undefined && typeof d.since !== 'number') {
    return fail('presence.since must be a unix time in ms or null');
  }
  if (d.afk !== undefined && typeof d.afk !== 'boolean') return fail('presence.afk must be a boolean');
  return { ok: true, value: d as unknown as GatewayPresenceUpdateData };
}
