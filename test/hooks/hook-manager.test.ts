import { HookBudgetError, HookError, HookHandlerError } from '../../src/hooks/hook.error';
import { HookManager } from '../../src/hooks/hook-manager';
import { BUILTIN_HOOK_POINTS } from '../../src/hooks/hook-points';
import type { ApiRequestPayload } from '../../src/hooks/points/rest';

const request = (): ApiRequestPayload => ({
  method: 'POST',
  route: '/channels/1/messages',
  body: { content: 'hi' },
  headers: {},
});

describe('hook point registry', () => {
  it('declares at least 50 uniquely named points across every category', () => {
    expect(BUILTIN_HOOK_POINTS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(BUILTIN_HOOK_POINTS.map((p) => p.name)).size).toBe(BUILTIN_HOOK_POINTS.length);
    expect(new Set(BUILTIN_HOOK_POINTS.map((p) => p.category))).toEqual(
      new Set(['lifecycle', 'gateway', 'events', 'rest', 'messages', 'commands', 'cache', 'plugins', 'state']),
    );
    for (const point of BUILTIN_HOOK_POINTS) {
      expect(['waterfall', 'series', 'parallel', 'bail']).toContain(point.kind);
      expect(point.description.length).toBeGreaterThan(10);
      expect(point.firesAt.length).toBeGreaterThan(5);
      expect(point.resultType !== undefined).toBe(point.kind === 'bail');
    }
  });

  it('includes the points the framework promises', () => {
    const names = BUILTIN_HOOK_POINTS.map((p) => p.name);
    for (const name of ['beforeClientReady', 'afterClientReady', 'beforeShutdown', 'shardConnect', 'shardResume',
      'shardClose', 'beforeEventProcess', 'eventTransform', 'afterEventProcess', 'beforeAPICall', 'afterAPICall',
      'apiError', 'apiTransform', 'rateLimited', 'beforeMessageSend', 'afterMessageReceive', 'messageValidate',
      'beforeCacheSet', 'afterCacheGet', 'cacheEvict']) {
      expect(names).toContain(name);
    }
  });
});

describe('HookManager', () => {
  it('runs a waterfall in priority order, passing each result on', async () => {
    const hooks = new HookManager();
    const order: string[] = [];
    hooks.register('beforeAPICall', (r) => { order.push('low'); return { ...r, route: `${r.route}?low` }; }, { priority: -1 });
    hooks.register('beforeAPICall', (r) => { order.push('high'); r.headers['X-A'] = '1'; }, { priority: 5 });
    hooks.register('beforeAPICall', async (r) => { order.push('mid'); return { ...r, route: `${r.route}?mid` }; });
    const out = await hooks.execute('beforeAPICall', request());
    expect(order).toEqual(['high', 'mid', 'low']);
    expect(out.route).toBe('/channels/1/messages?mid?low');
    expect(out.headers).toEqual({ 'X-A': '1' });
  });

  it('keeps registration order among equal priorities', async () => {
    const hooks = new HookManager();
    const order: number[] = [];
    for (const n of [1, 2, 3]) hooks.register('shardConnect', () => void order.push(n));
    await hooks.execute('shardConnect', { shardId: 0, url: 'ws://x', resuming: false });
    expect(order).toEqual([1, 2, 3]);
  });

  it('awaits series handlers one after another', async () => {
    const hooks = new HookManager();
    const events: string[] = [];
    hooks.register('beforeShutdown', async () => {
      events.push('a:start');
      await new Promise((resolve) => setImmediate(resolve));
      events.push('a:end');
    });
    hooks.register('beforeShutdown', () => void events.push('b'));
    await hooks.execute('beforeShutdown', { signal: 'SIGTERM' });
    expect(events).toEqual(['a:start', 'a:end', 'b']);
  });

  it('starts parallel handlers together and reports a failure without throwing', async () => {
    const hooks = new HookManager();
    const events: string[] = [];
    const failures: HookHandlerError[] = [];
    hooks.onHandlerError((error) => failures.push(error));
    hooks.register('afterAPICall', async () => {
      events.push('a:start');
      await new Promise((resolve) => setImmediate(resolve));
      events.push('a:end');
    });
    hooks.register('afterAPICall', function broken() { throw new Error('boom'); }, { owner: 'bad-plugin' });
    hooks.register('afterAPICall', () => void events.push('c'));
    await hooks.execute('afterAPICall', { request: request(), status: 200, durationMs: 3 });
    expect(events).toEqual(['a:start', 'c', 'a:end']);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(HookHandlerError);
    expect(failures[0]?.message).toContain('"broken" (owner: bad-plugin) failed on "afterAPICall": boom');
  });

  it('stops a bail chain at the first defined result', async () => {
    const hooks = new HookManager();
    const seen: string[] = [];
    hooks.register('messageValidate', () => void seen.push('first'));
    hooks.register('messageValidate', ({ body }) => {
      seen.push('second');
      return body.content?.includes('@everyone') ? { reason: 'no mass pings' } : undefined;
    });
    hooks.register('messageValidate', () => void seen.push('third'));
    expect(await hooks.execute('messageValidate', { channelId: '1', body: { content: 'hello @everyone' } })).toEqual({
      reason: 'no mass pings',
    });
    expect(seen).toEqual(['first', 'second']);
    expect(await hooks.execute('messageValidate', { channelId: '1', body: { content: 'hello' } })).toBeUndefined();
  });

  it('wraps a throwing waterfall handler and stops the chain', async () => {
    const hooks = new HookManager();
    const after = jest.fn();
    hooks.register('beforeAPICall', async function rejecter() { throw new Error('nope'); }, { owner: 'p' });
    hooks.register('beforeAPICall', after, { priority: -1 });
    await expect(hooks.execute('beforeAPICall', request())).rejects.toMatchObject({
      code: 'OVEN_ERR_HOOK_HANDLER_FAILED',
      hook: 'beforeAPICall',
      handler: 'rejecter',
      owner: 'p',
    });
    expect(after).not.toHaveBeenCalled();
  });

  it('returns the payload untouched when nobody listens', async () => {
    const hooks = new HookManager();
    const payload = request();
    expect(await hooks.execute('beforeAPICall', payload)).toBe(payload);
    expect(hooks.has('beforeAPICall')).toBe(false);
  });

  it('names the closest hook point when a name is misspelt', () => {
    const hooks = new HookManager();
    expect(() => hooks.register('beforeApiCall' as 'beforeAPICall', () => undefined)).toThrow(
      /There is no hook point "beforeApiCall"\. Did you mean "beforeAPICall"\?/,
    );
    try {
      hooks.point('nothingLikeIt');
    } catch (error) {
      expect(error).toBeInstanceOf(HookError);
      expect((error as HookError).code).toBe('OVEN_ERR_HOOK_UNKNOWN_POINT');
    }
  });

  it('rejects a non-function handler and a bad priority with typed errors', () => {
    const hooks = new HookManager();
    expect(() => hooks.register('shardClose', 'x' as never)).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_INVALID_HANDLER' }),
    );
    expect(() => hooks.register('shardClose', () => undefined, { priority: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_INVALID_PRIORITY' }),
    );
  });

  it('runs sync handlers with executeSync and refuses an async one', () => {
    const hooks = new HookManager();
    hooks.register('afterCacheGet', (entry) => ({ ...entry, value: 'patched' }));
    expect(hooks.executeSync('afterCacheGet', { store: 'users', key: '1', hit: true, value: 'x' }).value).toBe('patched');
    hooks.register('afterCacheGet', async function slow() { return undefined; }, { owner: 'p' });
    expect(() => hooks.executeSync('afterCacheGet', { store: 'users', key: '1', hit: true, value: 'x' })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_ASYNC_IN_SYNC' }),
    );
  });

  it('unregisters by registration, by function, and by owner', async () => {
    const hooks = new HookManager();
    const calls: string[] = [];
    const a = (): void => void calls.push('a');
    const registration = hooks.register('shardReady', () => void calls.push('r'));
    hooks.register('shardReady', a);
    hooks.register('shardReady', () => void calls.push('p1'), { owner: 'plugin' });
    hooks.register('shardClose', () => void calls.push('p2'), { owner: 'plugin' });
    expect(registration.unregister()).toBe(true);
    expect(registration.unregister()).toBe(false);
    expect(hooks.unregister('shardReady', a)).toBe(1);
    expect(hooks.unregisterOwner('plugin')).toBe(2);
    await hooks.execute('shardReady', { shardId: 0, sessionId: 's' });
    await hooks.execute('shardClose', { shardId: 0, code: 1000, reason: '' });
    expect(calls).toEqual([]);
  });

  it('lets a running chain finish with the handlers it started with', async () => {
    const hooks = new HookManager();
    const calls: string[] = [];
    hooks.register('beforeShutdown', () => {
      calls.push('first');
      hooks.register('beforeShutdown', () => void calls.push('late'));
    });
    await hooks.execute('beforeShutdown', { signal: undefined });
    expect(calls).toEqual(['first']);
  });

  it('lists every point with its handlers in run order', () => {
    const hooks = new HookManager();
    hooks.register('rateLimited', function low() {}, { priority: 1 });
    hooks.register('rateLimited', function high() {}, { priority: 9, owner: 'x' });
    const listing = hooks.listHooks();
    expect(listing).toHaveLength(BUILTIN_HOOK_POINTS.length);
    expect(listing.find((h) => h.name === 'rateLimited')?.handlers).toEqual([
      { label: 'high', owner: 'x', priority: 9 },
      { label: 'low', owner: undefined, priority: 1 },
    ]);
  });

  it('accepts custom points and refuses duplicates', async () => {
    const hooks = new HookManager();
    hooks.define({ name: 'tickets:opened', kind: 'bail', category: 'tickets', description: 'A ticket opened.',
      payloadType: 'TicketPayload', resultType: 'TicketVeto', firesAt: 'TicketService.open' });
    hooks.register('tickets:opened' as 'messageValidate', () => ({ reason: 'closed for the night' }));
    expect(await hooks.execute('tickets:opened' as 'messageValidate', { channelId: '1', body: {} })).toEqual({
      reason: 'closed for the night',
    });
    expect(() => hooks.define({ ...hooks.point('beforeAPICall') })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_DUPLICATE_POINT' }),
    );
  });
});

describe('hook tracing', () => {
  it('can trace only the named hook points, and refuses unknown names', async () => {
    const hooks = new HookManager({ trace: ['shardClose'] });
    await hooks.execute('shardClose', { shardId: 0, code: 4000, reason: '' });
    await hooks.execute('shardReady', { shardId: 0, sessionId: 's' });
    expect(hooks.traces().map((t) => t.hook)).toEqual(['shardClose']);
    expect(() => hooks.setTracing(['shardClosed'])).toThrow(/Did you mean "shardClose"/);
  });

  it('records each handler, its outcome and what it changed', async () => {
    const hooks = new HookManager({ trace: true });
    hooks.register('beforeAPICall', function addReason(r) { r.headers['X-Audit-Log-Reason'] = 'cleanup'; }, { owner: 'audit', priority: 2 });
    hooks.register('beforeAPICall', function shout(r) { return { ...r, body: { content: 'HI' } }; });
    hooks.register('beforeAPICall', function observe() {});
    await hooks.execute('beforeAPICall', request());
    const [trace] = hooks.traces();
    expect(trace).toMatchObject({ hook: 'beforeAPICall', kind: 'waterfall', outcome: 'completed' });
    expect(trace?.steps.map((s) => [s.handler, s.owner, s.outcome])).toEqual([
      ['addReason', 'audit', 'continued'],
      ['shout', undefined, 'replaced'],
      ['observe', undefined, 'continued'],
    ]);
    expect(trace?.steps[0]?.changes).toEqual([{ path: 'headers["X-Audit-Log-Reason"]', before: undefined, after: 'cleanup' }]);
    expect(trace?.steps[1]?.changes).toEqual([{ path: 'body.content', before: 'hi', after: 'HI' }]);
    expect(trace?.steps[2]?.changes).toEqual([]);
    expect(trace?.changes.map((c) => c.path)).toEqual(['body.content', 'headers["X-Audit-Log-Reason"]']);
    for (const step of trace?.steps ?? []) expect(step.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('records bails and failures, notifies listeners, and can be switched off', async () => {
    const hooks = new HookManager();
    const seen: string[] = [];
    hooks.onTrace((trace) => seen.push(`${trace.hook}:${trace.outcome}`));
    hooks.setTracing(true);
    hooks.register('beforeCommandRun', () => ({ reason: 'cooldown' }));
    hooks.register('beforeIdentify', () => { throw new Error('bad'); });
    const run = { commandName: 'ping', interaction: {} as never, options: {} };
    await hooks.execute('beforeCommandRun', run);
    await expect(hooks.execute('beforeIdentify', { shardId: 0, identify: {} as never })).rejects.toThrow('bad');
    expect(seen).toEqual(['beforeCommandRun:bailed', 'beforeIdentify:failed']);
    expect(hooks.traces()[1]?.steps[0]).toMatchObject({ outcome: 'failed', error: 'bad' });
    hooks.setTracing(false);
    await hooks.execute('beforeCommandRun', run);
    expect(hooks.traces()).toHaveLength(2);
    hooks.clearTraces();
    expect(hooks.traces()).toEqual([]);
  });
});

describe('HookManager.whileHandled', () => {
  it('attaches while the point has a handler and detaches when the last one goes', () => {
    const hooks = new HookManager();
    const log: string[] = [];
    const stop = hooks.whileHandled('clientDebug', () => {
      log.push('attach');
      return () => void log.push('detach');
    });
    expect(log).toEqual([]);
    const first = hooks.register('clientDebug', () => undefined);
    const second = hooks.register('clientDebug', () => undefined);
    expect(log).toEqual(['attach']);
    first.unregister();
    expect(log).toEqual(['attach']);
    second.unregister();
    expect(log).toEqual(['attach', 'detach']);
    hooks.register('clientDebug', () => undefined, { owner: 'p' });
    hooks.unregisterOwner('p');
    expect(log).toEqual(['attach', 'detach', 'attach', 'detach']);
    hooks.register('clientDebug', () => undefined);
    stop();
    expect(log).toEqual(['attach', 'detach', 'attach', 'detach', 'attach', 'detach']);
    hooks.unregister('clientDebug');
    hooks.register('clientDebug', () => undefined);
    expect(log).toHaveLength(6);
  });

  it('attaches at once when a handler already exists, and refuses an unknown point', () => {
    const hooks = new HookManager();
    hooks.register('gatewayRawPacket', () => undefined);
    let attached = 0;
    const stop = hooks.whileHandled('gatewayRawPacket', () => {
      attached += 1;
      return () => void (attached -= 1);
    });
    expect(attached).toBe(1);
    stop();
    stop();
    expect(attached).toBe(0);
    expect(() => hooks.whileHandled('gatewayRawPacke' as 'gatewayRawPacket', () => () => undefined)).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_UNKNOWN_POINT' }),
    );
  });
});

describe('hook budgets', () => {
  function gate(): { wait: Promise<void>; open: () => void } {
    let open!: () => void;
    const wait = new Promise<void>((resolve) => (open = resolve));
    return { wait, open };
  }

  it('stops waiting for a bail point past its budget: no veto, the next handlers skipped, a HookBudgetError naming hook and handler', async () => {
    const hooks = new HookManager({ budgets: { beforeCommandRun: 20 } });
    const errors: HookHandlerError[] = [];
    hooks.onHandlerError((error) => void errors.push(error));
    const slow = gate();
    const ran: string[] = [];
    hooks.register('beforeCommandRun', async function lookUpBans() {
      await slow.wait;
      ran.push('lookUpBans');
      return { reason: 'too late' };
    }, { owner: 'mod-plugin', priority: 1 });
    hooks.register('beforeCommandRun', () => void ran.push('after'));
    const result = await hooks.execute('beforeCommandRun', { commandName: 'ping', interaction: {} as never, options: {} });
    expect(result).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HookBudgetError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_HOOK_BUDGET_EXCEEDED', hook: 'beforeCommandRun', handler: '"lookUpBans"', owner: 'mod-plugin', budgetMs: 20 });
    expect(errors[0]?.message).toContain('Hook "beforeCommandRun" went past its 20 ms budget: handler "lookUpBans" (owner: mod-plugin)');
    slow.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['lookUpBans']);
  });

  it('gives a waterfall point\'s payload as the finished handlers left it, and reports a late failure', async () => {
    const hooks = new HookManager({ trace: ['commandOptionsTransform'] });
    hooks.setBudget('commandOptionsTransform', 20);
    const errors: HookHandlerError[] = [];
    hooks.onHandlerError((error) => void errors.push(error));
    const slow = gate();
    hooks.register('commandOptionsTransform', (payload) => ({ ...payload, options: { text: 'trimmed' } }), { priority: 2 });
    hooks.register('commandOptionsTransform', async function translate(payload) {
      await slow.wait;
      throw new Error(`no translation for ${String(payload.options['text'])}`);
    });
    const out = await hooks.execute('commandOptionsTransform', { commandName: 'say', interaction: {} as never, options: { text: ' trimmed ' } });
    expect(out.options).toEqual({ text: 'trimmed' });
    expect(hooks.traces().at(-1)?.outcome).toBe('overBudget');
    slow.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => error.code)).toEqual(['OVEN_ERR_HOOK_BUDGET_EXCEEDED', 'OVEN_ERR_HOOK_HANDLER_FAILED']);
    expect(errors[1]?.message).toContain('no translation for trimmed');
  });

  it('has built-in budgets on the points an interaction answer waits on; false removes one; a fast chain is not cut', async () => {
    const hooks = new HookManager({ budgets: { commandDenied: false } });
    expect(hooks.budget('beforeInteraction')).toBe(500);
    expect(hooks.budget('autocompleteTransform')).toBe(500);
    expect(hooks.budget('commandDenied')).toBeUndefined();
    expect(hooks.budget('beforeAPICall')).toBeUndefined();
    hooks.setBudget('beforeInteraction', 0);
    hooks.register('beforeInteraction', () => ({ reason: 'sync veto' }));
    // A chain that settles synchronously never meets its budget, even 0 ms.
    await expect(hooks.execute('beforeInteraction', { interaction: {} as never })).resolves.toEqual({ reason: 'sync veto' });
  });

  it('refuses a bad budget or an unknown point with typed errors', () => {
    expect(() => new HookManager({ budgets: { beforeCommandRun: -1 } })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_INVALID_BUDGET', message: expect.stringContaining('"beforeCommandRun" is -1') }),
    );
    const hooks = new HookManager();
    expect(() => hooks.setBudget('beforeCommandRun', Number.NaN)).toThrow(HookError);
    expect(() => hooks.setBudget('beforeComandRun' as 'beforeCommandRun', 10)).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_HOOK_UNKNOWN_POINT', message: expect.stringContaining('Did you mean "beforeCommandRun"') }),
    );
  });
});
