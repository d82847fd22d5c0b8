import { errorAnswer } from '../../src/proxy/error-response';
import { ProxyError } from '../../src/proxy/proxy-error';
import {
  DiscordAPIError,
  HTTPError,
  InvalidRequestLimitError,
  LimiterStoreError,
  RateLimitError,
  RequestFailedError,
  RestUsageError,
  TotalTimeoutError,
} from '../../src/rest';

describe('errorAnswer', () => {
  it('re-encodes Discord errors with their own status and raw body', () => {
    const raw = { code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Too long' }] } } };
    expect(errorAnswer(new DiscordAPIError(raw, 400, 'POST', '/channels/1/messages'))).toEqual({ status: 400, body: { json: raw } });
  });

  it('passes non-JSON failures on as text with their status, and empty ones without a body', () => {
    expect(errorAnswer(new HTTPError(502, 'GET', '/x', '<html>bad gateway</html>'))).toEqual({
      status: 502,
      body: { text: '<html>bad gateway</html>', contentType: 'text/plain; charset=utf-8' },
    });
    expect(errorAnswer(new HTTPError(500, 'GET', '/x', ''))).toEqual({ status: 500, body: undefined });
  });

  it('answers what the proxy and RestClient decided with their code and a fitting status', () => {
    const status = (error: unknown): [number, unknown] => {
      const answer = errorAnswer(error);
      return [answer.status, answer.body !== undefined && 'json' in answer.body ? (answer.body.json as { code: unknown }).code : undefined];
    };
    expect(status(new ProxyError('OVEN_ERR_PROXY_NO_TOKEN', 'no token'))).toEqual([401, 'OVEN_ERR_PROXY_NO_TOKEN']);
    expect(status(new ProxyError('OVEN_ERR_PROXY_BODY_TOO_LARGE', 'big'))).toEqual([413, 'OVEN_ERR_PROXY_BODY_TOO_LARGE']);
    expect(status(new RequestFailedError('timeout', 'GET', '/x', 1))).toEqual([504, 'OVEN_ERR_REST_TIMEOUT']);
    expect(status(new RequestFailedError('network', 'GET', '/x', 4))).toEqual([502, 'OVEN_ERR_REST_NETWORK']);
    expect(status(new TotalTimeoutError('GET', '/x', 5000, 1, 'rate-limit', { queueMs: 0, rateLimitMs: 5000, attemptMs: 0, retryBackoffMs: 0 }))).toEqual([
      504,
      'OVEN_ERR_REST_TOTAL_TIMEOUT',
    ]);
    expect(status(new LimiterStoreError('acquire', new Error('ECONNREFUSED')))).toEqual([503, 'OVEN_ERR_REST_STORE']);
    expect(status(new InvalidRequestLimitError(9500, 9500, 10000, 600_000, 1000))).toEqual([503, 'OVEN_ERR_REST_INVALID_REQUEST_LIMIT']);
    expect(status(new RestUsageError('OVEN_ERR_REST_TOKEN_REJECTED', 'rejected'))).toEqual([401, 'OVEN_ERR_REST_TOKEN_REJECTED']);
    expect(status(new RestUsageError('OVEN_ERR_REST_CLOSED', 'closed'))).toEqual([503, 'OVEN_ERR_REST_CLOSED']);
    expect(status(new RestUsageError('OVEN_ERR_REST_BAD_OPTION', 'reason too long'))).toEqual([400, 'OVEN_ERR_REST_BAD_OPTION']);
    expect(status(new Error('boom'))).toEqual([500, 'OVEN_ERR_PROXY_INTERNAL']);
  });

  it('gives a rate-limit refusal Discord-shaped retry_after in seconds', () => {
    const answer = errorAnswer(new RateLimitError({ method: 'GET', path: '/x', route: 'GET /x', bucket: 'b', retryAfterMs: 1500, global: false, scope: 'user' }));
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({ json: expect.objectContaining({ retry_after: 1.5, global: false, code: 'OVEN_ERR_REST_RATE_LIMITED' }) });
  });
});
