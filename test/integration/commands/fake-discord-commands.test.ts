import type { APIUser } from 'discord-api-types/v10';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { Max } from 'class-validator';
import { ActionRowBuilder, ButtonBuilder } from '../../../src/builders';
import type { CommandContext, ComponentContext, InteractionMember, ModalContext } from '../../../src/commands';
import {
  Autocomplete,
  Button,
  Command,
  CommandCatalog,
  CommandRegistrar,
  CommandRouter,
  Cooldown,
  Ctx,
  CustomId,
  Field,
  Fields,
  Focused,
  Modal,
  ModalSubmit,
  Option,
  Options,
  Param,
  UseGuards,
  routeRest,
} from '../../../src/commands';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

const CloseTicket = new CustomId('ticket:close:{id:int}');

class GiveOptions {
  @Option({ type: 'member', description: 'Who gets the coins', required: true })
  target!: InteractionMember;

  @Option({ type: 'integer', description: 'How many', required: true, minValue: 1, maxValue: 100 })
  @Max(50, { message: 'amount must be at most 50 this week' })
  amount!: number;
}

class CityOptions {
  @Option({ type: 'string', description: 'City', required: true, autocomplete: true })
  city!: string;
}

@Modal({ customId: 'feedback:{topic}', title: 'Feedback' })
class FeedbackForm {
  @Field({ label: 'What did you think?', style: 'paragraph', maxLength: 200 })
  text!: string;
}

const calls: unknown[] = [];

class BotCommands {
  @Command({ name: 'give', description: 'Give coins to a member' })
  give(@Options() options: GiveOptions, @Ctx() ctx: CommandContext) {
    calls.push(options);
    return ctx.reply(`Gave ${options.amount} coins to ${options.target.user.username}`);
  }

  @Command({ name: 'ticket', description: 'Open a ticket' })
  ticket(@Ctx() ctx: CommandContext) {
    const close = new ButtonBuilder().setStyle('danger').setLabel('Close').setCustomId(CloseTicket.build({ id: 42 }));
    return ctx.reply({ content: 'Ticket #42 opened', components: [new ActionRowBuilder().addComponents(close)] });
  }

  @Button(CloseTicket)
  close(@Param('id') id: number, @Ctx() ctx: ComponentContext) {
    calls.push({ closed: id });
    return ctx.update({ content: `Ticket #${id} closed`, components: [] });
  }

  @Command({ name: 'feedback', description: 'Send feedback' })
  feedback(@Ctx() ctx: CommandContext) {
    return ctx.showModal(FeedbackForm, { params: { topic: 'docs' } });
  }

  @ModalSubmit('feedback:{topic}')
  saveFeedback(@Fields() form: FeedbackForm, @Param('topic') topic: string, @Ctx() ctx: ModalContext) {
    calls.push({ form, topic });
    return ctx.reply({ content: `Thanks for the ${topic} feedback!`, ephemeral: true });
  }

  @Command({ name: 'weather', description: 'Weather in a city' })
  weather(@Options() options: CityOptions) {
    return `Sunny in ${options.city}`;
  }

  @Autocomplete('weather', 'city')
  cities(@Focused() typed: string) {
    return ['Paris', 'Prague', 'Oslo'].filter((city) => city.toLowerCase().startsWith(typed.toLowerCase()));
  }

  @Command({ name: 'export', description: 'Export as a file' })
  async export(@Ctx() ctx: CommandContext) {
    await ctx.reply({ content: 'Here you go', files: [{ name: 'data.csv', data: Buffer.from('a,b\n1,2\n'), contentType: 'text/csv' }] });
    await ctx.followUp({ content: 'and a copy', files: [{ name: 'copy.txt', data: Buffer.from('copy') }] });
  }

  @UseGuards(Cooldown({ per: 'user', limit: 1, windowMs: 60_000 }))
  @Command({ name: 'daily', description: 'Claim your daily coins' })
  daily() {
    return 'Claimed 100 coins';
  }
}

class Extra {
  @Command({ name: 'extra', description: 'Added later' })
  extra() {
    return 'extra';
  }
}

let discord: FakeDiscord;
let rest: RestClient;
let router: CommandRouter;
let alice: APIUser;
let bob: APIUser;
let channelId: string;

beforeAll(async () => {
  discord = await FakeDiscord.start({ port: 0, rateLimits: false });
  rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
  const guild = discord.createGuild({ name: 'Proof' });
  channelId = guild.system_channel_id as string;
  alice = discord.createUser({ username: 'alice' });
  bob = discord.createUser({ username: 'bob' });
  discord.addMember(guild.id, alice.id);
  discord.addMember(guild.id, bob.id);
  router = new CommandRouter({ rest: routeRest(rest), applicationId: discord.applicationId }).register([BotCommands]);
  await new CommandRegistrar(routeRest(rest), discord.applicationId).sync(router.catalog.commands);
});

afterAll(async () => {
  await rest.close();
  await discord.close();
});

beforeEach(() => {
  calls.length = 0;
});

const catalogOf = (classes: Function[]) => CommandCatalog.fromClasses(classes).commands;
const puts = () => discord.requests().filter((r) => r.method === 'PUT' && r.path.includes('/commands'));

describe('commands against the fake Discord', () => {
  it('registration makes no request when nothing changed and one bulk overwrite when something did', async () => {
    expect(discord.commands().map((c) => c.name).sort()).toEqual(['daily', 'export', 'feedback', 'give', 'ticket', 'weather']);
    const before = puts().length;
    const registrar = new CommandRegistrar(routeRest(rest), discord.applicationId);
    await registrar.sync(catalogOf([BotCommands]));
    expect(puts().length).toBe(before);
    await registrar.sync(catalogOf([BotCommands, Extra]));
    expect(puts().length).toBe(before + 1);
    expect(discord.commands().map((c) => c.name)).toContain('extra');
    await registrar.sync(catalogOf([BotCommands]));
    expect(puts().length).toBe(before + 2);
  });

  it('calls the handler with a typed DTO instance for valid options', async () => {
    const interaction = discord.invokeCommand({ name: 'give', userId: alice.id, channelId, options: { target: bob.id, amount: 10 } });
    await router.handle(interaction.payload);
    const response = await interaction.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data).toEqual({ content: 'Gave 10 coins to bob' });
    expect(calls[0]).toBeInstanceOf(GiveOptions);
    expect((calls[0] as GiveOptions).target.user.id).toBe(bob.id);
    expect(interaction.messages()[0]?.content).toBe('Gave 10 coins to bob');
  });

  it('answers invalid options with an ephemeral message and never reaches the handler', async () => {
    const interaction = discord.invokeCommand({ name: 'give', userId: alice.id, channelId, options: { target: bob.id, amount: 70 } });
    await router.handle(interaction.payload);
    const response = await interaction.response();
    expect(calls).toEqual([]);
    expect(response.data).toEqual({ content: 'Some of what you entered is not valid:\n• `amount`: must be at most 50 this week', flags: MessageFlags.Ephemeral });
    expect(discord.messages(channelId).some((m) => m.content.includes('at most 50'))).toBe(false);
  });

  it('routes a button with its {id} parameter', async () => {
    const opened = discord.invokeCommand({ name: 'ticket', userId: alice.id, channelId });
    await router.handle(opened.payload);
    const message = opened.messages()[0];
    expect(message?.components).toHaveLength(1);
    const press = discord.pressButton({ userId: bob.id, messageId: message?.id as string, customId: 'ticket:close:42' });
    await router.handle(press.payload);
    expect(calls).toEqual([{ closed: 42 }]);
    expect((await press.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(discord.messages(channelId).find((m) => m.id === message?.id)?.content).toBe('Ticket #42 closed');
  });

  it('round-trips a modal', async () => {
    const open = discord.invokeCommand({ name: 'feedback', userId: alice.id, channelId });
    await router.handle(open.payload);
    expect((await open.response()).type).toBe(InteractionResponseType.Modal);
    const submit = discord.submitModal({ customId: 'feedback:docs', fields: { text: 'Great docs' }, userId: alice.id, channelId });
    await router.handle(submit.payload);
    const [saved] = calls as { form: FeedbackForm; topic: string }[];
    expect(saved?.form).toBeInstanceOf(FeedbackForm);
    expect(saved?.form.text).toBe('Great docs');
    expect(saved?.topic).toBe('docs');
    expect((await submit.response()).data).toEqual({ content: 'Thanks for the docs feedback!', flags: MessageFlags.Ephemeral });
  });

  it('answers autocomplete', async () => {
    const typing = discord.autocomplete({ name: 'weather', userId: alice.id, channelId, options: { city: 'p' }, focused: 'city' });
    await router.handle(typing.payload);
    const response = await typing.response();
    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(response.data).toEqual({ choices: [{ name: 'Paris', value: 'Paris' }, { name: 'Prague', value: 'Prague' }] });
  });

  it('uploads files with replies and follow-ups', async () => {
    const interaction = discord.invokeCommand({ name: 'export', userId: alice.id, channelId });
    await router.handle(interaction.payload);
    const [reply, followUp] = interaction.messages();
    expect(reply?.content).toBe('Here you go');
    expect(discord.files(reply?.id as string).map((f) => [f.filename, Buffer.from(f.data).toString()])).toEqual([['data.csv', 'a,b\n1,2\n']]);
    expect(discord.files(followUp?.id as string).map((f) => f.filename)).toEqual(['copy.txt']);
  });

  it('holds a cooldown', async () => {
    const first = discord.invokeCommand({ name: 'daily', userId: bob.id, channelId });
    await router.handle(first.payload);
    const second = discord.invokeCommand({ name: 'daily', userId: bob.id, channelId });
    await router.handle(second.payload);
    expect((await first.response()).data).toEqual({ content: 'Claimed 100 coins' });
    expect((await second.response()).data).toEqual({ content: expect.stringMatching(/^Slow down! Try again in \d+s\.$/), flags: MessageFlags.Ephemeral });
  });
});
