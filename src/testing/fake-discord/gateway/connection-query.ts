import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { ConnectionQuery } from './gateway-connection';
import type { PayloadCheck } from './payload-check';

/**
 * Reads `?v=10&encoding=json&compress=zlib-stream` from the upgrade URL. Unsupported versions get
 * 4012 as on Discord; ETF and zstd are refused with a close that says what to use instead.
 */
export function parseConnectionQuery(url: string | undefined): PayloadCheck<ConnectionQuery> {
  const parsed = new URL(url ?? '/', 'ws://fake');
  const params = parsed.searchParams;
  const v = params.get('v');
  if (v !== null && v !== '10') {
    return { ok: false, code: GatewayCloseCodes.InvalidAPIVersion, reason: `Invalid API version ${v}: the fake speaks v=10` };
  }
  const encoding = params.get('encoding') ?? 'json';
  if (encoding !== 'json') {
    return { ok: false, code: GatewayCloseCodes.DecodeError, reason: `encoding=${encoding} is not supported by the fake; use encoding=json` };
  }
  const compress = params.get('compress');
  if (compress !== null && compress !== 'zlib-stream') {
    return { ok: false, code: GatewayCloseCodes.DecodeError, reason: `compress=${compress} is not supported by the fake; use zlib-stream or none` };
  }
  return { ok: true, value: { path: parsed.pathname, v: 10, encoding: 'json', compress } };
}
