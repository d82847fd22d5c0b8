import { GatewayIntentBits } from 'discord-api-types/v10';
import { GatewayCloseError } from '../../../src/gateway';
import { FakeGatewayFixture, TRANSPORTS } from './fake-gateway-fixture';

async function settle(): Promise<void> {
  // A retry would be scheduled with a 0 ms timer; give it a few loop turns to show up.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.each(TRANSPORTS)('ShardManager against the fake gateway: fatal close codes (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('4004: a bad token fails fast with a clear error and no retry loop', async () => {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager({ token: 'not-the-token' });
    const error = await manager.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(GatewayCloseError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004, shardId: 0 });
    expect((error as Error).message).toMatch(/Reset Token/);
    await settle();
    expect(fixture.gateway.connections()).toHaveLength(1);
    expect(manager.shards.size).toBe(0);
  });

  it('4014: a privileged intent the app may not use is fatal with the fix in the message', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { allowedPrivilegedIntents: 0 } });
    const manager = fixture.manager({ intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers });
    await expect(manager.connect()).rejects.toMatchObject({ code: 'OVEN_ERR_GATEWAY_DISALLOWED_INTENTS', closeCode: 4014 });
    await settle();
    expect(fixture.gateway.connections()).toHaveLength(1);
  });

  it('4013: unknown intent bits are fatal', async () => {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager({ intents: 1 << 30 });
    await expect(manager.connect()).rejects.toMatchObject({ code: 'OVEN_ERR_GATEWAY_INVALID_INTENTS', closeCode: 4013 });
  });

  it('a fatal close after READY is reported on error and not retried', async () => {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager();
    const errors: unknown[] = [];
    manager.on('error', (error) => errors.push(error));
    await manager.connect();
    fixture.gateway.faults.close({}, 4004);
    await settle();
    expect(errors).toEqual([expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED' })]);
    expect(manager.status()[0]?.status).toBe('closed');
    expect(fixture.gateway.connections()).toHaveLength(1);
  });
});
