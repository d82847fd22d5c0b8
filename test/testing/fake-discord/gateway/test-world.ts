import { EventEmitter } from 'node:events';
import type { APIGuildMember, APIUser, GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { SessionStartLimit, type SessionStartLimitOptions } from '../../../../src/testing/fake-discord/session-start-limit';
import type { GatewayWorldView, WorldDispatch, WorldDispatchListener } from '../../../../src/testing/fake-discord/world-events';

export const TEST_TOKEN = 'MTIz.fake.token';

/** A guild id whose shard is `n % num_shards` (the shard key is the id's top bits). */
export function guildIdForKey(n: number): string {
  return ((BigInt(n) << 22n) + 1n).toString();
}

function member(id: string, username: string): APIGuildMember {
  return {
    user: { id, username, discriminator: '0', global_name: null, avatar: null },
    roles: [],
    joined_at: '2026-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
  } as unknown as APIGuildMember;
}

/** A small in-memory world satisfying the gateway's view, for unit tests. */
export class TestWorld extends EventEmitter implements GatewayWorldView {
  public readonly botUser: APIUser = { id: '100', username: 'oven-bot', discriminator: '0', global_name: null, avatar: null, bot: true };
  public readonly application = { id: '100', flags: 0 };
  public allowedPrivilegedIntents = 0;
  public readonly sessionStartLimit: SessionStartLimit;
  public readonly recommendedShards = 1;
  private readonly guilds = new Map<string, APIGuildMember[]>();

  public constructor(guildKeys: number[] = [0], limit: SessionStartLimitOptions = {}) {
    super();
    this.sessionStartLimit = new SessionStartLimit(limit);
    for (const key of guildKeys) this.addGuild(guildIdForKey(key), 3);
  }

  public addGuild(id: string, memberCount: number): void {
    const members = [member(this.botUser.id, this.botUser.username)];
    for (let i = 1; i < memberCount; i += 1) members.push(member(`${id}${i}`, `user${i}`));
    this.guilds.set(id, members);
  }

  /** The current token; `resetToken` replaces it as Discord does after too many session starts. */
  public token = TEST_TOKEN;

  public isValidToken(token: string): boolean {
    return token === this.token;
  }

  public resetToken(): string {
    this.token = `${TEST_TOKEN}.reset${Date.now()}`;
    return this.token;
  }

  public guildIds(): string[] {
    return [...this.guilds.keys()];
  }

  public guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData | undefined {
    const members = this.guilds.get(guildId);
    if (members === undefined) return undefined;
    return {
      id: guildId,
      name: `guild ${guildId}`,
      member_count: members.length,
      members,
      presences: members.map((m) => ({ user: { id: m.user.id }, status: 'online', activities: [], client_status: {} })),
      voice_states: [],
      channels: [
        { id: `${guildId}7`, type: 0, name: 'general' },
        { id: `${guildId}8`, type: 2, name: 'voice' },
      ],
      soundboard_sounds: [{ sound_id: '55', name: 'horn', volume: 1, emoji_id: null, emoji_name: null, guild_id: guildId, available: true }],
      threads: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      large: false,
    } as unknown as GatewayGuildCreateDispatchData;
  }

  public guildMembers(guildId: string): APIGuildMember[] {
    return this.guilds.get(guildId) ?? [];
  }

  public emitDispatch(dispatch: WorldDispatch): void {
    this.emit('dispatch', dispatch);
  }

  public override on(event: 'dispatch', listener: WorldDispatchListener): this {
    return super.on(event, listener);
  }

  public override off(event: 'dispatch', listener: WorldDispatchListener): this {
    return super.off(event, listener);
  }
}
