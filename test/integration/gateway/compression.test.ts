import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

describe.each(TRANSPORTS)('ShardManager against the fake gateway: zlib-stream transport compression (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('gives the same events with compress on and off', async () => {
    fixture = await FakeGatewayFixture.start({ transport, guilds: 2 });
    const plain = fixture.manager({ compress: false });
    const zipped = fixture.manager({ compress: true });
    const received = { plain: [] as GatewayDispatchPayload[], zipped: [] as GatewayDispatchPayload[] };
    plain.on('dispatch', (payload) => received.plain.push(payload));
    zipped.on('dispatch', (payload) => received.zipped.push(payload));
    await plain.connect();
    await zipped.connect();
    const queries = fixture.gateway.connections().map((connection) => connection.query);
    expect(queries).toEqual([expect.objectContaining({ compress: null }), expect.objectContaining({ compress: 'zlib-stream' })]);
    const guildId = fixture.world.guildIds()[0] as string;
    for (let nonce = 1; nonce <= 40; nonce++) fixture.message(guildId, nonce);
    const messages = (list: GatewayDispatchPayload[]): unknown[] => list.filter((p) => p.t === 'MESSAGE_CREATE').map((p) => p.d);
    await until(() => messages(received.plain).length === 40 && messages(received.zipped).length === 40);
    expect(messages(received.zipped)).toEqual(messages(received.plain));
    const shape = (list: GatewayDispatchPayload[]): string[] =>
      list.filter((p) => p.t !== 'READY').map((p) => `${p.t}:${p.t === 'GUILD_CREATE' ? (p.d as { id: string }).id : ''}`).sort();
    expect(shape(received.zipped)).toEqual(shape(received.plain));
  });
});
