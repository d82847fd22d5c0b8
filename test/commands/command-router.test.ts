import type { APIUser } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { IsIn, Matches, Max } from 'class-validator';
import { Transform } from 'class-transformer';
import { EventScope } from '../../src/di';
import type { CommandContext, ComponentContext, Guard, InteractionContext, InteractionMember, ModalContext } from '../../src/commands';
import {
  Autocomplete,
  Button,
  Command,
  CommandRejectedError,
  CommandRouter,
  Cooldown,
  Ctx,
  Field,
  Fields,
  Focused,
  Guild,
  GuildOnly,
  Member,
  Modal,
  ModalSubmit,
  Option,
  Options,
  OwnerOnly,
  Param,
  RequirePermissions,
  SelectMenu,
  Target,
  User,
  UserCommand,
  UseGuards,
  Values,
} from '../../src/commands';
import { ALICE, APP_ID, BOB, GUILD_ID, RecordingRest, autocomplete, button, modalSubmit, select, slash, userCommand } from './interaction-fixtures';

class GiveOptions {
  @Option({ type: 'member', description: 'Who gets it', required: true })
  target!: InteractionMember;

  @Option({ type: 'integer', description: 'How many', required: true, minValue: 1, maxValue: 100 })
  @Max(50, { message: 'amount must be at most 50 for now' })
  amount!: number;

  @Option({ type: 'string', description: 'Note', maxLength: 20 })
  @Matches(/^[a-z ]+$/, { message: 'note must be lowercase letters' })
  note?: string;
}

@Modal({ customId: 'feedback:{topic}', title: 'Feedback' })
class FeedbackForm {
  @Field({ label: 'Rating', maxLength: 1 })
  @Transform(({ value }) => Number(value))
  @IsIn([1, 2, 3, 4, 5], { message: 'rating must be 1 to 5' })
  rating!: number;

  @Field({ label: 'Comment', style: 'paragraph', required: false })
  comment?: string;
}

class CityOptions {
  @Option({ type: 'string', description: 'City', required: true, autocomplete: true })
  city!: string;
}

const seen: unknown[] = [];

class Economy {
  @Command({ name: 'give', description: 'Give coins' })
  give(@Options() options: GiveOptions, @User() user: APIUser, @Guild() guild: { id: string } | undefined, @Ctx() ctx: CommandContext) {
    seen.push({ options, user: user.id, guild: guild?.id, scoped: EventScope.context() === ctx });
    return ctx.reply({ content: `Gave ${options.amount} to ${options.target.user.username}`, ephemeral: true });
  }

  @Command({ name: 'ping', description: 'Pong' })
  ping() {
    return 'Pong!';
  }

  @Command({ name: 'boom', description: 'Throws' })
  boom(): never {
    throw new Error('database down');
  }

  @Command({ name: 'feedback', description: 'Open the form' })
  feedback(@Ctx() ctx: CommandContext) {
    return ctx.showModal(FeedbackForm, { params: { topic: 'docs' }, values: { comment: 'pre' } });
  }

  @ModalSubmit('feedback:{topic}')
  saveFeedback(@Fields() form: FeedbackForm, @Param('topic') topic: string, @Ctx() ctx: ModalContext) {
    seen.push({ form, topic });
    return ctx.reply({ content: 'Thanks!', ephemeral: true });
  }

  @Button('ticket:close:{id:int}')
  close(@Param('id') id: number, @Ctx() ctx: ComponentContext) {
    seen.push({ closed: id, params: ctx.params });
    return ctx.update({ content: `Ticket #${id} closed`, components: [] });
  }

  @SelectMenu('colour')
  colour(@Values() values: readonly string[]) {
    seen.push({ values });
    return { content: `Picked ${values.join(',')}` };
  }

  @Command({ name: 'weather', description: 'Weather' })
  weather(@Options() o: CityOptions) {
    return o.city;
  }

  @Autocomplete('weather', 'city')
  cities(@Focused() typed: string) {
    return ['Paris', 'Prague', 'Oslo'].filter((c) => c.toLowerCase().startsWith(String(typed).toLowerCase()));
  }

  @UserCommand({ name: 'Wave' })
  wave(@Target() target: APIUser, @Member() member: InteractionMember | undefined) {
    return `${member?.user.username} waves at ${target.username}`;
  }
}

const OnlyBob: Guard = { canActivate: (ctx) => ctx.user.id === BOB.id };

class Guarded {
  @UseGuards(GuildOnly())
  @Command({ name: 'server', description: 'Guild only' })
  server() {
    return 'ok';
  }

  @UseGuards(RequirePermissions('BanMembers', 'KickMembers'))
  @Command({ name: 'mod', description: 'Needs permissions' })
  mod() {
    return 'ok';
  }

  @UseGuards(OwnerOnly())
  @Command({ name: 'owner', description: 'Owner only' })
  owner() {
    return 'ok';
  }

  @UseGuards(OnlyBob)
  @Command({ name: 'bob', description: 'Bob only' })
  bob() {
    return 'ok';
  }

  @UseGuards(Cooldown({ per: 'user', limit: 1, windowMs: 60_000 }))
  @Command({ name: 'daily', description: 'Once a minute' })
  daily() {
    return 'claimed';
  }
}

function callbacks(rest: RecordingRest) {
  return rest.calls.filter((c) => c.kind === 'callback').map((c) => (c.kind === 'callback' ? c.body : undefined));
}

function setup(extra: Partial<ConstructorParameters<typeof CommandRouter>[0]> = {}) {
  const rest = new RecordingRest();
  const router = new CommandRouter({ rest, applicationId: APP_ID, ownerIds: [BOB.id], ...extra }).register([Economy, Guarded]);
  return { rest, router };
}

const memberOption = (id: string) => ({ name: 'target', type: ApplicationCommandOptionType.User as const, value: id });
const resolvedBob = { users: { [BOB.id]: BOB }, members: { [BOB.id]: { roles: [], permissions: '0', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } } };

beforeEach(() => {
  seen.length = 0;
});

describe('CommandRouter', () => {
  it('calls the handler with a typed, validated DTO instance and resolved member', async () => {
    const { rest, router } = setup();
    await router.handle(
      slash('give', [memberOption(BOB.id), { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 10 }, { name: 'note', type: ApplicationCommandOptionType.String, value: 'thanks' }], resolvedBob as never),
    );
    expect(seen).toHaveLength(1);
    const call = seen[0] as { options: GiveOptions; user: string; guild: string; scoped: boolean };
    expect(call.options).toBeInstanceOf(GiveOptions);
    expect(call.options.amount).toBe(10);
    expect(call.options.target.user).toEqual(BOB);
    expect(call.options.target.joined_at).toBe('2024-01-01T00:00:00.000Z');
    expect(call).toMatchObject({ user: ALICE.id, guild: GUILD_ID, scoped: true });
    expect(callbacks(rest)).toEqual([
      { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'Gave 10 to bob', flags: MessageFlags.Ephemeral } },
    ]);
  });

  it('answers invalid options with one ephemeral message naming each, and never calls the handler', async () => {
    const { rest, router } = setup();
    const failures: unknown[] = [];
    router.events.on('validationFailed', (e) => void failures.push(e.failures));
    await router.handle(slash('give', [memberOption(BOB.id), { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 500 }], resolvedBob as never));
    await router.handle(slash('give', [memberOption(BOB.id), { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 70 }, { name: 'note', type: ApplicationCommandOptionType.String, value: 'NO' }], resolvedBob as never));
    await router.handle(slash('give', [memberOption(ALICE.id), { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 1 }], resolvedBob as never));
    expect(seen).toEqual([]);
    const messages = callbacks(rest).map((b) => (b as { data: { content: string; flags: number } }).data);
    expect(messages.every((m) => m.flags === MessageFlags.Ephemeral)).toBe(true);
    expect(messages[0]?.content).toBe('Some of what you entered is not valid:\n• `amount`: must be at most 100');
    expect(messages[1]?.content).toBe('Some of what you entered is not valid:\n• `amount`: must be at most 50 for now\n• `note`: must be lowercase letters');
    expect(messages[2]?.content).toContain('`target`: must be a member of this server');
    expect(failures).toHaveLength(3);
  });

  it('does not run the rules of an optional option left empty', async () => {
    const { rest, router } = setup();
    await router.handle(slash('give', [memberOption(BOB.id), { name: 'amount', type: ApplicationCommandOptionType.Integer, value: 5 }], resolvedBob as never));
    expect(seen).toHaveLength(1);
    expect((seen[0] as { options: GiveOptions }).options.note).toBeUndefined();
    expect(callbacks(rest)[0]).toMatchObject({ data: { content: 'Gave 5 to bob' } });
  });

  it('lets the validation message be customised', async () => {
    const { rest, router } = setup({ messages: { validationFailed: (f) => ({ content: `Nope: ${f.map((x) => x.name).join('+')}` }) } });
    await router.handle(slash('give', [], undefined));
    expect(callbacks(rest)[0]).toEqual({ type: 4, data: { content: 'Nope: target+amount', flags: MessageFlags.Ephemeral } });
  });

  it('replies with what a handler returns', async () => {
    const { rest, router } = setup();
    await router.handle(slash('ping'));
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: 'Pong!' } }]);
  });

  it('answers a throwing handler with a generic ephemeral error and reports it', async () => {
    const { rest, router } = setup();
    const errors: unknown[] = [];
    router.events.on('commandError', (e) => void errors.push(e.error));
    await router.handle(slash('boom'));
    expect((errors[0] as Error).message).toBe('database down');
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: expect.stringContaining('went wrong'), flags: MessageFlags.Ephemeral } }]);
  });

  it('answers unknown commands and stale components politely', async () => {
    const { rest, router } = setup();
    const unhandled: string[] = [];
    router.events.on('unhandled', (e) => void unhandled.push(`${e.kind}:${e.key}`));
    await router.handle(slash('removed'));
    await router.handle(button('old:button'));
    expect(unhandled).toEqual(['command:removed', 'component:old:button']);
    const data = callbacks(rest).map((b) => (b as { data: { content: string; flags: number } }).data);
    expect(data[0]).toEqual({ content: expect.stringContaining("don't know this command"), flags: MessageFlags.Ephemeral });
    expect(data[1]).toEqual({ content: expect.stringContaining('expired'), flags: MessageFlags.Ephemeral });
  });

  it('routes a button with a typed {id} parameter', async () => {
    const { rest, router } = setup();
    await router.handle(button('ticket:close:42'));
    expect(seen).toEqual([{ closed: 42, params: { id: 42 } }]);
    expect(callbacks(rest)).toEqual([{ type: InteractionResponseType.UpdateMessage, data: { content: 'Ticket #42 closed', components: [] } }]);
  });

  it('routes select menus with their values', async () => {
    const { rest, router } = setup();
    await router.handle(select('colour', ['red', 'blue']));
    expect(seen).toEqual([{ values: ['red', 'blue'] }]);
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: 'Picked red,blue' } }]);
  });

  it('round-trips a modal: shown from a @Modal class, submitted into a validated form', async () => {
    const { rest, router } = setup();
    await router.handle(slash('feedback'));
    expect(callbacks(rest)[0]).toEqual({
      type: InteractionResponseType.Modal,
      data: {
        custom_id: 'feedback:docs',
        title: 'Feedback',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'rating', label: 'Rating', style: 1, max_length: 1 }] },
          { type: 1, components: [{ type: 4, custom_id: 'comment', label: 'Comment', style: 2, required: false, value: 'pre' }] },
        ],
      },
    });
    await router.handle(modalSubmit('feedback:docs', { rating: '4', comment: 'great' }));
    expect(seen).toHaveLength(1);
    const { form, topic } = seen[0] as { form: FeedbackForm; topic: string };
    expect(form).toBeInstanceOf(FeedbackForm);
    expect(form.rating).toBe(4);
    expect(form.comment).toBe('great');
    expect(topic).toBe('docs');
    await router.handle(modalSubmit('feedback:docs', { rating: '9', comment: '' }));
    expect(seen).toHaveLength(1);
    expect(callbacks(rest)[2]).toEqual({ type: 4, data: { content: 'Some of what you entered is not valid:\n• `Rating`: must be 1 to 5', flags: 64 } });
  });

  it('answers autocomplete with what the handler returns', async () => {
    const { rest, router } = setup();
    await router.handle(autocomplete('weather', [{ name: 'city', type: ApplicationCommandOptionType.String, value: 'p', focused: true }]));
    expect(callbacks(rest)).toEqual([
      { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'Paris', value: 'Paris' }, { name: 'Prague', value: 'Prague' }] } },
    ]);
  });

  it('passes the target of a user command', async () => {
    const { rest, router } = setup();
    await router.handle(userCommand('Wave', BOB));
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: 'alice waves at bob' } }]);
  });
});

describe('CommandRouter guards', () => {
  const reasons = async (run: (router: CommandRouter) => Promise<void>) => {
    const { rest, router } = setup();
    const rejected: (string | undefined)[] = [];
    router.events.on('guardRejected', (e) => void rejected.push(e.reason));
    await run(router);
    return { rejected, replies: callbacks(rest).map((b) => (b as { data: { content: string } }).data.content) };
  };

  it('GuildOnly refuses DMs', async () => {
    const { rejected, replies } = await reasons(async (r) => {
      await r.handle(slash('server', [], undefined, { guild: false }));
      await r.handle(slash('server'));
    });
    expect(rejected).toEqual(['This only works in a server.']);
    expect(replies).toEqual(['This only works in a server.', 'ok']);
  });

  it('RequirePermissions names the missing permissions', async () => {
    const { replies } = await reasons(async (r) => {
      await r.handle(slash('mod', [], undefined, { permissions: String(1n << 1n) }));
      await r.handle(slash('mod', [], undefined, { permissions: String((1n << 1n) | (1n << 2n)) }));
    });
    expect(replies).toEqual(['You need the Ban Members permission for this.', 'ok']);
  });

  it('OwnerOnly reads the router owners; a guard returning false gets the generic refusal', async () => {
    const { replies } = await reasons(async (r) => {
      await r.handle(slash('owner'));
      await r.handle(slash('owner', [], undefined, { user: BOB }));
      await r.handle(slash('bob'));
    });
    expect(replies).toEqual(['Only the bot owner can do that.', 'ok', "You can't use this here."]);
  });

  it('Cooldown holds per user', async () => {
    const { replies } = await reasons(async (r) => {
      await r.handle(slash('daily'));
      await r.handle(slash('daily'));
      await r.handle(slash('daily', [], undefined, { user: BOB }));
    });
    expect(replies[0]).toBe('claimed');
    expect(replies[1]).toMatch(/^Slow down! Try again in (59|60)s\.$/);
    expect(replies[2]).toBe('claimed');
  });

  it('a guard class can throw CommandRejectedError with its own message', async () => {
    class Closed implements Guard {
      canActivate(): boolean {
        throw new CommandRejectedError('Closed for maintenance.');
      }
    }
    class Shop {
      @UseGuards(Closed)
      @Command({ name: 'shop', description: 'Shop' })
      shop() {
        return 'open';
      }
    }
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest, applicationId: APP_ID }).register([Shop]);
    await router.handle(slash('shop'));
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: 'Closed for maintenance.', flags: 64 } }]);
  });
});

describe('CommandRouter pipeline', () => {
  it('runs middleware in order around guards and handler, and emits before/after events', async () => {
    const { router } = setup();
    const order: string[] = [];
    router.use(async (_ctx, next, route) => {
      order.push(`a>${route.path}`);
      await next();
      order.push('a<');
    });
    router.use(async (_ctx, next) => {
      order.push('b>');
      await next();
      order.push('b<');
    });
    router.events.on('beforeCommand', (e) => void order.push(`before:${e.route.label}`));
    router.events.on('afterCommand', (e) => void order.push(`after:${String(e.result)}`));
    await router.handle(slash('ping'));
    expect(order).toEqual(['a>ping', 'b>', 'before:Economy.ping', 'after:Pong!', 'b<', 'a<']);
  });

  it('reports a middleware that calls next twice', async () => {
    const { router } = setup();
    const errors: unknown[] = [];
    router.events.on('commandError', (e) => void errors.push(e.error));
    router.use(async (_ctx, next) => {
      await next();
      await next();
    });
    await router.handle(slash('ping'));
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_COMMANDS_NEXT_TWICE' });
  });

  it('a listener that throws does not break the interaction', async () => {
    const listenerErrors: unknown[] = [];
    const { rest, router } = setup({ onListenerError: (e) => void listenerErrors.push(e) });
    router.events.on('beforeCommand', () => {
      throw new Error('listener bug');
    });
    await router.handle(slash('ping'));
    expect(listenerErrors).toHaveLength(1);
    expect(callbacks(rest)).toEqual([{ type: 4, data: { content: 'Pong!' } }]);
  });

  it('auto-defers a slow handler, then turns its reply into an edit of the deferred message', async () => {
    const rest = new RecordingRest();
    class Slow {
      @Command({ name: 'report', description: 'Slow', autoDefer: { afterMs: 1, ephemeral: true } })
      async report(@Ctx() ctx: InteractionContext) {
        await rest.waitFor((c) => c.kind === 'callback' && c.body.type === InteractionResponseType.DeferredChannelMessageWithSource);
        await ctx.reply('done');
      }
    }
    const router = new CommandRouter({ rest, applicationId: APP_ID }).register([Slow]);
    await router.handle(slash('report'));
    expect(rest.calls).toEqual([
      { kind: 'callback', interactionId: expect.any(String), body: { type: 5, data: { flags: 64 } } },
      { kind: 'edit', messageId: '@original', body: { content: 'done' } },
    ]);
  });
});
