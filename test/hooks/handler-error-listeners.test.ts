import { HookHandlerError } from '../../src/hooks/hook.error';
import { HookManager } from '../../src/hooks/hook-manager';
import type { ApiRequestPayload } from '../../src/hooks/points/rest';

const request = (): ApiRequestPayload => ({ method: 'GET', route: '/users/@me', body: undefined, headers: {} });

describe('parallel handler failures nobody awaits', () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('become process warnings while there is no onHandlerError listener, and go only to listeners otherwise', async () => {
    const hooks = new HookManager();
    hooks.register('afterAPICall', function broken() { throw new Error('boom'); });
    const payload = { request: request(), status: 200, durationMs: 1 };

    await hooks.execute('afterAPICall', payload);
    expect(warn).toHaveBeenCalledTimes(1);
    const warned = warn.mock.calls[0]?.[0] as unknown;
    expect(warned).toBeInstanceOf(HookHandlerError);
    expect((warned as HookHandlerError).message).toContain('"broken"');

    const seen: HookHandlerError[] = [];
    const stop = hooks.onHandlerError((error) => seen.push(error));
    await hooks.execute('afterAPICall', payload);
    expect(seen).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);

    stop();
    await hooks.execute('afterAPICall', payload);
    expect(seen).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
