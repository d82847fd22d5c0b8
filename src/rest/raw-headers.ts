import type { ResponseHeaders } from './rate-limit-headers';

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** undici's raw `[name, value, name, value, ...]` as lower-cased names; repeated names become arrays. */
export function parseRawHeaders(raw: readonly Buffer[] | null): ResponseHeaders {
  const headers: ResponseHeaders = {};
  if (raw === null) return headers;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toString('latin1').toLowerCase();
    const value = raw[index + 1]!.toString('latin1');
    // Own properties only: a header named like an Object.prototype member (`constructor`) is new.
    const existing = hasOwn(headers, name) ? headers[name] : undefined;
    if (existing === undefined) {
      // `__proto__` as a plain assignment would change the object's prototype, not add a header.
      if (name === '__proto__') Object.defineProperty(headers, name, { value, enumerable: true, configurable: true, writable: true });
      else headers[name] = value;
    } else if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [existing, value];
  }
  return headers;
}
