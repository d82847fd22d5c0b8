import { readRateLimitHeaders, scanRawHeaders } from '../../src/rest/rate-limit-headers';

const raw = (pairs: Array<[string, string]>): Buffer[] => pairs.flatMap(([name, value]) => [Buffer.from(name, 'latin1'), Buffer.from(value, 'latin1')]);

describe('scanRawHeaders', () => {
  it('reads the rate-limit headers and the content type in any letter case, like readRateLimitHeaders does from an object', () => {
    const pairs: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ['Date', 'Wed, 25 Nov 2026 07:00:00 GMT'],
      ['X-RateLimit-Limit', '5'],
      ['x-ratelimit-remaining', '4'],
      ['X-RATELIMIT-RESET-AFTER', '1.25'],
      ['X-RateLimit-Bucket', 'abc123'],
      ['X-RateLimit-Global', 'true'],
      ['X-RateLimit-Scope', 'shared'],
      ['Retry-After', '2'],
      ['X-RateLimit-Reset', '1700000000.5'],
      ['cf-ray', '1234'],
    ];
    const scanned = scanRawHeaders(raw(pairs));
    const object = Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value]));
    expect(scanned.contentType).toBe('application/json');
    expect(scanned.limits).toEqual(readRateLimitHeaders(object));
    expect(scanned.limits).toEqual({ limit: 5, remaining: 4, resetAfterMs: 1250, bucket: 'abc123', global: true, scope: 'shared', retryAfterMs: 2000 });
  });

  it('leaves absent, non-numeric and unknown values undefined and ignores look-alike names', () => {
    const scanned = scanRawHeaders(
      raw([
        ['X-RateLimit-Limit', 'many'],
        ['X-RateLimit-Scope', 'planet'],
        ['X-RateLimit-Limitless', '3'],
        ['Content-Typo', 'text/html'],
        ['Retry-Afterwards', '9'],
      ]),
    );
    expect(scanned).toEqual({
      contentType: undefined,
      limits: { limit: undefined, remaining: undefined, resetAfterMs: undefined, bucket: undefined, global: false, scope: undefined, retryAfterMs: undefined },
    });
    expect(scanRawHeaders(null).limits.global).toBe(false);
  });

  it('takes the first value of a repeated header', () => {
    expect(scanRawHeaders(raw([['x-ratelimit-bucket', 'first'], ['x-ratelimit-bucket', 'second']])).limits.bucket).toBe('first');
  });
});
