import { GatewayIntentBits } from 'discord-api-types/v10';
import { DEFAULT_GUILD_MEMBERS_TIMEOUT_MS, GuildMembersRequestError, resolveGuildMembersRequest, type GuildMembersRequestOptions } from '../../src/client';

const GUILD = '1180512329211592704';
const USER = '1180512329211592705';
const ALL = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences;

function failure(options: unknown, intents = ALL, guildId = GUILD): GuildMembersRequestError {
  try {
    resolveGuildMembersRequest(guildId, options as GuildMembersRequestOptions, intents);
  } catch (error) {
    expect(error).toBeInstanceOf(GuildMembersRequestError);
    return error as GuildMembersRequestError;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('resolveGuildMembersRequest', () => {
  it('builds the op 8 data of a query, with limit 0 and the default timeout when not given', () => {
    expect(resolveGuildMembersRequest(GUILD, { query: 'al' }, GatewayIntentBits.Guilds)).toEqual({
      data: { guild_id: GUILD, query: 'al', limit: 0 },
      timeoutMs: DEFAULT_GUILD_MEMBERS_TIMEOUT_MS,
    });
    expect(resolveGuildMembersRequest(GUILD, { query: '', limit: 5000, presences: true, timeoutMs: 50 }, ALL)).toEqual({
      data: { guild_id: GUILD, query: '', limit: 5000, presences: true },
      timeoutMs: 50,
    });
  });

  it('builds the op 8 data of userIds, copying the list', () => {
    const userIds = [USER];
    const { data } = resolveGuildMembersRequest(GUILD, { userIds }, GatewayIntentBits.Guilds);
    expect(data).toEqual({ guild_id: GUILD, user_ids: [USER] });
    expect((data as { user_ids: string[] }).user_ids).not.toBe(userIds);
  });

  it.each<[string, unknown]>([
    ['neither query nor userIds', {}],
    ['both query and userIds', { query: 'a', userIds: [USER] }],
    ['limit with userIds', { userIds: [USER], limit: 1 }],
    ['no user ids', { userIds: [] }],
    ['101 user ids', { userIds: Array.from({ length: 101 }, () => USER) }],
    ['a user id that is not a snowflake', { userIds: ['alice'] }],
    ['a negative limit', { query: 'a', limit: -1 }],
    ['a fractional limit', { query: 'a', limit: 1.5 }],
    ['a limit above 100 with a prefix', { query: 'a', limit: 101 }],
    ['a query that is not a string', { query: 3 }],
    ['a zero timeout', { query: 'a', timeoutMs: 0 }],
    ['an infinite timeout', { query: 'a', timeoutMs: Infinity }],
    ['presences that is not a boolean', { query: 'a', presences: 'yes' }],
    ['a signal that is not an AbortSignal', { query: 'a', signal: {} }],
    ['options that are not an object', null],
  ])('refuses %s', (_, options) => {
    expect(failure(options).code).toBe('OVEN_ERR_CLIENT_MEMBERS_INVALID_OPTIONS');
  });

  it('refuses a guild id that is not a snowflake', () => {
    expect(failure({ query: 'a' }, ALL, 'my-guild')).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_INVALID_OPTIONS', guildId: 'my-guild' });
  });

  it('needs GUILD_MEMBERS for the whole list and GUILD_PRESENCES for presences, but neither for a prefix', () => {
    expect(failure({ query: '' }, GatewayIntentBits.Guilds).message).toContain('GUILD_MEMBERS');
    expect(failure({ query: '', limit: 10 }, GatewayIntentBits.Guilds).code).toBe('OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT');
    const presences = failure({ userIds: [USER], presences: true }, GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers);
    expect(presences).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT' });
    expect(presences.message).toContain('GUILD_PRESENCES');
    expect(resolveGuildMembersRequest(GUILD, { query: 'a', limit: 100 }, GatewayIntentBits.Guilds).data).toMatchObject({ limit: 100 });
  });
});
