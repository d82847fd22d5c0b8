import { type GatewayDispatchPayload, GatewayIntentBits } from 'discord-api-types/v10';
import { EventPipeline, ShardManager } from '../../../src/gateway';
import { HookManager, type GatewayEventPayload } from '../../../src/hooks';
import { bridgeEventHooks } from '../../../src/hooks/bridges/events';
import { bridgeGatewayHooks } from '../../../src/hooks/bridges/gateway';
import { bridgeRestHooks } from '../../../src/hooks/bridges/rest';
import { RestClient } from '../../../src/rest';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const message = (s: number): GatewayDispatchPayload =>
  ({ op: 0, t: 'MESSAGE_CREATE', s, d: { id: String(s), channel_id: '1', content: 'hi', author: { id: '2', bot: false } } }) as unknown as GatewayDispatchPayload;

describe('bridges subscribe to per-dispatch engine events only while a handler reads them', () => {
  it('bridgeEventHooks handles MESSAGE_CREATE and MESSAGE_DELETE only while afterMessageReceive / afterMessageDelete are handled', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const hooks = new HookManager();
    const detach = bridgeEventHooks(pipeline, hooks);
    expect([pipeline.handlerCount('MESSAGE_CREATE'), pipeline.handlerCount('MESSAGE_DELETE')]).toEqual([0, 0]);

    const received: string[] = [];
    const registration = hooks.register('afterMessageReceive', ({ message: m }) => void received.push(m.id));
    hooks.register('afterMessageDelete', () => undefined);
    expect([pipeline.handlerCount('MESSAGE_CREATE'), pipeline.handlerCount('MESSAGE_DELETE')]).toEqual([1, 1]);
    pipeline.push(message(1), 0);
    await tick();
    expect(received).toEqual(['1']);

    registration.unregister();
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(0);
    detach();
    expect(pipeline.handlerCount('MESSAGE_DELETE')).toBe(0);
  });

  it('fires eventUnhandled for a MESSAGE_CREATE nobody handles (the bridge\'s own handler does not count)', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const hooks = new HookManager();
    const detach = bridgeEventHooks(pipeline, hooks);
    const unhandled: GatewayEventPayload[] = [];
    hooks.register('eventUnhandled', (event) => void unhandled.push(event));
    pipeline.push(message(2), 3);
    await tick();
    expect(unhandled).toMatchObject([{ name: 'MESSAGE_CREATE', shardId: 3 }]);
    // Observed by a plugin through afterMessageReceive, still handled by no one in the app.
    hooks.register('afterMessageReceive', () => undefined);
    pipeline.push(message(3), 1);
    await tick();
    expect(unhandled).toMatchObject([{ name: 'MESSAGE_CREATE', shardId: 3 }, { name: 'MESSAGE_CREATE', shardId: 1 }]);
    pipeline.handle('MESSAGE_CREATE', () => undefined);
    pipeline.push(message(4), 1);
    await tick();
    expect(unhandled).toHaveLength(2);
    detach();
  });

  it('bridgeGatewayHooks listens to every dispatch only while gatewayRawPacket is handled', async () => {
    const gateway = new ShardManager({ token: 't', intents: GatewayIntentBits.Guilds, fetchGatewayInfo: () => Promise.reject(new Error('offline')) });
    const hooks = new HookManager();
    const before = gateway.listenerCount('dispatch');
    const detach = bridgeGatewayHooks(gateway, hooks);
    expect(gateway.listenerCount('dispatch')).toBe(before);
    const packets: number[] = [];
    const registration = hooks.register('gatewayRawPacket', ({ shardId }) => void packets.push(shardId));
    expect(gateway.listenerCount('dispatch')).toBe(before + 1);
    gateway.emit('dispatch', message(3), 4);
    await tick();
    expect(packets).toEqual([4]);
    registration.unregister();
    expect(gateway.listenerCount('dispatch')).toBe(before);
    hooks.register('gatewayRawPacket', () => undefined);
    detach();
    expect(gateway.listenerCount('dispatch')).toBe(before);
    await gateway.destroy();
  });

  it('bridgeGatewayHooks takes over the ShardManager\'s errors only while shardError is handled, so unhandled ones are still printed', async () => {
    const gateway = new ShardManager({ token: 't', intents: GatewayIntentBits.Guilds, fetchGatewayInfo: () => Promise.reject(new Error('offline')) });
    const hooks = new HookManager();
    const before = gateway.listenerCount('error');
    const detach = bridgeGatewayHooks(gateway, hooks);
    // A listener on 'error' replaces the manager's console.error; with no shardError handler it would swallow errors.
    expect(gateway.listenerCount('error')).toBe(before);
    const seen: unknown[] = [];
    const registration = hooks.register('shardError', ({ error }) => void seen.push(error));
    expect(gateway.listenerCount('error')).toBe(before + 1);
    const failure = new Error('shard broke');
    gateway.emit('error', failure);
    await tick();
    expect(seen).toEqual([failure]);
    registration.unregister();
    expect(gateway.listenerCount('error')).toBe(before);
    detach();
    await gateway.destroy();
  });

  it('bridgeEventHooks leaves handler errors to the pipeline, and prints its own hooks\' failures, while eventHandlerError has no handler', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const hooks = new HookManager();
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = pipeline.listenerCount('handlerError');
    const detach = bridgeEventHooks(pipeline, hooks);
    expect(pipeline.listenerCount('handlerError')).toBe(before);
    // An async filter cannot run in the synchronous pipeline: the failure must not vanish.
    hooks.register('messageFilter', async function slowFilter() {
      return undefined;
    });
    pipeline.push(message(5), 0);
    await tick();
    expect(printed).toHaveBeenCalledWith('[ovenjs]', expect.objectContaining({ message: expect.stringContaining('slowFilter') }));

    const reported: string[] = [];
    hooks.register('eventHandlerError', ({ handler }) => void reported.push(handler));
    expect(pipeline.listenerCount('handlerError')).toBe(before + 1);
    pipeline.push(message(6), 0);
    await tick();
    expect(reported).toEqual(['beforeEventProcess/messageFilter hooks']);
    expect(printed).toHaveBeenCalledTimes(1);
    detach();
    expect(pipeline.listenerCount('handlerError')).toBe(before);
    printed.mockRestore();
  });

  it('bridgeRestHooks listens to rateLimited, retry and invalidRequestWarning only while their hook points are handled', async () => {
    const rest = new RestClient({ token: 't', baseURL: 'http://127.0.0.1:9/api' });
    // The client builds these payloads only for listeners (RestEventEmitter.listens).
    const listens = (event: 'rateLimited' | 'retry' | 'invalidRequestWarning'): boolean =>
      (rest as unknown as { listens(name: string): boolean }).listens(event);
    const hooks = new HookManager();
    const detach = bridgeRestHooks(rest, hooks);
    expect([listens('rateLimited'), listens('retry'), listens('invalidRequestWarning')]).toEqual([false, false, false]);
    const registration = hooks.register('rateLimited', () => undefined);
    hooks.register('apiRetry', () => undefined);
    hooks.register('invalidRequestWarning', () => undefined);
    expect([listens('rateLimited'), listens('retry'), listens('invalidRequestWarning')]).toEqual([true, true, true]);
    registration.unregister();
    expect(listens('rateLimited')).toBe(false);
    detach();
    expect([listens('retry'), listens('invalidRequestWarning')]).toEqual([false, false]);
    await rest.close();
  });
});
