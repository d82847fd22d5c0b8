import { GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { guildCreateForSession } from '../../../../src/testing/fake-discord/gateway/guild-create-view';

function guild(memberCount: number): GatewayGuildCreateDispatchData {
  const ids = Array.from({ length: memberCount }, (_, i) => String(i + 1));
  return {
    id: '9',
    member_count: memberCount,
    members: ids.map((id) => ({ user: { id } })),
    presences: ids.map((id) => ({ user: { id }, status: Number(id) % 2 === 0 ? 'offline' : 'online' })),
    voice_states: [{ user_id: '4' }],
  } as unknown as GatewayGuildCreateDispatchData;
}

describe('guildCreateForSession', () => {
  it('marks a guild large above large_threshold and leaves offline members out, keeping the bot and voice users', () => {
    const view = guildCreateForSession(guild(60), GatewayIntentBits.GuildPresences, 50, '2');
    expect(view.large).toBe(true);
    const ids = view.members.map((m) => m.user.id);
    expect(ids).toContain('2');
    expect(ids).toContain('4');
    expect(ids).toContain('1');
    expect(ids).not.toContain('6');
    expect(view.presences).toHaveLength(60);
  });

  it('keeps every member of a small guild with GUILD_PRESENCES', () => {
    const view = guildCreateForSession(guild(10), GatewayIntentBits.GuildPresences, 50, '2');
    expect(view.large).toBe(false);
    expect(view.members).toHaveLength(10);
  });

  it('without GUILD_PRESENCES sends no presences and only the bot and voice users as members', () => {
    const view = guildCreateForSession(guild(10), GatewayIntentBits.Guilds, 50, '2');
    expect(view.presences).toEqual([]);
    expect(view.members.map((m) => m.user.id)).toEqual(['2', '4']);
  });
});
