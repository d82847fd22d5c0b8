import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { GatewayTlsError, type GatewayTlsOptions, type ReconnectReason } from '../../../src/gateway';
import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'tls');
const key = readFileSync(join(FIXTURES, 'key.pem'));
const cert = readFileSync(join(FIXTURES, 'cert.pem'));

const nonces = (dispatches: GatewayDispatchPayload[]): number[] =>
  dispatches.filter((payload) => payload.t === 'MESSAGE_CREATE').map((payload) => Number((payload.d as { nonce: string }).nonce));

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.each(TRANSPORTS)('ShardManager over wss:// (TLS) against the fake gateway (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  async function start(): Promise<FakeGatewayFixture> {
    fixture = await FakeGatewayFixture.start({ transport, guilds: 2, world: { tls: { key, cert } } });
    expect(fixture.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    return fixture;
  }

  it('identifies and gets READY and every GUILD_CREATE, trusting the test CA', async () => {
    await start();
    const manager = fixture.manager({ tls: { ca: cert } });
    const urls: string[] = [];
    const dispatches: GatewayDispatchPayload[] = [];
    manager.on('shardConnect', (event) => urls.push(event.url));
    manager.on('dispatch', (payload) => dispatches.push(payload));
    await manager.connect();
    expect(urls).toEqual([expect.stringMatching(/^wss:\/\/127\.0\.0\.1:\d+\/\?v=10&encoding=json$/)]);
    expect(fixture.gateway.sessions()).toHaveLength(1);
    await until(() => dispatches.filter((payload) => payload.t === 'GUILD_CREATE').length === 2);
    expect(dispatches[0]?.t).toBe('READY');
    expect(manager.status()[0]?.status).toBe('ready');
  });

  it('gives the same events with zlib-stream on and off', async () => {
    await start();
    const plain = fixture.manager({ tls: { ca: cert }, compress: false });
    const zipped = fixture.manager({ tls: { ca: cert }, compress: true });
    const received = { plain: [] as GatewayDispatchPayload[], zipped: [] as GatewayDispatchPayload[] };
    plain.on('dispatch', (payload) => received.plain.push(payload));
    zipped.on('dispatch', (payload) => received.zipped.push(payload));
    await plain.connect();
    await zipped.connect();
    expect(fixture.gateway.connections().map((connection) => connection.query.compress)).toEqual([null, 'zlib-stream']);
    const guildId = fixture.world.guildIds()[0] as string;
    for (let nonce = 1; nonce <= 30; nonce++) fixture.message(guildId, nonce);
    await until(() => nonces(received.plain).length === 30 && nonces(received.zipped).length === 30);
    expect(nonces(received.plain)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const messages = (list: GatewayDispatchPayload[]): unknown[] => list.filter((p) => p.t === 'MESSAGE_CREATE').map((p) => p.d);
    expect(messages(received.zipped)).toEqual(messages(received.plain));
    const guildCreates = (list: GatewayDispatchPayload[]): number => list.filter((p) => p.t === 'GUILD_CREATE').length;
    expect([guildCreates(received.plain), guildCreates(received.zipped)]).toEqual([2, 2]);
  });

  it('resumes on the wss:// resume URL after a dropped connection, losing and repeating nothing', async () => {
    await start();
    const guildId = fixture.world.guildIds()[0] as string;
    const manager = fixture.manager({ tls: { ca: cert }, compress: true });
    const dispatches: GatewayDispatchPayload[] = [];
    const reasons: ReconnectReason[] = [];
    const urls: string[] = [];
    let resumed = 0;
    manager.on('dispatch', (payload) => dispatches.push(payload));
    manager.on('shardConnect', (event) => urls.push(event.url));
    manager.on('shardResume', () => resumed++);
    manager.on('shardReconnect', (event) => {
      reasons.push(event.reason);
      // Sent while the shard is between connections: they must come back in the resume replay.
      for (let nonce = 6; nonce <= 10; nonce++) fixture.message(guildId, nonce);
    });
    await manager.connect();
    for (let nonce = 1; nonce <= 5; nonce++) fixture.message(guildId, nonce);
    await until(() => nonces(dispatches).length === 5);
    fixture.gateway.faults.drop({});
    await until(() => resumed === 1);
    for (let nonce = 11; nonce <= 15; nonce++) fixture.message(guildId, nonce);
    await until(() => nonces(dispatches).length >= 15);
    expect(reasons).toEqual(['close']);
    expect(nonces(dispatches)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(urls).toHaveLength(2);
    expect(urls.every((url) => url.startsWith('wss://'))).toBe(true);
    expect(fixture.gateway.sessions()).toEqual([expect.objectContaining({ resumes: 1 })]);
  });

  it('rejects connect() with OVEN_ERR_GATEWAY_TLS_UNTRUSTED when the certificate is not trusted, without retrying', async () => {
    await start();
    const manager = fixture.manager();
    const connects: string[] = [];
    manager.on('shardConnect', (event) => connects.push(event.url));
    const error = await manager.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(GatewayTlsError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_GATEWAY_TLS_UNTRUSTED', tlsCode: expect.stringMatching(/SELF_SIGNED/) });
    expect((error as Error).message).toMatch(/not trusted/);
    expect((error as Error).message).toMatch(/tls\.ca/);
    await settle();
    expect(connects).toEqual([]);
    expect(fixture.gateway.connections()).toEqual([]);
    expect(manager.shards.size).toBe(0);
  });

  it('a shard that was ready reports an untrusted certificate on error and keeps retrying until it is trusted again', async () => {
    await start();
    // Read at every connection: the certificate stops being trusted while the bot runs (no CA
    // given means the system's CAs, which do not know the test certificate).
    let trusted = true;
    const tls = {
      get ca(): Buffer | undefined {
        return trusted ? cert : undefined;
      },
    } as unknown as GatewayTlsOptions;
    const manager = fixture.manager({ tls, shardOptions: { reconnectDelayMs: () => 20 } });
    const errors: unknown[] = [];
    let resumed = 0;
    manager.on('error', (error) => errors.push(error));
    manager.on('shardResume', () => resumed++);
    await manager.connect();
    trusted = false;
    fixture.gateway.faults.drop({});
    await until(() => errors.length >= 2);
    expect(errors[0]).toBeInstanceOf(GatewayTlsError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_TLS_UNTRUSTED' });
    expect(manager.status()[0]?.status).toBe('reconnecting');
    trusted = true;
    await until(() => resumed === 1);
    expect(manager.status()[0]?.status).toBe('ready');
    expect(fixture.gateway.sessions()).toEqual([expect.objectContaining({ resumes: 1 })]);
  });

  it('connects without the CA when rejectUnauthorized is false (tests only)', async () => {
    await start();
    const manager = fixture.manager({ tls: { rejectUnauthorized: false } });
    await manager.connect();
    expect(fixture.gateway.sessions()).toHaveLength(1);
  });

  it('Client login rejects with the typed TLS error', async () => {
    await start();
    const client = new Client({
      token: fixture.world.botToken,
      intents: GatewayIntentBits.Guilds,
      rest: { baseURL: fixture.discord.restUrl },
      gateway: { transport, identifyIntervalMs: 0, fetchGatewayInfo: async () => fixture.gatewayInfo() },
    });
    try {
      await expect(client.login()).rejects.toMatchObject({ name: expect.any(String), code: 'OVEN_ERR_GATEWAY_TLS_UNTRUSTED' });
      expect(client.isReady).toBe(false);
    } finally {
      await client.destroy();
    }
  });
});
