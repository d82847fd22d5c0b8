import { GatewayHarness } from './gateway-harness';
import { TestWorld, guildIdForKey } from './test-world';

const GUILD = guildIdForKey(0);

describe('FakeGateway op 31 and op 43', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    harness = await GatewayHarness.start(new TestWorld([0]));
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('answers Request Soundboard Sounds with one SOUNDBOARD_SOUNDS per known guild', async () => {
    const client = await harness.ready();
    client.send({ op: 31, d: { guild_ids: [GUILD, '999'] } });
    const sounds = await client.waitFor((p) => p.op === 0 && p.t === 'SOUNDBOARD_SOUNDS');
    expect(sounds.d).toMatchObject({ guild_id: GUILD, soundboard_sounds: [{ sound_id: '55', name: 'horn' }] });
  });

  it('answers Request Channel Info with the voice channels and the requested fields', async () => {
    const client = await harness.ready();
    client.send({ op: 43, d: { guild_id: GUILD, fields: ['status'] } });
    const info = await client.waitFor((p) => p.op === 0 && p.t === 'CHANNEL_INFO');
    expect(info.d).toEqual({ guild_id: GUILD, channels: [{ id: `${GUILD}8`, status: null }] });
  });

  it.each([
    ['op 31 without guild_ids', { op: 31, d: { guild_id: '1' } }],
    ['op 43 without fields', { op: 43, d: { guild_id: '1' } }],
  ])('closes %s with 4001', async (_name, payload) => {
    const client = await harness.ready();
    client.send(payload);
    expect((await client.closed).code).toBe(4001);
  });
});
