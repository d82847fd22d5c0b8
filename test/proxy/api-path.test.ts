import { parseApiPath } from '../../src/proxy/api-path';
import { ProxyError } from '../../src/proxy/proxy-error';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ProxyError ? error.code : 'not a ProxyError';
  }
  return undefined;
}

describe('parseApiPath', () => {
  it('splits version and route, keeping percent-encoding as sent', () => {
    expect(parseApiPath('/api/v10/channels/1/messages', [9, 10])).toEqual({ version: 10, route: '/channels/1/messages' });
    expect(parseApiPath('/api/v9/channels/1/messages/2/reactions/%F0%9F%91%8D/@me', [9, 10])).toEqual({
      version: 9,
      route: '/channels/1/messages/2/reactions/%F0%9F%91%8D/@me',
    });
  });

  it('refuses unknown versions, other paths and dot or empty segments with typed errors', () => {
    expect(codeOf(() => parseApiPath('/api/v8/users/@me', [9, 10]))).toBe('OVEN_ERR_PROXY_UNKNOWN_VERSION');
    expect(codeOf(() => parseApiPath('/api/vx/users/@me', [9, 10]))).toBe('OVEN_ERR_PROXY_NOT_FOUND');
    expect(codeOf(() => parseApiPath('/v10/users/@me', [9, 10]))).toBe('OVEN_ERR_PROXY_NOT_FOUND');
    expect(codeOf(() => parseApiPath('/api/v10', [9, 10]))).toBe('OVEN_ERR_PROXY_NOT_FOUND');
    expect(codeOf(() => parseApiPath('/api/v10/', [9, 10]))).toBe('OVEN_ERR_PROXY_BAD_PATH');
    expect(codeOf(() => parseApiPath('/api/v10/channels/../users', [9, 10]))).toBe('OVEN_ERR_PROXY_BAD_PATH');
    expect(codeOf(() => parseApiPath('/api/v10/channels/%2E%2e/users', [9, 10]))).toBe('OVEN_ERR_PROXY_BAD_PATH');
    expect(codeOf(() => parseApiPath('/api/v10/channels/a%2Fb', [9, 10]))).toBe('OVEN_ERR_PROXY_BAD_PATH');
    expect(codeOf(() => parseApiPath('/api/v10/channels//messages', [9, 10]))).toBe('OVEN_ERR_PROXY_BAD_PATH');
  });

  it('names the versions it serves in the message', () => {
    expect(() => parseApiPath('/api/v8/users/@me', [10])).toThrow(/use one of v10/);
  });
});
