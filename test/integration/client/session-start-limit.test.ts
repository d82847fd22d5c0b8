import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { GatewayCloseError } from '../../../src/gateway';
import { FakeDiscord } from '../../../src/testing';
import { TRANSPORTS } from '../gateway/fake-gateway-fixture';

describe.each(TRANSPORTS)('Client login when the session start limit runs out (transport %s)', (transport) => {
  let discord: FakeDiscord;
  let client: Client | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, sessionStartLimit: { total: 2 }, gateway: { heartbeatIntervalMs: 500, identifyIntervalMs: 0 } });
    discord.createGuild({ name: 'Budget' });
  });
  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await discord.close();
  });

  it('rejects login with the typed 4004 error after the token reset, without a retry loop', async () => {
    const oldToken = discord.token;
    client = new Client({ token: oldToken, intents: GatewayIntentBits.Guilds, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0, transport } });
    // GET /gateway/bot told the Client 2 starts were left; before its identify, another process of the
    // bot spends both, so the Client's identify is the one past the limit.
    discord.gateway.once('connection', () => {
      discord.world.sessionStartLimit.tryConsume();
      discord.world.sessionStartLimit.tryConsume();
    });
    const reconnects: string[] = [];
    client.on('shardReconnect', (event) => reconnects.push(event.reason));

    const error = await client.login().then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).toBeInstanceOf(GatewayCloseError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED', closeCode: 4004, shardId: 0 });
    expect((error as Error).message).toMatch(/token was reset meanwhile/);
    expect(discord.gateway.violations().map((violation) => violation.kind)).toEqual(['session-start-limit']);
    expect(discord.world.isValidToken(oldToken)).toBe(false);
    // One new session after op 9, refused with 4004, and nothing after it.
    expect(reconnects).toEqual(['invalid-session']);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(discord.gateway.connections()).toHaveLength(2);
    expect(client.isReady).toBe(false);
    expect(client.gateway.shards.size).toBe(0);
  });
});
