import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  RESTJSONErrorCodes,
  TextInputStyle,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
} from 'discord-api-types/v10';
import { FakeDiscord, FakeDiscordError, type WorldDispatch } from '../../../src/testing/fake-discord';
import { http } from './rest/http-client';

let discord: FakeDiscord;
let guildId: string;
let channelId: string;
let aliceId: string;

async function registerCommands(): Promise<void> {
  const reply = await http(discord, 'PUT', `/applications/${discord.applicationId}/commands`, {
    body: [
      { name: 'ping', description: 'Ping' },
      {
        name: 'echo',
        description: 'Echo',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'text', description: 'Text', required: true },
          { type: ApplicationCommandOptionType.Integer, name: 'times', description: 'Times', choices: [{ name: 'one', value: 1 }, { name: 'two', value: 2 }] },
          { type: ApplicationCommandOptionType.User, name: 'to', description: 'Recipient' },
          { type: ApplicationCommandOptionType.String, name: 'colour', description: 'Colour', autocomplete: true },
        ],
      },
      { name: 'config', description: 'Config', options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'set', description: 'Set', options: [{ type: 3, name: 'key', description: 'Key', required: true }] }] },
      { name: 'Inspect', type: ApplicationCommandType.User },
      { name: 'upload', description: 'Upload', options: [{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'File', required: true }] },
    ],
  });
  expect(reply.status).toBe(200);
}

async function respond(id: string, token: string, body: unknown, query = ''): Promise<{ status: number; json: unknown }> {
  return http(discord, 'POST', `/interactions/${id}/${token}/callback${query}`, { token: null, body });
}

beforeEach(async () => {
  discord = await FakeDiscord.start({ rateLimits: false, interactionTokenLifetimeMs: 60_000 });
  const guild = discord.createGuild({ name: 'Interactions' });
  guildId = guild.id;
  channelId = guild.system_channel_id as string;
  aliceId = discord.createUser({ username: 'alice' }).id;
  discord.addMember(guildId, aliceId);
  await registerCommands();
});

afterEach(async () => {
  await discord.close();
});

describe('slash commands', () => {
  it('builds the interaction Discord would send and emits INTERACTION_CREATE for the guild shard', () => {
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const bob = discord.createUser({ username: 'bob' });
    discord.addMember(guildId, bob.id);
    const interaction = discord.invokeCommand({ name: 'echo', userId: aliceId, channelId, options: { text: 'hi', times: 2, to: bob.id } });
    const payload = interaction.payload as APIChatInputApplicationCommandInteraction;
    expect(payload.type).toBe(InteractionType.ApplicationCommand);
    expect(payload.application_id).toBe(discord.applicationId);
    expect(payload.guild_id).toBe(guildId);
    expect(payload.channel.id).toBe(channelId);
    expect(payload.member?.user.id).toBe(aliceId);
    expect(BigInt(payload.member?.permissions ?? '0')).toBeGreaterThan(0n);
    expect(payload.data.options).toEqual([
      { name: 'text', type: ApplicationCommandOptionType.String, value: 'hi' },
      { name: 'times', type: ApplicationCommandOptionType.Integer, value: 2 },
      { name: 'to', type: ApplicationCommandOptionType.User, value: bob.id },
    ]);
    expect(payload.data.resolved?.users?.[bob.id]?.username).toBe('bob');
    expect(payload.data.resolved?.members?.[bob.id]).toBeDefined();
    expect(interaction.token.length).toBeGreaterThan(60);
    const dispatch = seen.find((d) => d.t === GatewayDispatchEvents.InteractionCreate);
    expect(dispatch).toMatchObject({ guildId, intents: 0 });
    expect((dispatch?.d as { id: string }).id).toBe(interaction.id);
  });

  it('wraps subcommand options and fills context-menu targets', () => {
    const sub = discord.invokeCommand({ name: 'config', subcommand: 'set', userId: aliceId, channelId, options: { key: 'colour' } }).payload as APIChatInputApplicationCommandInteraction;
    expect(sub.data.options).toEqual([{ name: 'set', type: ApplicationCommandOptionType.Subcommand, options: [{ name: 'key', type: 3, value: 'colour' }] }]);
    const inspect = discord.invokeCommand({ name: 'Inspect', type: ApplicationCommandType.User, targetId: aliceId, userId: aliceId, channelId }).payload;
    expect(inspect.data).toMatchObject({ type: ApplicationCommandType.User, target_id: aliceId });
  });

  it('passes an uploaded file to an attachment option, downloadable from its url', async () => {
    const interaction = discord.invokeCommand({ name: 'upload', userId: aliceId, channelId, options: { file: { filename: 'log.txt', data: Buffer.from('line 1'), contentType: 'text/plain' } } });
    const data = (interaction.payload as APIChatInputApplicationCommandInteraction).data;
    const id = (data.options?.[0] as { value: string }).value;
    const attachment = data.resolved?.attachments?.[id];
    expect(attachment).toMatchObject({ filename: 'log.txt', size: 6, content_type: 'text/plain' });
    const download = await fetch(attachment?.url as string);
    expect(await download.text()).toBe('line 1');
    expect(() => discord.invokeCommand({ name: 'upload', userId: aliceId, channelId, options: { file: 'not a file' } })).toThrow('expected a file');
  });

  it('refuses what a Discord user could not do, with coded errors naming the fix', () => {
    const attempt = (fn: () => unknown): FakeDiscordError => {
      try {
        fn();
      } catch (error) {
        return error as FakeDiscordError;
      }
      throw new Error('expected an error');
    };
    expect(attempt(() => discord.invokeCommand({ name: 'nope', userId: aliceId, channelId })).code).toBe('OVEN_ERR_FAKE_DISCORD_UNKNOWN_COMMAND');
    expect(attempt(() => discord.invokeCommand({ name: 'echo', userId: aliceId, channelId })).message).toContain('requires option(s) text');
    expect(attempt(() => discord.invokeCommand({ name: 'echo', userId: aliceId, channelId, options: { text: 'x', times: 3 } })).message).toContain('choices 1, 2');
    expect(attempt(() => discord.invokeCommand({ name: 'echo', userId: aliceId, channelId, options: { text: 5 } })).code).toBe('OVEN_ERR_FAKE_DISCORD_BAD_OPTION');
    discord.world.commands.set({ id: '1', application_id: discord.applicationId, version: '1', type: 1, name: 'ban', description: 'Ban', default_member_permissions: '4' });
    expect(attempt(() => discord.invokeCommand({ name: 'ban', userId: aliceId, channelId })).message).toContain('default_member_permissions');
    discord.world.commands.set({ id: '2', application_id: discord.applicationId, version: '1', type: 1, name: 'guildonly', description: 'G', default_member_permissions: null, contexts: [0] });
    expect(attempt(() => discord.invokeCommand({ name: 'guildonly', userId: aliceId, channelId: discord.dmChannel(aliceId).id })).message).toContain('not enabled in DMs');
    const stranger = discord.createUser({ username: 'stranger' });
    expect(attempt(() => discord.invokeCommand({ name: 'ping', userId: stranger.id, channelId })).message).toContain('addMember');
  });

  it('records the callback, posts the reply, and refuses a second acknowledgement with 40060', async () => {
    const interaction = discord.invokeCommand({ name: 'ping', userId: aliceId, channelId });
    const early = await http(discord, 'POST', `/webhooks/${discord.applicationId}/${interaction.token}`, { token: null, body: { content: 'too early' } });
    expect(early).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownWebhook } });
    const waiting = interaction.response();
    expect((await respond(interaction.id, interaction.token, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong' } })).status).toBe(204);
    const response = await waiting;
    expect(response).toMatchObject({ interactionId: interaction.id, type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong' } });
    const [message] = discord.messages(channelId);
    expect(message).toMatchObject({ content: 'pong', webhook_id: discord.applicationId, interaction_metadata: { id: interaction.id, user: { id: aliceId } } });
    const again = await respond(interaction.id, interaction.token, { type: 4, data: { content: 'again' } });
    expect(again).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged } });
    expect(await respond(interaction.id, 'wrong-token', { type: 4, data: { content: 'x' } })).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownInteraction } });
    expect(discord.interactionResponses()).toHaveLength(1);
  });

  it('returns the callback resource with with_response=true and keeps ephemeral replies out of the channel', async () => {
    const interaction = discord.invokeCommand({ name: 'ping', userId: aliceId, channelId });
    const reply = await respond(interaction.id, interaction.token, { type: 4, data: { content: 'secret', flags: MessageFlags.Ephemeral } }, '?with_response=true');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ interaction: { id: interaction.id, response_message_ephemeral: true }, resource: { type: 4, message: { content: 'secret' } } });
    expect(discord.messages(channelId)).toEqual([]);
    const edit = await http(discord, 'PATCH', `/webhooks/${discord.applicationId}/${interaction.token}/messages/@original`, { token: null, body: { content: 'still secret' } });
    expect(edit.status).toBe(200);
    expect(interaction.messages().map((m) => m.content)).toEqual(['still secret']);
  });

  it('defers with a loading message, then edits @original and sends follow-ups', async () => {
    const interaction = discord.invokeCommand({ name: 'ping', userId: aliceId, channelId });
    await respond(interaction.id, interaction.token, { type: InteractionResponseType.DeferredChannelMessageWithSource });
    const loading = discord.messages(channelId)[0] as APIMessage;
    expect((loading.flags ?? 0) & MessageFlags.Loading).toBe(MessageFlags.Loading);
    const hook = `/webhooks/${discord.applicationId}/${interaction.token}`;
    const edited = await http(discord, 'PATCH', `${hook}/messages/@original`, { token: null, body: { content: 'done' } });
    expect((edited.json as APIMessage).flags ?? 0).toBe(0);
    await http(discord, 'POST', hook, { token: null, body: { content: 'and more' } });
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['done', 'and more']);
    expect((await http(discord, 'GET', `${hook}/messages/@original`, { token: null })).json).toMatchObject({ content: 'done' });
  });

  it('refuses follow-ups after the interaction token expired', async () => {
    await discord.close();
    discord = await FakeDiscord.start({ rateLimits: false, interactionTokenLifetimeMs: 0 });
    const guild = discord.createGuild({ name: 'Expiry' });
    aliceId = discord.createUser({ username: 'alice' }).id;
    discord.addMember(guild.id, aliceId);
    await registerCommands();
    const interaction = discord.invokeCommand({ name: 'ping', userId: aliceId, channelId: guild.system_channel_id as string });
    await respond(interaction.id, interaction.token, { type: 4, data: { content: 'ok' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await http(discord, 'POST', `/webhooks/${discord.applicationId}/${interaction.token}`, { token: null, body: { content: 'late' } });
    expect(late).toMatchObject({ status: 401, json: { code: RESTJSONErrorCodes.InvalidWebhookToken } });
  });
});

describe('components, modals and autocomplete', () => {
  async function postComponents(): Promise<APIMessage> {
    const reply = await http(discord, 'POST', `/channels/${channelId}/messages`, {
      body: {
        content: 'Pick one',
        components: [
          { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'yes', label: 'Yes' }] },
          { type: ComponentType.ActionRow, components: [{ type: ComponentType.StringSelect, custom_id: 'flavour', options: [{ label: 'Vanilla', value: 'vanilla' }, { label: 'Mint', value: 'mint' }] }] },
        ],
      },
    });
    expect(reply.status).toBe(200);
    return reply.json as APIMessage;
  }

  it('presses a button, and the bot updates the message with callback type 7', async () => {
    const message = await postComponents();
    const press = discord.pressButton({ messageId: message.id, customId: 'yes', userId: aliceId });
    const payload = press.payload as APIMessageComponentInteraction;
    expect(payload.data).toEqual({ custom_id: 'yes', component_type: ComponentType.Button });
    expect(payload.message.id).toBe(message.id);
    await respond(press.id, press.token, { type: InteractionResponseType.UpdateMessage, data: { content: 'Chosen', components: [] } });
    expect(discord.messages(channelId).map((m) => [m.content, m.components?.length])).toEqual([['Chosen', 0]]);
  });

  it('selects values, and names the right helper or the known ids when misused', async () => {
    const message = await postComponents();
    const select = discord.selectMenu({ messageId: message.id, customId: 'flavour', userId: aliceId, values: ['mint'] });
    expect((select.payload as APIMessageComponentInteraction).data).toEqual({ custom_id: 'flavour', component_type: ComponentType.StringSelect, values: ['mint'] });
    expect(() => discord.pressButton({ messageId: message.id, customId: 'flavour', userId: aliceId })).toThrow('use discord.selectMenu');
    expect(() => discord.pressButton({ messageId: message.id, customId: 'nope', userId: aliceId })).toThrow('it has: yes, flavour');
  });

  it('submits a modal the bot showed, mirroring its layout', async () => {
    const interaction = discord.invokeCommand({ name: 'ping', userId: aliceId, channelId });
    const modal = {
      custom_id: 'feedback',
      title: 'Feedback',
      components: [
        { type: ComponentType.Label, label: 'Your name', component: { type: ComponentType.TextInput, custom_id: 'name', style: TextInputStyle.Short } },
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: 'body', style: TextInputStyle.Paragraph, label: 'Body' }] },
      ],
    };
    expect((await respond(interaction.id, interaction.token, { type: InteractionResponseType.Modal, data: modal })).status).toBe(204);
    const submit = discord.submitModal({ customId: 'feedback', userId: aliceId, channelId, fields: { name: 'Alice', body: 'Great bot' } });
    expect((submit.payload as APIModalSubmitInteraction).data).toEqual({
      custom_id: 'feedback',
      components: [
        { type: ComponentType.Label, component: { type: ComponentType.TextInput, custom_id: 'name', value: 'Alice' } },
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: 'body', value: 'Great bot' }] },
      ],
    });
    expect(() => discord.submitModal({ customId: 'feedback', userId: aliceId, channelId, fields: { age: '3' } })).toThrow('no input(s) age');
    const invalid = await respond(interaction.id, interaction.token, { type: 9, data: modal });
    expect(invalid.status).toBe(400);
  });

  it('sends autocomplete with the focused option and accepts only callback type 8', async () => {
    const auto = discord.autocomplete({ name: 'echo', userId: aliceId, channelId, options: { text: 'x', colour: 're' }, focused: 'colour' });
    expect(auto.payload.type).toBe(InteractionType.ApplicationCommandAutocomplete);
    expect((auto.payload as unknown as APIChatInputApplicationCommandInteraction).data.options).toContainEqual({ name: 'colour', type: 3, value: 're', focused: true });
    const wrong = await respond(auto.id, auto.token, { type: 4, data: { content: 'no' } });
    expect(wrong).toMatchObject({ status: 400, json: { code: 50035, errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } } });
    await respond(auto.id, auto.token, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'red', value: 'red' }] } });
    expect((await auto.response()).data).toEqual({ choices: [{ name: 'red', value: 'red' }] });
  });
});

describe('users posting and waiting helpers', () => {
  it('posts as a user with parsed mentions, and waitForMessage sees earlier and later messages', async () => {
    const posted = discord.postMessage(channelId, aliceId, `hey <@${discord.botUser.id}>`);
    expect(posted.mentions.map((u) => u.id)).toEqual([discord.botUser.id]);
    expect((await discord.waitForMessage((m) => m.author.id === aliceId)).id).toBe(posted.id);
    const later = discord.waitForMessage((m) => m.content === 'from the bot');
    await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'from the bot' } });
    expect((await later).author.id).toBe(discord.botUser.id);
    await expect(discord.waitForMessage(() => false, 20)).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_DISCORD_TIMEOUT' });
  });

  it('lets users react and unreact for reaction-role bots, with their member on the event', async () => {
    const message = (await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'React for roles' } })).json as APIMessage;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    discord.addReaction(message.id, aliceId, '✅');
    discord.addReaction(message.id, aliceId, '✅');
    expect(discord.messages(channelId)[0]?.reactions).toEqual([{ emoji: { id: null, name: '✅' }, count: 1, count_details: { burst: 0, normal: 1 }, burst_colors: [], me: false, me_burst: false }]);
    discord.removeReaction(message.id, aliceId, '✅');
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.MessageReactionAdd, GatewayDispatchEvents.MessageReactionRemove]);
    expect(seen[0]?.d).toMatchObject({ user_id: aliceId, guild_id: guildId, message_author_id: discord.botUser.id, member: { user: { id: aliceId } } });
    expect(() => discord.addReaction(message.id, aliceId, 'not an emoji')).toThrow('is not an emoji');
  });

  it('edits and deletes user messages and removes members, as logging and welcome bots see it', () => {
    const message = discord.postMessage(channelId, aliceId, 'helo');
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    expect(discord.editMessage(message.id, 'hello').edited_timestamp).not.toBeNull();
    discord.deleteMessage(message.id);
    discord.removeMember(guildId, aliceId);
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.MessageUpdate, GatewayDispatchEvents.MessageDelete, GatewayDispatchEvents.GuildMemberRemove]);
    expect(seen[0]?.d).toMatchObject({ id: message.id, content: 'hello', guild_id: guildId });
    expect(discord.messages(channelId)).toEqual([]);
    expect(() => discord.removeMember(guildId, aliceId)).toThrow('is not a member');
  });

  it('rejects pending waits when closed', async () => {
    const pending = discord.waitForInteractionResponse('123', 10_000);
    await discord.close();
    await expect(pending).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_DISCORD_CLOSED' });
    discord = await FakeDiscord.start({ rateLimits: false });
  });
});
