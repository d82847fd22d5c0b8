import { ChannelType, MessageType, type MessageFlags, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { shardForGuild, snowflakeTimestamp, asSnowflake } from '../../../../src/snowflake';
import { FakeDiscordError } from '../../../../src/testing/fake-discord/fake-discord-error';
import { World } from '../../../../src/testing/fake-discord/world/world';
import type { WorldDispatch } from '../../../../src/testing/fake-discord/world-events';

function message(world: World, channelId: string, authorId: string, content: string, mentions: string[] = []): APIMessage {
  return {
    id: world.ids.next(),
    channel_id: channelId,
    author: world.requireUser(authorId),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentions.map((id) => world.requireUser(id)),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    components: [],
  };
}

describe('World', () => {
  it('mints ids with real timestamps and a token that starts with the base64 bot id', () => {
    const before = Date.now();
    const world = new World();
    const user = world.createUser({ username: 'alice' });
    expect(snowflakeTimestamp(asSnowflake(user.id)).getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(BigInt(user.id)).toBeGreaterThan(BigInt(world.botUser.id));
    const [first] = world.botToken.split('.');
    expect(Buffer.from(first ?? '', 'base64url').toString()).toBe(world.botUser.id);
    expect(world.isValidToken(world.botToken)).toBe(true);
    expect(world.isValidToken('nope')).toBe(false);
  });

  it('creates a guild with @everyone, a bot role, a general channel and announces GUILD_CREATE', () => {
    const world = new World();
    const seen: WorldDispatch[] = [];
    world.on('dispatch', (d) => seen.push(d));
    const guild = world.createGuild({ name: 'Test' });
    expect(guild.roles.map((r) => r.name)).toEqual(['@everyone', 'OvenBot']);
    expect(guild.roles[0]?.id).toBe(guild.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.t).toBe(GatewayDispatchEvents.GuildCreate);
    expect(seen[0]?.intents).toBe(GatewayIntentBits.Guilds);
    const payload = world.guildCreatePayload(guild.id);
    expect(payload?.channels.map((c) => c.name)).toEqual(['general']);
    expect(payload?.members.map((m) => m.user.id)).toContain(world.botUser.id);
    expect(payload?.member_count).toBe(2);
    expect(world.guildIds()).toEqual([guild.id]);
  });

  it('maps guilds to shards with (guild_id >> 22) % num_shards', () => {
    const world = new World();
    const guild = world.createGuild({ name: 'Test' });
    expect(shardForGuild(asSnowflake(guild.id), 4)).toBe(Number((BigInt(guild.id) >> 22n) % 4n));
  });

  it('emits channel, role and member dispatches with the intents a shard needs', () => {
    const world = new World();
    const guild = world.createGuild({ name: 'Test' });
    const seen: WorldDispatch[] = [];
    world.on('dispatch', (d) => seen.push(d));
    const user = world.createUser({ username: 'bob' });
    const channel = world.createChannel(guild.id, { name: 'random', type: ChannelType.GuildText });
    const role = world.createRole(guild.id, { name: 'mods', permissionBits: PermissionFlagsBits.KickMembers });
    world.addMember(guild.id, user.id, { roles: [role.id] });
    expect(seen.map((d) => [d.t, d.intents, d.guildId])).toEqual([
      [GatewayDispatchEvents.ChannelCreate, GatewayIntentBits.Guilds, guild.id],
      [GatewayDispatchEvents.GuildRoleCreate, GatewayIntentBits.Guilds, guild.id],
      [GatewayDispatchEvents.GuildMemberAdd, GatewayIntentBits.GuildMembers, guild.id],
    ]);
    expect(world.permissionsOf(guild.id, user.id, channel) & PermissionFlagsBits.KickMembers).toBe(PermissionFlagsBits.KickMembers);
  });

  it('withholds message content from shards without MESSAGE_CONTENT unless the bot is mentioned', () => {
    const world = new World();
    const guild = world.createGuild({ name: 'Test' });
    const channelId = guild.system_channel_id as string;
    const user = world.createUser({ username: 'carol' });
    world.addMember(guild.id, user.id);
    const seen: WorldDispatch[] = [];
    world.on('dispatch', (d) => seen.push(d));
    world.addMessage(message(world, channelId, user.id, 'secret'));
    world.addMessage(message(world, channelId, user.id, 'hey bot', [world.botUser.id]));
    expect(seen[0]?.intents).toBe(GatewayIntentBits.GuildMessages);
    expect((seen[0]?.d as { content: string; guild_id: string }).content).toBe('secret');
    expect((seen[0]?.d as { guild_id: string }).guild_id).toBe(guild.id);
    expect((seen[0]?.withoutMessageContent as { content: string }).content).toBe('');
    expect(seen[1]?.withoutMessageContent).toBeUndefined();
  });

  it('pages messages newest first with before, after and around', () => {
    const world = new World();
    const guild = world.createGuild({ name: 'Test' });
    const channelId = guild.system_channel_id as string;
    const ids = Array.from({ length: 10 }, (_, i) => world.addMessage(message(world, channelId, world.botUser.id, `m${i}`)).id);
    const contents = (list: APIMessage[]): string[] => list.map((m) => m.content);
    expect(contents(world.messages.list(channelId, { limit: 3 }))).toEqual(['m9', 'm8', 'm7']);
    expect(contents(world.messages.list(channelId, { before: ids[5] as string, limit: 2 }))).toEqual(['m4', 'm3']);
    expect(contents(world.messages.list(channelId, { after: ids[5] as string, limit: 2 }))).toEqual(['m7', 'm6']);
    expect(contents(world.messages.list(channelId, { around: ids[5] as string, limit: 3 }))).toEqual(['m6', 'm5', 'm4']);
  });

  it('throws a coded error naming the fix when a test refers to something missing', () => {
    const world = new World();
    expect(() => world.createChannel('42', { name: 'x' })).toThrow(FakeDiscordError);
    try {
      world.addMember('42', '1');
    } catch (error) {
      expect((error as FakeDiscordError).code).toBe('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY');
      expect((error as Error).message).toContain('createGuild');
    }
    expect.assertions(3);
  });

  it('recommends one shard per 1000 guilds unless told otherwise', () => {
    const world = new World();
    expect(world.recommendedShards).toBe(1);
    for (let i = 0; i < 1001; i += 1) world.createGuild({ name: `g${i}`, withGeneralChannel: false });
    expect(world.recommendedShards).toBe(2);
    expect(new World({ recommendedShards: 7 }).recommendedShards).toBe(7);
  });

  it('keeps the session start budget and reports it as GET /gateway/bot does', () => {
    const world = new World({ sessionStartLimit: { total: 2, maxConcurrency: 4 } });
    expect(world.sessionStartLimit.tryConsume()).toBe(true);
    expect(world.sessionStartLimit.tryConsume()).toBe(true);
    expect(world.sessionStartLimit.tryConsume()).toBe(false);
    expect(world.sessionStartLimit.toJSON()).toMatchObject({ total: 2, remaining: 0, max_concurrency: 4 });
  });
});
