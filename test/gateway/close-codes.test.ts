import { GatewayCloseCodes } from 'discord-api-types/v10';
import { OvenError } from '../../src/errors';
import { classifyCloseCode, fatalCloseError, GatewayCloseError } from '../../src/gateway';

describe('classifyCloseCode', () => {
  it.each([4004, 4010, 4011, 4012, 4013, 4014])('treats %i as fatal', (code) => {
    expect(classifyCloseCode(code)).toBe('fatal');
  });

  it.each([4003, 4005, 4007, 4008, 4009])('starts a new session after %i', (code) => {
    expect(classifyCloseCode(code)).toBe('reidentify');
  });

  it.each([4000, 4001, 4002, 1006, 1001, 1011, 4900])('resumes after %i', (code) => {
    expect(classifyCloseCode(code)).toBe('resume');
  });
});

describe('fatalCloseError', () => {
  it.each([
    [GatewayCloseCodes.AuthenticationFailed, 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', /token/],
    [GatewayCloseCodes.InvalidShard, 'OVEN_ERR_GATEWAY_INVALID_SHARD', /shard/],
    [GatewayCloseCodes.ShardingRequired, 'OVEN_ERR_GATEWAY_SHARDING_REQUIRED', /totalShards/],
    [GatewayCloseCodes.InvalidAPIVersion, 'OVEN_ERR_GATEWAY_INVALID_API_VERSION', /v10/],
    [GatewayCloseCodes.InvalidIntents, 'OVEN_ERR_GATEWAY_INVALID_INTENTS', /GatewayIntentBits/],
    [GatewayCloseCodes.DisallowedIntents, 'OVEN_ERR_GATEWAY_DISALLOWED_INTENTS', /Privileged Gateway Intents/],
  ])('names close %i with %s and the fix', (closeCode, code, fix) => {
    const error = fatalCloseError(closeCode, 3);
    expect(error).toBeInstanceOf(GatewayCloseError);
    expect(error).toBeInstanceOf(OvenError);
    expect(error?.code).toBe(code);
    expect(error?.closeCode).toBe(closeCode);
    expect(error?.shardId).toBe(3);
    expect(error?.message).toContain(`Shard 3`);
    expect(error?.message).toContain(String(closeCode));
    expect(error?.message).toMatch(fix);
  });

  it('explains a 4004 for a token the shard used before as a token reset (session start limit or leak)', () => {
    const reset = fatalCloseError(GatewayCloseCodes.AuthenticationFailed, 1, { tokenAccepted: true });
    expect(reset?.code).toBe('OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED');
    expect(reset?.message).toMatch(/token was reset/);
    expect(reset?.message).toMatch(/session start limit/);
    // A token never accepted is simply wrong: no talk of resets.
    expect(fatalCloseError(GatewayCloseCodes.AuthenticationFailed, 1)?.message).not.toMatch(/reset meanwhile/);
    // Only 4004 changes with the context.
    expect(fatalCloseError(GatewayCloseCodes.InvalidIntents, 1, { tokenAccepted: true })?.message).toBe(fatalCloseError(GatewayCloseCodes.InvalidIntents, 1)?.message);
  });

  it('returns undefined for a recoverable code', () => {
    expect(fatalCloseError(4000, 0)).toBeUndefined();
  });
});
