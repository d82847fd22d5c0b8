import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { GatewayResumeData } from 'discord-api-types/v10';
import { isJsonObject, type PayloadCheck } from './payload-check';

/** Validates op 6's `d`: a malformed resume is an invalid payload (4001), a wrong token 4004. */
export function checkResume(d: unknown, isValidToken: (token: string) => boolean): PayloadCheck<GatewayResumeData> {
  if (!isJsonObject(d) || typeof d.session_id !== 'string' || !Number.isInteger(d.seq) || (d.seq as number) < 0) {
    return {
      ok: false,
      code: GatewayCloseCodes.UnknownOpcode,
      reason: 'resume d must be {token, session_id: string, seq: integer >= 0}',
    };
  }
  if (typeof d.token !== 'string' || !isValidToken(d.token.replace(/^Bot /, ''))) {
    return { ok: false, code: GatewayCloseCodes.AuthenticationFailed, reason: 'Authentication failed: the token is not this bot\'s token' };
  }
  return { ok: true, value: d as unknown as GatewayResumeData };
}
