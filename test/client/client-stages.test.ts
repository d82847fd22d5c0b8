import { GatewayIntentBits } from 'discord-api-types/v10';
import { ClientOptionError, type ClientDebugInfo, type ClientLoginOptions } from '../../src/client';
import { stoppedClient } from '../support/stopped-client';

describe('Client login stages', () => {
  it('runs stages in order before the gateway connects and applies their intents and shard count', async () => {
    const { client, reached } = stoppedClient(2);
    const seen: ClientLoginOptions[] = [];
    client.addLoginStage((login) => {
      seen.push(login);
      return { ...login, intents: login.intents | GatewayIntentBits.GuildMembers };
    });
    const remove = client.addLoginStage(() => ({ intents: 0, shardCount: 'auto' }));
    remove();
    client.addLoginStage(async (login) => {
      seen.push(login);
      return { ...login, shardCount: 4 };
    });
    await expect(client.login()).rejects.toThrow('stopped before connecting');
    expect(seen).toEqual([
      { intents: GatewayIntentBits.Guilds, shardCount: 2 },
      { intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers, shardCount: 2 },
    ]);
    expect(reached).toEqual([GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers]);
    await client.destroy();
  });

  it("starts from 'auto' when no shard count is configured", async () => {
    const { client } = stoppedClient();
    const seen: ClientLoginOptions[] = [];
    client.addLoginStage((login) => {
      seen.push(login);
      return login;
    });
    await expect(client.login()).rejects.toThrow('stopped before connecting');
    expect(seen).toEqual([{ intents: GatewayIntentBits.Guilds, shardCount: 'auto' }]);
    await client.destroy();
  });

  it.each([
    ['negative intents', { intents: -1, shardCount: 'auto' }],
    ['fractional intents', { intents: 1.5, shardCount: 'auto' }],
    ['a zero shard count', { intents: 1, shardCount: 0 }],
    ['a string shard count', { intents: 1, shardCount: 'many' }],
    ['nothing', undefined],
  ])('rejects login with OVEN_ERR_CLIENT_INVALID_OPTION when a stage returns %s, before connecting', async (_, result) => {
    const { client, reached } = stoppedClient();
    client.addLoginStage(() => result as unknown as ClientLoginOptions);
    const error = await client.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientOptionError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_CLIENT_INVALID_OPTION' });
    expect(reached).toEqual([]);
    await client.destroy();
  });

  it('rejects login with the error of a throwing stage', async () => {
    const { client, reached } = stoppedClient();
    client.addLoginStage(async () => {
      throw new Error('no login today');
    });
    await expect(client.login()).rejects.toThrow('no login today');
    expect(reached).toEqual([]);
    await client.destroy();
  });
});

describe('Client debug event', () => {
  it('reports gateway events and the login settings once someone listens, and stops after destroy', async () => {
    const { client } = stoppedClient();
    client.gateway.emit('shardIdentify', { shardId: 7 });
    const messages: ClientDebugInfo[] = [];
    client.on('debug', (info) => void messages.push(info));
    client.gateway.emit('shardIdentify', { shardId: 0 });
    client.gateway.emit('shardHeartbeat', { shardId: 0, sequence: 12 });
    client.gateway.emit('shardReconnect', { shardId: 0, resume: true, reason: 'zombie' });
    client.gateway.emit('shardInvalidSession', { shardId: 0, resumable: false });
    client.gateway.emit('reshard', { from: 1, to: 2 });
    client.addLoginStage((login) => ({ ...login, shardCount: 3 }));
    await expect(client.login()).rejects.toThrow('stopped before connecting');
    expect(messages).toEqual([
      { source: 'gateway', message: 'shard 0 sent identify' },
      { source: 'gateway', message: 'shard 0 heartbeat, sequence 12' },
      { source: 'gateway', message: 'shard 0 reconnecting (zombie), resuming the session' },
      { source: 'gateway', message: 'shard 0 session invalidated (resumable: false)' },
      { source: 'gateway', message: 'resharding from 1 to 2 shards' },
      { source: 'client', message: `logging in with intents ${GatewayIntentBits.Guilds} and 3 shards` },
    ]);
    await client.destroy();
    client.gateway.emit('shardIdentify', { shardId: 1 });
    expect(messages).toHaveLength(6);
  });
});
