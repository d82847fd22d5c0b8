import { GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { ClientOptionError } from '../../../src/client';
import { EventPipeline } from '../../../src/gateway';
import { HookManager, type EventProcessedPayload } from '../../../src/hooks';
import { bridgeClientHooks } from '../../../src/hooks/bridges/client';
import { bridgeEventHooks } from '../../../src/hooks/bridges/events';
import { stoppedClient } from '../../support/stopped-client';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
let seq = 0;
const dispatch = (t: string): GatewayDispatchPayload => ({ op: 0, t, s: ++seq, d: { content: t } }) as unknown as GatewayDispatchPayload;

describe('afterEventProcess through bridgeEventHooks', () => {
  it('fires after the handlers settled, and only listens to the pipeline while a handler exists', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const hooks = new HookManager();
    const detach = bridgeEventHooks(pipeline, hooks);
    const order: string[] = [];
    pipeline.handle('GUILD_CREATE', async () => {
      await tick();
      order.push('handler');
    });
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    await tick();
    expect(pipeline.listenerCount('processed')).toBe(0);

    const seen = new Promise<EventProcessedPayload>((resolve) =>
      hooks.register('afterEventProcess', (payload) => {
        order.push('afterEventProcess');
        resolve(payload);
      }),
    );
    pipeline.push(dispatch('GUILD_CREATE'), 2);
    expect(pipeline.listenerCount('processed')).toBe(1);
    const payload = await seen;
    expect(order.slice(-2)).toEqual(['handler', 'afterEventProcess']);
    expect(payload).toMatchObject({ handlerCount: 1, event: { shardId: 2, name: 'GUILD_CREATE' } });

    hooks.unregister('afterEventProcess');
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    expect(pipeline.listenerCount('processed')).toBe(0);
    hooks.register('afterEventProcess', () => undefined);
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    detach();
    expect(pipeline.listenerCount('processed')).toBe(0);
    await tick();
  });
});

describe('beforeClientLogin and clientDebug through bridgeClientHooks', () => {
  it('accepts intents as a list of bits and passes the shard count on', async () => {
    const { client, reached } = stoppedClient();
    const hooks = new HookManager();
    bridgeClientHooks(client, hooks);
    const debug: string[] = [];
    hooks.register('clientDebug', ({ source, message }) => void debug.push(`${source}: ${message}`));
    hooks.register('beforeClientLogin', (login) => ({ ...login, intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], shardCount: 3 }));
    await expect(client.login()).rejects.toThrow('stopped before connecting');
    expect(reached).toEqual([GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages]);
    await tick();
    expect(debug).toEqual([`client: logging in with intents ${GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages} and 3 shards`]);
    await client.destroy();
  });

  it('refuses a list holding something else than bits with OVEN_ERR_CLIENT_INVALID_OPTION, before connecting', async () => {
    const { client, reached } = stoppedClient();
    const hooks = new HookManager();
    bridgeClientHooks(client, hooks);
    hooks.register('beforeClientLogin', (login) => ({ ...login, intents: ['Guilds'] as unknown as GatewayIntentBits[] }));
    await expect(client.login()).rejects.toBeInstanceOf(ClientOptionError);
    expect(reached).toEqual([]);
    await client.destroy();
  });

  it('listens to the Client\'s debug feed only while a clientDebug handler exists', async () => {
    const { client } = stoppedClient();
    const hooks = new HookManager();
    // The Client feeds `debug` from these engine events while anyone listens to `debug`.
    const fed = (): number[] => [client.gateway.listenerCount('shardHeartbeat'), client.gateway.listenerCount('shardIdentify')];
    const detach = bridgeClientHooks(client, hooks);
    expect(fed()).toEqual([0, 0]);
    const debug: string[] = [];
    const registration = hooks.register('clientDebug', ({ message }) => void debug.push(message));
    expect(fed()).toEqual([1, 1]);
    client.gateway.emit('reshard', { from: 1, to: 2 });
    await tick();
    expect(debug).toEqual(['resharding from 1 to 2 shards']);
    registration.unregister();
    expect(fed()).toEqual([0, 0]);
    hooks.register('clientDebug', () => undefined);
    expect(fed()).toEqual([1, 1]);
    detach();
    expect(fed()).toEqual([0, 0]);
    await client.destroy();
  });

  it('steps aside after detach', async () => {
    const { client, reached } = stoppedClient();
    const hooks = new HookManager();
    const detach = bridgeClientHooks(client, hooks);
    hooks.register('beforeClientLogin', (login) => ({ ...login, intents: 0 }));
    detach();
    await expect(client.login()).rejects.toThrow('stopped before connecting');
    expect(reached).toEqual([GatewayIntentBits.Guilds]);
    await client.destroy();
  });
});
