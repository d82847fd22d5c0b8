import type { APIApplicationCommandInteractionDataBasicOption, APIInteractionDataResolved } from 'discord-api-types/v10';
import { ApplicationCommandOptionType as T, ChannelType } from 'discord-api-types/v10';
import type { APIAttachment, APIInteractionDataResolvedChannel, APIRole } from 'discord-api-types/v10';
import type { Mentionable } from '../../../src/commands';
import { Option } from '../../../src/commands';
import { readOptions } from '../../../src/commands/options/read-options';
import { ALICE } from '../interaction-fixtures';

const ROLE = { id: '800000000000000001', name: 'Mods', color: 0, hoist: false, position: 1, permissions: '0', managed: false, mentionable: true, flags: 0 } as unknown as APIRole;
const TEXT = { id: '300000000000000003', name: 'general', type: ChannelType.GuildText, permissions: '0' } as APIInteractionDataResolvedChannel;
const VOICE = { id: '300000000000000004', name: 'Voice', type: ChannelType.GuildVoice, permissions: '0' } as APIInteractionDataResolvedChannel;
const FILE = { id: '900000000000000001', filename: 'a.png', size: 10, url: 'https://cdn/a.png', proxy_url: 'https://cdn/a.png' } as APIAttachment;
const resolved: APIInteractionDataResolved = {
  users: { [ALICE.id]: ALICE },
  roles: { [ROLE.id]: ROLE },
  channels: { [TEXT.id]: TEXT, [VOICE.id]: VOICE },
  attachments: { [FILE.id]: FILE },
};

class Everything {
  @Option({ type: 'role', description: 'd' })
  role?: APIRole;
  @Option({ type: 'channel', description: 'd', channelTypes: [ChannelType.GuildText] })
  channel?: APIInteractionDataResolvedChannel;
  @Option({ type: 'attachment', description: 'd' })
  file?: APIAttachment;
  @Option({ type: 'mentionable', description: 'd' })
  who?: Mentionable;
  @Option({ type: 'string', description: 'd', choices: ['a', 'b'], minLength: 1 })
  letter?: string;
  @Option({ type: 'number', description: 'd', minValue: 0.5 })
  ratio?: number;
  @Option({ type: 'boolean', description: 'd' })
  flag?: boolean;
}

const opt = (name: string, type: T, value: string | number | boolean) => ({ name, type, value }) as APIApplicationCommandInteractionDataBasicOption;

describe('readOptions', () => {
  it('resolves roles, channels, attachments and mentionables into typed values', () => {
    const read = readOptions(
      Everything,
      [
        opt('role', T.Role, ROLE.id),
        opt('channel', T.Channel, TEXT.id),
        opt('file', T.Attachment, FILE.id),
        opt('who', T.Mentionable, ROLE.id),
        opt('letter', T.String, 'b'),
        opt('ratio', T.Number, 0.75),
        opt('flag', T.Boolean, false),
      ],
      resolved,
    );
    expect(read.failures).toEqual([]);
    expect(read.plain).toEqual({ role: ROLE, channel: TEXT, file: FILE, who: { type: 'role', id: ROLE.id, role: ROLE }, letter: 'b', ratio: 0.75, flag: false });
    expect(readOptions(Everything, [opt('who', T.Mentionable, ALICE.id)], resolved).plain).toEqual({ who: { type: 'user', id: ALICE.id, user: ALICE } });
  });

  it('re-checks Discord-side rules and names the option', () => {
    const read = readOptions(
      Everything,
      [
        opt('channel', T.Channel, VOICE.id),
        opt('letter', T.String, 'z'),
        opt('ratio', T.Number, 0.1),
        opt('role', T.String, 'not a role'),
        opt('file', T.Attachment, '999'),
      ],
      resolved,
    );
    expect(read.failures.map((f) => `${f.name}: ${f.messages.join()}`)).toEqual([
      'role: must be a role',
      'channel: is not an allowed kind of channel',
      'file: is not an attachment Discord knows',
      'letter: must be one of "a", "b"',
      'ratio: must be at least 0.5',
    ]);
  });
});
