import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { GatewayIdentifyData } from 'discord-api-types/v10';
import { ALL_INTENTS, PRIVILEGED_INTENTS } from './intent-bits';
import { isJsonObject, type PayloadCheck } from './payload-check';
import { checkPresence } from './presence-payload';

/** What identify validation needs from the world. */
export interface IdentifyRules {
  isValidToken(token: string): boolean;
  readonly allowedPrivilegedIntents: number;
}

function fail(code: GatewayCloseCodes, reason: string): PayloadCheck<GatewayIdentifyData> {
  return { ok: false, code, reason };
}

/**
 * Validates op 2's `d` in the order Discord reports problems: shape (4001), token (4004), shard
 * (4010), intents (4013, then 4014 for privileged bits the application may not use).
 */
export function checkIdentify(d: unknown, rules: IdentifyRules): PayloadCheck<GatewayIdentifyData> {
  if (!isJsonObject(d)) return fail(GatewayCloseCodes.UnknownOpcode, 'identify d must be an object');
  if (typeof d.token !== 'string' || !rules.isValidToken(d.token.replace(/^Bot /, ''))) {
    return fail(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed: the token is not this bot\'s token');
  }
  if (!isJsonObject(d.properties)) {
    return fail(GatewayCloseCodes.UnknownOpcode, 'identify.properties must be an object {os, browser, device}');
  }
  for (const key of ['os', 'browser', 'device']) {
    const value = d.properties[key] ?? d.properties[`$${key}`];
    if (value !== undefined && typeof value !== 'string') {
      return fail(GatewayCloseCodes.UnknownOpcode, `identify.properties.${key} must be a string`);
    }
  }
  if (d.compress !== undefined && typeof d.compress !== 'boolean') {
    return fail(GatewayCloseCodes.UnknownOpcode, 'identify.compress must be a boolean');
  }
  if (
    d.large_threshold !== undefined &&
    (!Number.isInteger(d.large_threshold) || (d.large_threshold as number) < 50 || (d.large_threshold as number) > 250)
  ) {
    return fail(GatewayCloseCodes.UnknownOpcode, 'identify.large_threshold must be an integer from 50 to 250');
  }
  if (d.shard !== undefined) {
    const shard = d.shard;
    const valid =
      Array.isArray(shard) &&
      shard.length === 2 &&
      Number.isInteger(shard[0]) &&
      Number.isInteger(shard[1]) &&
      (shard[1] as number) >= 1 &&
      (shard[0] as number) >= 0 &&
      (shard[0] as number) < (shard[1] as number);
    if (!valid) {
      return fail(GatewayCloseCodes.InvalidShard, 'Invalid shard: send [shard_id, num_shards] with 0 <= shard_id < num_shards');
    }
  }
  if (d.presence !== undefined) {
    const presence = checkPresence(d.presence);
    if (!presence.ok) return fail(presence.code, `identify.${presence.reason}`);
  }
  if (d.capabilities !== undefined && !Number.isInteger(d.capabilities)) {
    return fail(GatewayCloseCodes.UnknownOpcode, 'identify.capabilities must be an integer');
  }
  const intents = d.intents;
  if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
    return fail(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s): identify.intents must be a non-negative integer');
  }
  if ((intents & ~ALL_INTENTS) !== 0 || intents > 0x7fffffff) {
    return fail(GatewayCloseCodes.InvalidIntents, `Invalid intent(s): unknown bits ${intents & ~ALL_INTENTS}`);
  }
  const refused = intents & PRIVILEGED_INTENTS & ~rules.allowedPrivilegedIntents;
  if (refused !== 0) {
    return fail(
      GatewayCloseCodes.DisallowedIntents,
      `Disallowed intent(s): privileged bits ${refused} are not enabled for this application`,
    );
  }
  return { ok: true, value: d as unknown as GatewayIdentifyData };
}
