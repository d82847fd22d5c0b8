import { OverwriteType, PermissionFlagsBits as P, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import { ALL_PERMISSIONS, computePermissions } from '../../../../src/testing/fake-discord/world/permissions';
import { makeGuildChannel, makeMember, makeRole, makeUser } from '../../../../src/testing/fake-discord/world/entity-defaults';

const GUILD = '100';
const roles = new Map<string, APIRole>([
  [GUILD, makeRole(GUILD, '@everyone', 0, P.ViewChannel | P.SendMessages)],
  ['200', makeRole('200', 'mods', 1, P.KickMembers)],
  ['300', makeRole('300', 'admins', 2, P.Administrator)],
]);
const member = (roleIds: string[], id = '900'): APIGuildMember => makeMember(makeUser(id, 'm', {}), roleIds, new Date(0).toISOString(), null);
const base = { ownerId: '1', guildId: GUILD, roles };

describe('computePermissions', () => {
  it('adds role permissions to @everyone, and the owner and administrators get everything', () => {
    expect(computePermissions({ ...base, member: member(['200']) })).toBe(P.ViewChannel | P.SendMessages | P.KickMembers);
    expect(computePermissions({ ...base, member: member(['300']) })).toBe(ALL_PERMISSIONS);
    expect(computePermissions({ ...base, member: member([], '1') })).toBe(ALL_PERMISSIONS);
  });

  it('applies channel overwrites in Discord order: @everyone, then roles together, then the member', () => {
    const channel = makeGuildChannel('500', GUILD, 'c', 0, 0, {
      permission_overwrites: [
        { id: GUILD, type: OverwriteType.Role, allow: '0', deny: (P.SendMessages | P.ViewChannel).toString() },
        { id: '200', type: OverwriteType.Role, allow: P.ViewChannel.toString(), deny: '0' },
        { id: '901', type: OverwriteType.Member, allow: P.SendMessages.toString(), deny: P.ViewChannel.toString() },
      ],
    });
    expect(computePermissions({ ...base, member: member([]), channel }) & (P.ViewChannel | P.SendMessages)).toBe(0n);
    expect(computePermissions({ ...base, member: member(['200']), channel }) & (P.ViewChannel | P.SendMessages)).toBe(P.ViewChannel);
    expect(computePermissions({ ...base, member: member(['200'], '901'), channel }) & (P.ViewChannel | P.SendMessages)).toBe(P.SendMessages);
    expect(computePermissions({ ...base, member: member(['300']), channel })).toBe(ALL_PERMISSIONS);
  });
});
