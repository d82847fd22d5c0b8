import type { APIInteractionDataResolvedChannel, APIUser } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';
import {
  Autocomplete,
  Button,
  Command,
  CommandCatalog,
  CommandDefinitionError,
  Ctx,
  Field,
  Fields,
  MessageCommand,
  Modal,
  ModalSubmit,
  Option,
  Options,
  Param,
  Subcommand,
  SubcommandGroup,
  Target,
  UserCommand,
} from '../../src/commands';

class BanOptions {
  @Option({ type: 'user', description: 'Who to ban', required: true })
  target!: APIUser;

  @Option({ type: 'integer', description: 'Days of messages to delete', minValue: 0, maxValue: 7 })
  deleteDays?: number;

  @Option({ type: 'string', description: 'Reason', choices: ['spam', { name: 'Rude', value: 'rude', nameLocalizations: { fr: 'Impoli' } }] })
  reason?: string;

  @Option({ type: 'channel', description: 'Log channel', channelTypes: [ChannelType.GuildText] })
  log?: APIInteractionDataResolvedChannel;
}

class Moderation {
  @Command({ name: 'ban', description: 'Ban a member', defaultMemberPermissions: ['BanMembers'], contexts: ['guild'], nsfw: false })
  ban(@Options() _options: BanOptions) {}

  @UserCommand({ name: 'Show Avatar', integrationTypes: ['guildInstall', 'userInstall'] })
  avatar(@Target() _user: APIUser) {}

  @MessageCommand({ name: 'Quote', guilds: ['123456789012345678'] })
  quote(@Ctx() _ctx: unknown) {}
}

class OpenOptions {
  @Option({ type: 'string', description: 'Topic', required: true, autocomplete: true, maxLength: 80 })
  topic!: string;
}

@Command({ name: 'ticket', description: 'Support tickets' })
@SubcommandGroup({ name: 'admin', description: 'Staff tools' })
class Tickets {
  @Subcommand({ name: 'open', description: 'Open a ticket' })
  open(@Options() _o: OpenOptions) {}

  @Subcommand({ name: 'purge', description: 'Delete closed tickets', group: 'admin' })
  purge() {}

  @Autocomplete('ticket open', 'topic')
  topics() {
    return ['billing'];
  }

  @Button('ticket:close:{id:int}')
  close(@Param('id') _id: number) {}
}

@Modal({ customId: 'feedback', title: 'Feedback' })
class FeedbackForm {
  @Field({ label: 'Text', style: 'paragraph' })
  text!: string;
}

class Forms {
  @ModalSubmit('feedback')
  save(@Fields() _form: FeedbackForm) {}
}

function definitionError(classes: Function[]): string {
  try {
    CommandCatalog.fromClasses(classes);
  } catch (error) {
    if (error instanceof CommandDefinitionError) return error.message;
    throw error;
  }
  throw new Error('expected a CommandDefinitionError');
}

describe('CommandCatalog: JSON for Discord', () => {
  const catalog = CommandCatalog.fromClasses([Moderation, Tickets, Forms]);

  it('generates a slash command with typed options from the DTO', () => {
    const ban = catalog.commands.find((c) => c.json.name === 'ban');
    expect(ban?.guilds).toBeUndefined();
    expect(ban?.source).toBe('Moderation.ban');
    expect(ban?.json).toEqual({
      type: 1,
      name: 'ban',
      description: 'Ban a member',
      default_member_permissions: '4',
      contexts: [0],
      options: [
        { type: ApplicationCommandOptionType.User, name: 'target', description: 'Who to ban', required: true },
        { type: ApplicationCommandOptionType.Integer, name: 'delete_days', description: 'Days of messages to delete', min_value: 0, max_value: 7 },
        {
          type: ApplicationCommandOptionType.String,
          name: 'reason',
          description: 'Reason',
          choices: [
            { name: 'spam', value: 'spam' },
            { name: 'Rude', value: 'rude', name_localizations: { fr: 'Impoli' } },
          ],
        },
        { type: ApplicationCommandOptionType.Channel, name: 'log', description: 'Log channel', channel_types: [ChannelType.GuildText] },
      ],
    });
  });

  it('generates context-menu commands, guild-scoped when asked', () => {
    expect(catalog.commands.find((c) => c.json.name === 'Show Avatar')?.json).toEqual({ type: 2, name: 'Show Avatar', integration_types: [0, 1] });
    const quote = catalog.commands.find((c) => c.json.name === 'Quote');
    expect(quote?.json).toEqual({ type: 3, name: 'Quote' });
    expect(quote?.guilds).toEqual(['123456789012345678']);
  });

  it('nests subcommands and groups', () => {
    expect(catalog.commands.find((c) => c.json.name === 'ticket')?.json).toEqual({
      type: 1,
      name: 'ticket',
      description: 'Support tickets',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'open',
          description: 'Open a ticket',
          options: [{ type: 3, name: 'topic', description: 'Topic', required: true, autocomplete: true, max_length: 80 }],
        },
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: 'admin',
          description: 'Staff tools',
          options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'purge', description: 'Delete closed tickets' }],
        },
      ],
    });
  });

  it('routes paths, context menus, autocomplete and components', () => {
    expect(catalog.chatInput('ticket admin purge')?.label).toBe('Tickets.purge');
    expect(catalog.chatInput('ticket open')?.optionsDto).toBe(OpenOptions);
    expect(catalog.chatInput('ticket')).toBeUndefined();
    expect(catalog.contextMenu('user', 'Show Avatar')?.label).toBe('Moderation.avatar');
    expect(catalog.autocomplete('ticket open', 'topic')?.label).toBe('Tickets.topics');
    expect(catalog.component('button', 'ticket:close:7')).toMatchObject({ params: { id: 7 }, route: { label: 'Tickets.close' } });
    expect(catalog.component('selectMenu', 'ticket:close:7')).toBeUndefined();
    expect(catalog.component('modalSubmit', 'feedback')?.route.fieldsDto).toBe(FeedbackForm);
  });
});

describe('CommandCatalog: Discord rules, with errors naming class and property', () => {
  it('refuses bad command names', () => {
    class A {
      @Command({ name: 'Ban', description: 'x' })
      run() {}
    }
    expect(definitionError([A])).toMatch(/A\.run: command name "Ban" has capital letters.*"ban"/);
    class B {
      @Command({ name: 'ban user', description: 'x' })
      run() {}
    }
    expect(definitionError([B])).toMatch(/B\.run: command name "ban user" is not allowed/);
  });

  it('refuses long descriptions and unknown locales', () => {
    class A {
      @Command({ name: 'a', description: 'x'.repeat(101) })
      run() {}
    }
    expect(definitionError([A])).toMatch(/A\.run: command description is 101 characters; Discord wants 1-100/);
    class B {
      @Command({ name: 'b', description: 'x', nameLocalizations: { klingon: 'b' } as never })
      run() {}
    }
    expect(definitionError([B])).toMatch(/locale "klingon"/);
  });

  it('refuses a required option after an optional one, naming both properties', () => {
    class Opts {
      @Option({ type: 'string', description: 'a' })
      first?: string;
      @Option({ type: 'string', description: 'b', required: true })
      second!: string;
    }
    class A {
      @Command({ name: 'a', description: 'x' })
      run(@Options() _o: Opts) {}
    }
    expect(definitionError([A])).toBe(
      'Opts.second is required but comes after the optional Opts.first. Discord lists required options first: move it above.',
    );
  });

  it('refuses 26 options and 26 choices', () => {
    class Many {}
    for (let i = 0; i < 26; i += 1) Option({ type: 'string', description: 'd' })(Many.prototype as never, `o${i}`);
    class A {
      @Command({ name: 'a', description: 'x' })
      run(@Options(Many) _o: Many) {}
    }
    expect(definitionError([A])).toMatch(/Many: 26 options; Discord allows at most 25/);
    class Choices {
      @Option({ type: 'integer', description: 'd', choices: Array.from({ length: 26 }, (_, i) => i) })
      n?: number;
    }
    class B {
      @Command({ name: 'b', description: 'x' })
      run(@Options() _o: Choices) {}
    }
    expect(definitionError([B])).toMatch(/Choices\.n: 26 choices/);
  });

  it('refuses options rules that do not fit the type', () => {
    class Opts {
      @Option({ type: 'integer', description: 'd', minValue: 5, maxValue: 1 })
      n?: number;
    }
    class A {
      @Command({ name: 'a', description: 'x' })
      run(@Options() _o: Opts) {}
    }
    expect(definitionError([A])).toMatch(/Opts\.n: minValue 5 is greater than maxValue 1/);
    class Opts2 {
      @Option({ type: 'string', description: 'd', choices: ['a'], autocomplete: true })
      s?: string;
    }
    class B {
      @Command({ name: 'b', description: 'x' })
      run(@Options() _o: Opts2) {}
    }
    expect(definitionError([B])).toMatch(/Opts2\.s: an option cannot have both choices and autocomplete/);
  });

  it('refuses duplicate commands and component patterns across classes', () => {
    class A {
      @Command({ name: 'same', description: 'x' })
      run() {}
      @Button('b:{id}')
      click() {}
    }
    class B {
      @Command({ name: 'same', description: 'x' })
      run() {}
    }
    expect(definitionError([A, B])).toMatch(/B\.run: command "same" is also declared by A\.run/);
    class C {
      @Button('b:{id}')
      other() {}
    }
    expect(definitionError([A, C])).toMatch(/C\.other: custom id "b:\{id\}" is also handled by A\.click/);
  });

  it('refuses parameters that cannot be filled', () => {
    class A {
      @Button('x:{id}')
      click(@Param('other') _o: string) {}
    }
    expect(definitionError([A])).toMatch(/A\.click: @Param\('other'\) is not in the pattern "x:\{id\}"/);
    class B {
      @Command({ name: 'b', description: 'x' })
      run(_undecorated: string) {}
    }
    expect(definitionError([B])).toMatch(/B\.run: parameter 1 has no decorator/);
    class C {
      @Button('c')
      run(@Target() _t: unknown) {}
    }
    expect(definitionError([C])).toMatch(/C\.run: parameter 1 is @Target\(\), which only works in userCommand\/messageCommand handlers/);
  });

  it('ties autocomplete options to handlers both ways', () => {
    class A {
      @Command({ name: 'a', description: 'x' })
      run(@Options() _o: OpenOptions) {}
    }
    expect(definitionError([A])).toMatch(/OpenOptions\.topic has autocomplete: true but nothing answers it\. Add @Autocomplete\('a', 'topic'\)/);
    class B {
      @Autocomplete('nothing', 'here')
      suggest() {
        return [];
      }
    }
    expect(definitionError([B])).toMatch(/B\.suggest: @Autocomplete\('nothing', 'here'\) points at no option/);
  });

  it('needs subcommands on a class command and declared groups', () => {
    @Command({ name: 'empty', description: 'x' })
    class Empty {}
    expect(definitionError([Empty])).toMatch(/Empty: @Command on a class needs @Subcommand methods/);
    @Command({ name: 'g', description: 'x' })
    class G {
      @Subcommand({ name: 's', description: 'x', group: 'missing' })
      s() {}
    }
    expect(definitionError([G])).toMatch(/G\.s: group "missing" is not declared\. Add @SubcommandGroup/);
  });

  it('checks the modal a @ModalSubmit handler reads matches its pattern', () => {
    class A {
      @ModalSubmit('other')
      save(@Fields() _f: FeedbackForm) {}
    }
    expect(definitionError([A])).toMatch(/A\.save: @ModalSubmit\('other'\) takes FeedbackForm, whose @Modal custom id is 'feedback'/);
  });

  it('tries fixed ids, then the most specific pattern, whatever the declaration order', () => {
    class Routes {
      @Button('ticket:{action}')
      any() {}
      @Button('ticket:close:{id:int}')
      close() {}
      @Button('ticket:new')
      create() {}
    }
    const catalog = CommandCatalog.fromClasses([Routes]);
    expect(catalog.component('button', 'ticket:new')?.route.label).toBe('Routes.create');
    expect(catalog.component('button', 'ticket:close:3')).toMatchObject({ route: { label: 'Routes.close' }, params: { id: 3 } });
    expect(catalog.component('button', 'ticket:archive')).toMatchObject({ route: { label: 'Routes.any' }, params: { action: 'archive' } });
  });

  it('refuses more than 5 user commands in one scope', () => {
    class A {}
    for (let i = 0; i < 6; i += 1) {
      Object.defineProperty(A.prototype, `m${i}`, { value() {}, configurable: true });
      UserCommand({ name: `User ${i}` })(A.prototype, `m${i}`, Object.getOwnPropertyDescriptor(A.prototype, `m${i}`)!);
    }
    expect(definitionError([A])).toMatch(/Commands in global: 6 user context-menu commands; Discord allows at most 5/);
  });

  it('refuses one command name declared twice in a scope, also when a class holds its subcommands', () => {
    @Command({ name: 'admin', description: 'Admin tools' })
    class AdminUsers {
      @Subcommand({ name: 'ban', description: 'Ban' })
      ban() {}
    }
    @Command({ name: 'admin', description: 'Admin tools' })
    class AdminRoles {
      @Subcommand({ name: 'grant', description: 'Grant' })
      grant() {}
    }
    expect(definitionError([AdminUsers, AdminRoles])).toMatch(
      /AdminRoles: command "admin" is also declared by AdminUsers.*one @Command class/,
    );
    class AdminMethod {
      @Command({ name: 'admin', description: 'Admin' })
      run() {}
    }
    expect(definitionError([AdminUsers, AdminMethod])).toMatch(/AdminMethod\.run: command "admin" is also declared by AdminUsers/);
    // Different scopes (guild lists that do not overlap) may reuse a name, and so may other command types.
    class Scoped {
      @Command({ name: 'admin', description: 'Admin', guilds: ['123456789012345678'] })
      run() {}
      @UserCommand({ name: 'admin' })
      user() {}
    }
    expect(CommandCatalog.fromClasses([AdminUsers, Scoped]).commands).toHaveLength(3);
    class Overlap {
      @Command({ name: 'admin', description: 'Admin', guilds: ['123456789012345678'] })
      run() {}
    }
    expect(definitionError([Scoped, Overlap])).toMatch(/Overlap\.run: command "admin" is also declared by Scoped\.run in guild 123456789012345678/);
  });

  it('refuses a subcommand and a group of the same name side by side', () => {
    @Command({ name: 'config', description: 'Config' })
    @SubcommandGroup({ name: 'roles', description: 'Role settings' })
    class Config {
      @Subcommand({ name: 'roles', description: 'Show roles' })
      show() {}
      @Subcommand({ name: 'add', description: 'Add a role', group: 'roles' })
      add() {}
    }
    expect(definitionError([Config])).toMatch(/Config\.show: subcommand "roles" has the name of the group "roles"/);
  });

  it('checks choice localizations, integer choice ranges and channel types like the rest', () => {
    const failing = (config: Parameters<typeof Option>[0]): string => {
      class Opts {
        @Option(config)
        o?: never;
      }
      class A {
        @Command({ name: 'a', description: 'x' })
        run(@Options(Opts) _o: Opts) {}
      }
      return definitionError([A]);
    };
    expect(failing({ type: 'string', description: 'd', choices: [{ name: 'Red', value: 'red', nameLocalizations: { klingon: 'Rot' } as never }] })).toMatch(
      /Opts\.o: choices\[0\]\.nameLocalizations uses locale "klingon"/,
    );
    expect(failing({ type: 'string', description: 'd', choices: [{ name: 'Red', value: 'red', nameLocalizations: { fr: 'r'.repeat(101) } }] })).toMatch(
      /Opts\.o \(choices\[0\]\.nameLocalizations\.fr\): choice name .* is 101 characters; Discord wants 1-100/,
    );
    expect(failing({ type: 'integer', description: 'd', choices: [2 ** 60] })).toMatch(/Opts\.o: choice "1152921504606847000" must be an integer between -2\^53 and 2\^53/);
    expect(failing({ type: 'channel', description: 'd', channelTypes: [] })).toMatch(/Opts\.o: channelTypes is empty/);
    expect(failing({ type: 'channel', description: 'd', channelTypes: [99 as ChannelType] })).toMatch(/Opts\.o: channelTypes has 99, which is not a ChannelType/);
  });

  it('checks a @ModalSubmit handler\'s @Modal form against Discord\'s modal limits at start-up, not when it is first shown', () => {
    @Modal({ customId: 'survey:{id:int}', title: 'A survey whose title goes on far past forty-five characters' })
    class Survey {
      @Field({ label: 'Answer' })
      answer!: string;
    }
    class A {
      @ModalSubmit('survey:{id:int}')
      save(@Fields() _f: Survey) {}
    }
    expect(definitionError([A])).toMatch(/A\.save: the @Modal form Survey breaks a modal limit: modal\.title: .*45/);
    @Modal({ customId: 'wide', title: 'Wide' })
    class Wide {
      @Field({ label: 'Answer', minLength: 10, maxLength: 5 })
      answer!: string;
    }
    class B {
      @ModalSubmit('wide')
      save(@Fields() _f: Wide) {}
    }
    expect(definitionError([B])).toMatch(/B\.save: the @Modal form Wide breaks a modal limit: modal\.components\[0\]\.min_length/);
  });
});
