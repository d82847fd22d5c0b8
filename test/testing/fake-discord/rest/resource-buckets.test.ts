import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

/** Buckets of the invite, scheduled-event, sticker and thread-member routes. */
describe('rate-limit buckets of the invite, event, sticker and thread-member routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('limits channel and guild routes per major parameter and every /invites/{code} in one bucket, since a code is no major parameter', async () => {
    const one = { limit: 1, windowMs: 60_000 };
    discord = await FakeDiscord.start({
      rateLimits: {
        routes: {
          'POST /channels/{channel_id}/invites': one,
          'GET /invites/{code}': one,
          'GET /guilds/{guild_id}/scheduled-events': one,
          'GET /guilds/{guild_id}/stickers': one,
          'PUT /channels/{channel_id}/thread-members/@me': one,
        },
      },
    });
    const guild = discord.createGuild({ name: 'A' });
    const other = discord.createGuild({ name: 'B' });
    const first = guild.system_channel_id as string;
    const second = discord.createChannel(guild.id, { name: 'second' }).id;

    const invite = await http(discord, 'POST', `/channels/${first}/invites`, { body: {} });
    expect(invite.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await http(discord, 'POST', `/channels/${first}/invites`, { body: {} })).status).toBe(429);
    expect((await http(discord, 'POST', `/channels/${second}/invites`, { body: {} })).status).toBe(200);

    const codeA = (invite.json as { code: string }).code;
    const codeB = discord.createInvite(second).code;
    expect((await http(discord, 'GET', `/invites/${codeA}`)).status).toBe(200);
    expect((await http(discord, 'GET', `/invites/${codeB}`)).status).toBe(429);

    for (const path of ['scheduled-events', 'stickers']) {
      expect((await http(discord, 'GET', `/guilds/${guild.id}/${path}`)).status).toBe(200);
      expect((await http(discord, 'GET', `/guilds/${guild.id}/${path}`)).status).toBe(429);
      expect((await http(discord, 'GET', `/guilds/${other.id}/${path}`)).status).toBe(200);
    }

    const threadA = discord.createThread(first, { name: 'a' }).id;
    const threadB = discord.createThread(first, { name: 'b' }).id;
    expect((await http(discord, 'PUT', `/channels/${threadA}/thread-members/@me`)).status).toBe(204);
    expect((await http(discord, 'PUT', `/channels/${threadA}/thread-members/@me`)).status).toBe(429);
    expect((await http(discord, 'PUT', `/channels/${threadB}/thread-members/@me`)).status).toBe(204);
  });
});
