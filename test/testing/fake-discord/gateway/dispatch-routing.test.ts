import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TestWorld, guildIdForKey } from './test-world';

describe('FakeGateway routing of world dispatches', () => {
  let harness: GatewayHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('sends a guild event only to the shard owning the guild, and guild-less events only to shard 0', async () => {
    harness = await GatewayHarness.start(new TestWorld([]));
    const shard0 = await harness.ready({ shard: [0, 2] });
    const shard1 = await harness.ready({ shard: [1, 2] });
    harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { guild: 1 }, guildId: guildIdForKey(1), intents: 0 });
    harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { guild: 2 }, guildId: guildIdForKey(2), intents: 0 });
    harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { dm: true }, guildId: null, intents: 0 });
    await shard0.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE', 2);
    await shard1.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE');
    expect(shard0.dispatches('MESSAGE_CREATE').map((p) => p.d)).toEqual([{ guild: 2 }, { dm: true }]);
    expect(shard1.dispatches('MESSAGE_CREATE').map((p) => p.d)).toEqual([{ guild: 1 }]);
  });

  it('filters by intents: a session gets an event only when it has every required bit', async () => {
    harness = await GatewayHarness.start(new TestWorld([]));
    const messages = await harness.ready({ intents: GatewayIntentBits.GuildMessages });
    const typing = await harness.ready({ intents: GatewayIntentBits.GuildMessageTyping });
    const guildId = guildIdForKey(0);
    harness.world.emitDispatch({ t: GatewayDispatchEvents.TypingStart, d: { typing: true }, guildId, intents: GatewayIntentBits.GuildMessageTyping });
    harness.world.emitDispatch({ t: GatewayDispatchEvents.MessageCreate, d: { message: true }, guildId, intents: GatewayIntentBits.GuildMessages });
    await messages.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE');
    await typing.waitFor((p) => p.op === 0 && p.t === 'TYPING_START');
    expect(messages.dispatches().map((p) => p.t)).toEqual(['READY', 'MESSAGE_CREATE']);
    expect(typing.dispatches().map((p) => p.t)).toEqual(['READY', 'TYPING_START']);
  });

  it('sends the content-less variant to sessions without MESSAGE_CONTENT', async () => {
    const world = new TestWorld([]);
    world.allowedPrivilegedIntents = GatewayIntentBits.MessageContent;
    harness = await GatewayHarness.start(world);
    const plain = await harness.ready({ intents: GatewayIntentBits.GuildMessages });
    const content = await harness.ready({ intents: GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent });
    harness.world.emitDispatch({
      t: GatewayDispatchEvents.MessageCreate,
      d: { content: 'secret' },
      withoutMessageContent: { content: '' },
      guildId: guildIdForKey(0),
      intents: GatewayIntentBits.GuildMessages,
    });
    await plain.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE');
    await content.waitFor((p) => p.op === 0 && p.t === 'MESSAGE_CREATE');
    expect(plain.dispatches('MESSAGE_CREATE')[0]?.d).toEqual({ content: '' });
    expect(content.dispatches('MESSAGE_CREATE')[0]?.d).toEqual({ content: 'secret' });
  });

  it('rejects a dispatch() whose guildId is not a snowflake with a coded error', async () => {
    harness = await GatewayHarness.start(new TestWorld([]));
    await harness.ready();
    expect(() => harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, {}, { guildId: 'guild-1' })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_FAKE_GATEWAY_OPTIONS', message: expect.stringContaining('snowflake') }),
    );
  });

  it('routes gateway.dispatch() like a world event and floods one session in order', async () => {
    harness = await GatewayHarness.start(new TestWorld([]));
    const client = await harness.ready();
    harness.gateway.dispatch(GatewayDispatchEvents.TypingStart, { direct: true });
    await expect(harness.gateway.flood(GatewayDispatchEvents.TypingStart, { flood: true }, 3000)).resolves.toBe(3000);
    const last = await client.waitFor((p) => p.op === 0 && p.t === 'TYPING_START', 3001);
    expect(last.s).toBe(3002);
    const seqs = client.dispatches('TYPING_START').map((p) => p.s);
    expect(seqs).toEqual(Array.from({ length: 3001 }, (_, i) => i + 2));
  });
});
