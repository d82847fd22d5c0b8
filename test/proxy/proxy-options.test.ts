import { ProxyError } from '../../src/proxy/proxy-error';
import { resolveProxyOptions, type RestProxyOptions } from '../../src/proxy/proxy-options';

describe('resolveProxyOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveProxyOptions()).toMatchObject({
      port: 8081,
      host: '127.0.0.1',
      token: undefined,
      maxBodyBytes: 25 * 1024 * 1024,
      versions: [9, 10],
      maxClients: 100,
      clientIdleMs: 600_000,
    });
    expect(resolveProxyOptions({ token: 'Bot abc' }).token).toBe('abc');
    expect(resolveProxyOptions({ token: ' abc ' }).token).toBe('abc');
  });

  it.each<[string, RestProxyOptions]>([
    ['port', { port: 70_000 }],
    ['token', { token: ' ' }],
    ['token', { token: 'two tokens' }],
    ['versions', { versions: [] }],
    ['maxBodyBytes', { maxBodyBytes: 0 }],
    ['maxClients', { maxClients: 1.5 }],
    ['clientIdleMs', { clientIdleMs: -1 }],
    ['rest', { rest: { baseURL: 'not a url' } }],
    ['rest', { rest: { retries: -1 } }],
  ])('refuses a bad %s with OVEN_ERR_PROXY_BAD_OPTION', (name, options) => {
    let caught: unknown;
    try {
      resolveProxyOptions(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProxyError);
    expect((caught as ProxyError).code).toBe('OVEN_ERR_PROXY_BAD_OPTION');
    expect((caught as ProxyError).message).toContain(name);
  });
});
