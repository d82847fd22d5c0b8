import type {
  APIApplicationCommand,
  APIChannel,
  APIEmoji,
  APIExtendedInvite,
  APIGuild,
  APIGuildMember,
  APIGuildScheduledEvent,
  GuildScheduledEventStatus,
  APIMessage,
  APIRole,
  APISticker,
  StickerFormatType,
  APIThreadMember,
  APIUser,
} from 'discord-api-types/v10';
import type { Server } from 'node:http';
import { asSnowflake, shardForGuild } from '../../snowflake';
import { FakeDiscordError } from './fake-discord-error';
import type { CreateChannelOptions, CreateInviteOptions, CreateRoleOptions, CreateThreadOptions, FakeDiscordOptions } from './fake-discord-options';
import { startFakeDiscordServer, stopFakeDiscordServer, type FakeDiscordParts } from './fake-discord-server';
import { FakeDiscordWaits } from './fake-discord-waits';
import type { FakeInteraction } from './fake-interaction';
import type { FakeGateway } from './gateway';
import { GuildSetup } from './guild-setup';
import { InteractionStarter } from './interaction-starter';
import { InviteSetup } from './invite-setup';
import { ReadBack } from './read-back';
import type { RecordedRequest } from './rest/request-log';
import type { RestFaults } from './rest/rest-faults';
import { ScheduledEventSetup } from './scheduled-event-setup';
import { ThreadSetup } from './thread-setup';
import type { AutocompleteOptions, ComponentInteractionOptions, InvokeCommandOptions, SelectMenuOptions, SubmitModalOptions } from './world/interaction-inputs';
import type { RecordedInteractionResponse } from './world/interaction-store';
import type { ScheduledEventOptions } from './world/scheduled-event-store';
import { UserActions, type UserMessageInput } from './world/user-actions';
import type { UploadedFile } from './world/uploaded-file';
import type { CreateGuildOptions, World } from './world/world';

export type { CreateChannelOptions, CreateInviteOptions, CreateRoleOptions, FakeDiscordOptions, FakeDiscordTlsOptions } from './fake-discord-options';

const DEFAULT_WAIT_MS = 5000;

/**
 * A Discord on localhost for tests and local runs: REST under `restUrl`, the gateway under
 * `gatewayUrl`, a bot token, a world you shape from the test, and read-back of everything the bot
 * did. Real clients (`@discordjs/rest`, `@discordjs/ws`, OvenJS's own) work against it unchanged.
 *
 * @example
 * ```ts
 * const discord = await FakeDiscord.start({ port: 0 });
 * const guild = discord.createGuild({ name: 'Test' });
 * const alice = discord.createUser({ username: 'alice' });
 * discord.addMember(guild.id, alice.id);
 * // ...start the bot with discord.token, discord.restUrl...
 * const interaction = discord.invokeCommand({ name: 'ping', userId: alice.id, channelId: guild.system_channel_id! });
 * expect((await interaction.response()).data).toMatchObject({ content: 'pong' });
 * await discord.close();
 * ```
 */export class FakeDiscord {
  /** `http://127.0.0.1:PORT/api` (`https://` with `tls`): clients append `/v10`. */
  public readonly restUrl: string;
  /** `ws://127.0.0.1:PORT` (`wss://` with `tls`): what `GET /gateway/bot` returns. */
  public readonly gatewayUrl: string;
  public readonly port: number;
  /** The fake's state; most tests need only the methods on this class. */
  public readonly world: World;
  /** The fake gateway: sessions, connections, `waitFor`, and its own faults. */
  public readonly gateway: FakeGateway;
  /** REST faults on demand: latency, 5xx, connection resets, 429 storms. */
  public readonly restFaults: RestFaults;
  private readonly server: Server;
  private readonly guilds: GuildSetup;
  private readonly inviteSetup: InviteSetup;
  private readonly events: ScheduledEventSetup;
  private readonly threads: ThreadSetup;
  private readonly users: UserActions;
  private readonly interactions: InteractionStarter;
  private readonly readBack: ReadBack;
  private readonly waits: FakeDiscordWaits;
  private closed = false;

  private constructor(parts: FakeDiscordParts) {
    this.server = parts.server;
    this.port = parts.port;
    this.restUrl = `${parts.httpBase}/api`;
    this.gatewayUrl = parts.gatewayUrl;
    this.world = parts.world;
    this.gateway = parts.gateway;
    this.restFaults = parts.rest.faults;
    this.guilds = new GuildSetup(parts.world);
    this.inviteSetup = new InviteSetup(parts.world);
    this.events = new ScheduledEventSetup(parts.world);
    this.threads = new ThreadSetup(parts.world);
    this.users = new UserActions(parts.world);
    this.readBack = new ReadBack(parts.world, parts.rest);
    this.waits = new FakeDiscordWaits(parts.world, parts.rest);
    this.interactions = new InteractionStarter(parts.world, (id, timeoutMs) => this.waitForInteractionResponse(id, timeoutMs));
  }

  /**
   * Starts REST and gateway on one port; with `tls: { key, cert }` they speak https and wss.
   * Throws `OVEN_ERR_FAKE_DISCORD_BAD_TLS` for a key or certificate that cannot be read or do not
   * belong together.
   *
   * @example
   * ```ts
   * const discord = await FakeDiscord.start({ port: 0, rateLimits: false });
   * ```
   */
  public static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    return new FakeDiscord(await startFakeDiscordServer(options));
  }

  /** The bot's token (`Authorization: Bot <token>`). */
  public get token(): string {
    return this.world.botToken;
  }

  public get applicationId(): string {
    return this.world.applicationId;
  }

  public get botUser(): APIUser {
    return this.world.botUser;
  }

  /** @example `const alice = discord.createUser({ username: 'alice' });` */
  public createUser(options: { username: string; bot?: boolean; globalName?: string | null }): APIUser {
    return this.world.createUser(options);
  }

  /** A guild the bot is in, with @everyone, a bot role and a `general` channel (`system_channel_id`). */
  public createGuild(options: CreateGuildOptions): APIGuild {
    return this.world.createGuild(options);
  }

  /** @example `const channel = discord.createChannel(guild.id, { name: 'logs' });` */
  public createChannel(guildId: string, options: CreateChannelOptions): APIChannel {
    return this.guilds.createChannel(guildId, options);
  }

  /** @example `const mods = discord.createRole(guild.id, { name: 'mods', permissions: PermissionFlagsBits.KickMembers });` */
  public createRole(guildId: string, options: CreateRoleOptions): APIRole {
    return this.guilds.createRole(guildId, options);
  }

  /** A custom emoji in a guild (GUILD_EMOJIS_UPDATE); react with it as `name:id`. */
  public createEmoji(guildId: string, options: { name: string; animated?: boolean }): APIEmoji {
    return this.guilds.createEmoji(guildId, options);
  }

  /**
   * A guild invite to a channel, made by a user (the bot when `inviterId` is omitted):
   * INVITE_CREATE to shards with GUILD_INVITES.
   *
   * @example
   * ```ts
   * const invite = discord.createInvite(channelId, { maxUses: 1, inviterId: alice.id });
   * discord.useInvite(invite.code, bob.id); // bob joins; the used-up invite is deleted
   * ```
   */
  public createInvite(channelId: string, options: CreateInviteOptions = {}): APIExtendedInvite {
    this.assertOpen('createInvite');
    return this.inviteSetup.create(channelId, options);
  }

  /** A user joins the guild through an invite: GUILD_MEMBER_ADD, `uses` + 1, INVITE_DELETE once used up. */
  public useInvite(code: string, userId: string): APIGuildMember {
    this.assertOpen('useInvite');
    return this.inviteSetup.use(code, userId);
  }

  /** Someone revokes an invite (INVITE_DELETE). */
  public deleteInvite(code: string): void {
    this.assertOpen('deleteInvite');
    this.inviteSetup.delete(code);
  }

  /** A guild's live invites with their metadata (uses, limits), oldest first. */
  public invites(guildId: string): APIExtendedInvite[] {
    return this.inviteSetup.list(guildId);
  }

  /**
   * A scheduled event created by a user (the bot unless `creatorId` is given):
   * GUILD_SCHEDULED_EVENT_CREATE for GUILD_SCHEDULED_EVENTS. The REST rules apply (external events
   * need `location` and an end, stage/voice events a channel of that kind), except that the start
   * may lie in the past, so a test can set up an event that is already due.
   *
   * @example
   * ```ts
   * const event = discord.createScheduledEvent(guild.id, { name: 'Game night', location: 'Park', scheduledStartTime: '2030-01-01T20:00:00Z', scheduledEndTime: '2030-01-01T23:00:00Z' });
   * discord.addEventInterest(guild.id, event.id, alice.id);
   * ```
   */
  public createScheduledEvent(guildId: string, options: ScheduledEventOptions): APIGuildScheduledEvent {
    this.assertOpen('createScheduledEvent');
    return this.events.create(guildId, options);
  }

  /**
   * The event starts, ends or is canceled (GUILD_SCHEDULED_EVENT_UPDATE); only Discord's moves are
   * allowed: scheduled to active or canceled, active to completed.
   */
  public setScheduledEventStatus(guildId: string, eventId: string, status: GuildScheduledEventStatus): APIGuildScheduledEvent {
    this.assertOpen('setScheduledEventStatus');
    return this.events.setStatus(guildId, eventId, status);
  }

  /** A member marks an event as interested (GUILD_SCHEDULED_EVENT_USER_ADD); no event when already interested. */
  public addEventInterest(guildId: string, eventId: string, userId: string): void {
    this.assertOpen('addEventInterest');
    this.events.addInterest(guildId, eventId, userId);
  }

  /** A member takes their interest back (GUILD_SCHEDULED_EVENT_USER_REMOVE). */
  public removeEventInterest(guildId: string, eventId: string, userId: string): void {
    this.assertOpen('removeEventInterest');
    this.events.removeInterest(guildId, eventId, userId);
  }

  /** A guild's scheduled events with `user_count`, in creation order. */
  public scheduledEvents(guildId: string): APIGuildScheduledEvent[] {
    return this.events.list(guildId);
  }

  /**
   * A user starts a thread under a text, announcement or forum channel (THREAD_CREATE); the owner
   * is its first member.
   *
   * @example
   * ```ts
   * const thread = discord.createThread(channelId, { name: 'help', ownerId: alice.id, type: ChannelType.PrivateThread });
   * ```
   */
  public createThread(channelId: string, options: CreateThreadOptions): APIChannel {
    this.assertOpen('createThread');
    return this.threads.create(channelId, options);
  }

  /**
   * A guild member joins a thread (THREAD_MEMBERS_UPDATE for GUILD_MEMBERS; for GUILDS too when the
   * user is the bot, with its own THREAD_MEMBER_UPDATE). Joining twice changes nothing.
   *
   * @example
   * ```ts
   * discord.addThreadMember(thread.id, alice.id);
   * expect(discord.threadMembers(thread.id).map((m) => m.user_id)).toContain(alice.id);
   * ```
   */
  public addThreadMember(threadId: string, userId: string): void {
    this.assertOpen('addThreadMember');
    this.threads.addMember(threadId, userId);
  }

  /** A user leaves a thread or is removed (THREAD_MEMBERS_UPDATE with `removed_member_ids`). */
  public removeThreadMember(threadId: string, userId: string): void {
    this.assertOpen('removeThreadMember');
    this.threads.removeMember(threadId, userId);
  }

  /** A thread's members (creator first, then in join order). */
  public threadMembers(threadId: string): APIThreadMember[] {
    return this.threads.members(threadId);
  }

  /**
   * A guild sticker someone else uploaded (GUILD_STICKERS_UPDATE for GUILD_EXPRESSIONS).
   *
   * @example
   * ```ts
   * const sticker = discord.createSticker(guild.id, { name: 'wave', tags: 'wave' });
   * ```
   */
  public createSticker(guildId: string, options: { name: string; tags: string; description?: string | null; formatType?: StickerFormatType }): APISticker {
    this.assertOpen('createSticker');
    return this.guilds.createSticker(guildId, options);
  }

  /** A guild's stickers (copies). */
  public stickers(guildId: string): APISticker[] {
    return this.guilds.stickers(guildId);
  }

  /** Adds a user to a guild (GUILD_MEMBER_ADD). */
  public addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string | null } = {}): APIGuildMember {
    return this.guilds.addMember(guildId, userId, options);
  }

  /** A member leaves (or is removed by someone other than the bot): GUILD_MEMBER_REMOVE. */
  public removeMember(guildId: string, userId: string): void {
    this.assertOpen('removeMember');
    this.guilds.removeMember(guildId, userId);
  }

  /** The DM channel between the bot and a user, for `postMessage` and interactions in DMs. */
  public dmChannel(userId: string): APIChannel {
    return this.guilds.dmChannel(userId);
  }

  /**
   * Posts a message as a user (MESSAGE_CREATE to shards whose intents allow it; content withheld
   * from shards without MESSAGE_CONTENT unless it mentions the bot).
   *
   * @example
   * ```ts
   * discord.postMessage(channelId, alice.id, `<@${discord.botUser.id}> hello`);
   * ```
   */
  public postMessage(channelId: string, userId: string, input: UserMessageInput): APIMessage {
    this.assertOpen('postMessage');
    return this.users.post(channelId, userId, input);
  }

  /**
   * The author edits a message (MESSAGE_UPDATE with `edited_timestamp`), as logging bots watch for.
   *
   * @example
   * ```ts
   * discord.editMessage(message.id, 'fixed typo');
   * ```
   */
  public editMessage(messageId: string, content: string): APIMessage {
    this.assertOpen('editMessage');
    return this.users.edit(messageId, content);
  }

  /** A message disappears (its author or a moderator deleted it): MESSAGE_DELETE. */
  public deleteMessage(messageId: string): void {
    this.assertOpen('deleteMessage');
    this.users.delete(messageId);
  }

  /**
   * A user reacts to a message (MESSAGE_REACTION_ADD with their member), as reaction-role bots
   * expect. `emoji` is a unicode emoji or `name:id`.
   *
   * @example
   * ```ts
   * discord.addReaction(message.id, alice.id, '✅');
   * ```
   */
  public addReaction(messageId: string, userId: string, emoji: string): void {
    this.assertOpen('addReaction');
    this.users.react(messageId, userId, emoji, true);
  }

  /** A user takes their reaction back (MESSAGE_REACTION_REMOVE). */
  public removeReaction(messageId: string, userId: string, emoji: string): void {
    this.assertOpen('removeReaction');
    this.users.react(messageId, userId, emoji, false);
  }

  /** A user runs a registered slash/user/message command (INTERACTION_CREATE). */
  public invokeCommand(options: InvokeCommandOptions): FakeInteraction {
    this.assertOpen('invokeCommand');
    return this.interactions.command(options);
  }

  /** A user types into an autocomplete option; the bot answers with callback type 8. */
  public autocomplete(options: AutocompleteOptions): FakeInteraction {
    this.assertOpen('autocomplete');
    return this.interactions.autocomplete(options);
  }

  /** A user presses a button on a message the bot sent. */
  public pressButton(options: ComponentInteractionOptions): FakeInteraction {
    this.assertOpen('pressButton');
    return this.interactions.button(options);
  }

  /** A user picks values in a select menu on a message the bot sent. */
  public selectMenu(options: SelectMenuOptions): FakeInteraction {
    this.assertOpen('selectMenu');
    return this.interactions.selectMenu(options);
  }

  /** A user submits a modal; when the bot showed one with this `custom_id`, its layout is mirrored. */
  public submitModal(options: SubmitModalOptions): FakeInteraction {
    this.assertOpen('submitModal');
    return this.interactions.modal(options);
  }

  /** Messages in a channel, oldest first (copies). */
  public messages(channelId: string): APIMessage[] {
    return this.readBack.messages(channelId);
  }

  /** Bytes uploaded with a message (multipart `files[n]`). */
  public files(messageId: string): readonly UploadedFile[] {
    return this.readBack.files(messageId);
  }

  /** Every REST request served (newest `recordRequests`), optionally only one route key. */
  public requests(route?: string): RecordedRequest[] {
    return this.readBack.requests(route);
  }

  /** Every interaction callback the bot made, in order. */
  public interactionResponses(): RecordedInteractionResponse[] {
    return this.readBack.interactionResponses();
  }

  /** The application's registered commands: global, or of one guild. */
  public commands(guildId?: string): APIApplicationCommand[] {
    return this.readBack.commands(guildId);
  }

  /**
   * The shard that receives a guild's events: `(guild_id >> 22) % shardCount`, as Discord routes them.
   *
   * @example
   * ```ts
   * const shard = discord.shardOf(guild.id, 4);
   * ```
   */
  public shardOf(guildId: string, shardCount: number): number {
    if (!Number.isInteger(shardCount) || shardCount < 1) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `shardCount must be a positive integer, got ${String(shardCount)}.`);
    }
    return shardForGuild(asSnowflake(guildId), shardCount);
  }

  /** Every REST route the fake serves, as `'METHOD /template'`. */
  public routes(): string[] {
    return this.readBack.routes();
  }

  /**
   * Resolves with the first message (already posted or still to come) that matches.
   *
   * @example
   * ```ts
   * const reply = await discord.waitForMessage((m) => m.channel_id === channelId && m.author.bot === true);
   * ```
   */
  public waitForMessage(predicate: (message: APIMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    this.assertOpen('waitForMessage');
    return this.waits.message(predicate, timeoutMs);
  }

  /** Resolves with the bot's callback to one interaction (or the first callback matching a predicate). */
  public waitForInteractionResponse(
    which: string | ((response: RecordedInteractionResponse) => boolean),
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedInteractionResponse> {
    this.assertOpen('waitForInteractionResponse');
    return this.waits.interactionResponse(which, timeoutMs);
  }

  /** Resolves with the first REST request (served already or still to come) that matches. */
  public waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    this.assertOpen('waitForRequest');
    return this.waits.request(predicate, timeoutMs);
  }

  /** Stops REST and gateway, closes every socket and rejects pending waits. Safe to call twice. */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waits.abortAll(new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_CLOSED', 'The fake Discord was closed while this wait was pending.'));
    await stopFakeDiscordServer({ server: this.server, gateway: this.gateway });
  }

  private assertOpen(method: string): void {
    if (this.closed) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_CLOSED', `FakeDiscord.${method}() was called after close(); start a new fake.`);
  }
}
