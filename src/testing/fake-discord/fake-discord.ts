import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  ChannelType,
  type APIApplicationCommand,
  type APIChannel,
  type APIEmoji,
  type APIExtendedInvite,
  type APIGuild,
  type APIGuildMember,
  type APIGuildScheduledEvent,
  GuildScheduledEventEntityType,
  type GuildScheduledEventStatus,
  type APIMessage,
  type APIRole,
  type APISticker,
  type StickerFormatType,
  type APIThreadMember,
  type APIUser,
} from 'discord-api-types/v10';
import { asSnowflake, shardForGuild } from '../../snowflake';
import { FakeDiscordError } from './fake-discord-error';
import { FakeGateway, type FakeGatewayOptions } from './gateway';
import { FakeInteraction } from './fake-interaction';
import type { RecordedRequest } from './rest/request-log';
import type { RestFaults } from './rest/rest-faults';
import type { FakeRestOptions } from './rest/rest-options';
import { FakeRestServer } from './rest/rest-server';
import { routeKey } from './rest/route';
import { waitForMatch } from './waiter';
import type {
  AutocompleteOptions,
  ComponentInteractionOptions,
  InvokeCommandOptions,
  SelectMenuOptions,
  SubmitModalOptions,
} from './world/interaction-inputs';
import { InteractionFactory } from './world/interaction-factory';
import type { RecordedInteractionResponse } from './world/interaction-store';
import { checkEventShape, checkStatusMove } from './world/scheduled-event-rules';
import { toApiScheduledEvent, type ScheduledEventOptions, type StoredScheduledEvent } from './world/scheduled-event-store';
import { toApiThreadMember } from './world/thread-member-store';
import { toApiInvite, type InviteOptions, type StoredInvite } from './world/invite-store';
import { isThread, toApiChannel, type StoredChannel } from './world/stored-channel';
import { UserActions, type UserMessageInput } from './world/user-actions';
import type { UploadedFile } from './world/uploaded-file';
import { World, type CreateGuildOptions, type WorldOptions } from './world/world';

/**
 * Options of {@link FakeDiscord.start}: the world (bot name, token, privileged intents, identify
 * budget), the REST server (rate limits, body limits, interaction timings) and the gateway.
 */
export interface FakeDiscordOptions extends WorldOptions, FakeRestOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Interface to bind. @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Options of the fake gateway (heartbeat interval, send limit, resume window, ...). */
  readonly gateway?: FakeGatewayOptions;
}

/** What `createChannel` accepts. */
export interface CreateChannelOptions {
  readonly name: string;
  /** @defaultValue ChannelType.GuildText */
  readonly type?: ChannelType;
  readonly topic?: string | null;
  readonly parentId?: string | null;
  readonly nsfw?: boolean;
  readonly permissionOverwrites?: StoredChannel['permission_overwrites'];
}

/** What `createInvite` accepts: the route's fields, camel-cased, and who made the invite. */
export interface CreateInviteOptions extends InviteOptions {
  /** The inviting user. @defaultValue the bot */
  readonly inviterId?: string;
}

/** What `createRole` accepts. */
export interface CreateRoleOptions {
  readonly name: string;
  /** Permission bits (`PermissionFlagsBits.KickMembers | ...`). @defaultValue 0n */
  readonly permissions?: bigint;
  readonly color?: number;
  readonly hoist?: boolean;
  readonly mentionable?: boolean;
  /**
   * Position in the hierarchy; roles at and above it move up one. Put a role above the bot's
   * (position 2 or more in a fresh guild) to test hierarchy refusals. @defaultValue 1, just above @everyone
   */
  readonly position?: number;
}


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
 */
export class FakeDiscord {
  /** `http://127.0.0.1:PORT/api`: clients append `/v10`. */
  public readonly restUrl: string;
  /** `ws://127.0.0.1:PORT`: what `GET /gateway/bot` returns. */
  public readonly gatewayUrl: string;
  public readonly port: number;
  /** The fake's state; most tests need only the methods on this class. */
  public readonly world: World;
  /** The fake gateway: sessions, connections, `waitFor`, and its own faults. */
  public readonly gateway: FakeGateway;
  /** REST faults on demand: latency, 5xx, connection resets, 429 storms. */
  public readonly restFaults: RestFaults;
  private readonly rest: FakeRestServer;
  private readonly interactionsFactory: InteractionFactory;
  private readonly users: UserActions;
  private readonly pending = new Set<(error: Error) => void>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    world: World,
    rest: FakeRestServer,
    gateway: FakeGateway,
  ) {
    const { port } = server.address() as AddressInfo;
    this.port = port;
    this.restUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.world = world;
    this.rest = rest;
    this.gateway = gateway;
    this.restFaults = rest.faults;
    this.interactionsFactory = new InteractionFactory(world);
    this.users = new UserActions(world);
    world.httpBase = `http://127.0.0.1:${port}`;
    world.gatewayUrl = this.gatewayUrl;
  }

  /**
   * Starts REST and gateway on one port.
   *
   * @example
   * ```ts
   * const discord = await FakeDiscord.start({ port: 0, rateLimits: false });
   * ```
   */
  public static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `FakeDiscord port must be an integer from 0 to 65535 (0 picks a free port), got ${String(port)}.`);
    }
    const world = new World(options);
    const rest = new FakeRestServer(world, options);
    const server = createServer({ keepAliveTimeout: 5000 }, (request, response) => {
      rest.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    const gateway = new FakeGateway(world, options.gateway);
    // The gateway takes every WebSocket upgrade of the REST server's port.
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => gateway.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        reject(new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `FakeDiscord could not listen on ${options.host ?? '127.0.0.1'}:${port} (${error.code ?? error.message}); pick another port or 0 for a free one.`, { cause: error }));
      };
      server.once('error', onError);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
    return new FakeDiscord(server, world, rest, gateway);
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
    const fields: Partial<StoredChannel> & { name: string; type?: ChannelType } = { name: options.name, type: options.type ?? ChannelType.GuildText };
    if (options.topic !== undefined) fields.topic = options.topic;
    if (options.parentId !== undefined) fields.parent_id = options.parentId;
    if (options.nsfw !== undefined) fields.nsfw = options.nsfw;
    if (options.permissionOverwrites !== undefined) fields.permission_overwrites = options.permissionOverwrites;
    return toApiChannel(this.world.createChannel(guildId, fields));
  }

  /** @example `const mods = discord.createRole(guild.id, { name: 'mods', permissions: PermissionFlagsBits.KickMembers });` */
  public createRole(guildId: string, options: CreateRoleOptions): APIRole {
    return this.world.createRole(guildId, {
      name: options.name,
      permissionBits: options.permissions ?? 0n,
      color: options.color ?? 0,
      hoist: options.hoist ?? false,
      mentionable: options.mentionable ?? false,
      ...(options.position === undefined ? {} : { position: options.position }),
    });
  }

  /** A custom emoji in a guild (GUILD_EMOJIS_UPDATE); react with it as `name:id`. */
  public createEmoji(guildId: string, options: { name: string; animated?: boolean }): APIEmoji {
    return this.world.createEmoji(guildId, options.name, options.animated === undefined ? {} : { animated: options.animated });
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
    const channel = this.world.requireChannel(channelId);
    if (channel.guild_id === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${channelId} is not in a guild; invites point at guild channels.`);
    }
    const { inviterId, ...rest } = options;
    const inviter = inviterId === undefined ? this.world.botUser : this.world.requireUser(inviterId);
    return this.inviteView(this.world.createInvite(channel, inviter, rest));
  }

  /** A user joins the guild through an invite: GUILD_MEMBER_ADD, `uses` + 1, INVITE_DELETE once used up. */
  public useInvite(code: string, userId: string): APIGuildMember {
    this.assertOpen('useInvite');
    return this.world.useInvite(code, userId);
  }

  /** Someone revokes an invite (INVITE_DELETE). */
  public deleteInvite(code: string): void {
    this.assertOpen('deleteInvite');
    if (!this.world.deleteInvite(code)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No live invite ${code} in the fake world.`);
  }

  /** A guild's live invites with their metadata (uses, limits), oldest first. */
  public invites(guildId: string): APIExtendedInvite[] {
    this.world.requireGuild(guildId);
    return this.world.invites.list((invite) => invite.guildId === guildId).map((invite) => this.inviteView(invite));
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
    this.world.requireGuild(guildId);
    const entityType = options.entityType ?? GuildScheduledEventEntityType.External;
    const shape = {
      entity_type: entityType,
      channel_id: options.channelId ?? null,
      entity_metadata: options.location === undefined ? null : { location: options.location },
      scheduled_start_time: options.scheduledStartTime,
      scheduled_end_time: options.scheduledEndTime ?? null,
    };
    const channel = shape.channel_id === null ? undefined : this.world.requireChannel(shape.channel_id);
    const problem = checkEventShape(shape, channel, { startChanged: false, now: Date.now() });
    if (problem !== undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `createScheduledEvent: ${problem.field}: ${problem.message}`);
    const creator = options.creatorId === undefined ? this.world.botUser : this.world.requireUser(options.creatorId);
    const event = this.world.createScheduledEvent(guildId, { ...shape, name: options.name, description: options.description ?? null, creator_id: creator.id, creator });
    return toApiScheduledEvent(event);
  }

  /**
   * The event starts, ends or is canceled (GUILD_SCHEDULED_EVENT_UPDATE); only Discord's moves are
   * allowed: scheduled to active or canceled, active to completed.
   */
  public setScheduledEventStatus(guildId: string, eventId: string, status: GuildScheduledEventStatus): APIGuildScheduledEvent {
    this.assertOpen('setScheduledEventStatus');
    const event = this.requireEvent(guildId, eventId);
    const problem = checkStatusMove(event.status, status);
    if (problem !== undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', problem.message);
    return toApiScheduledEvent(this.world.updateScheduledEvent(event, { status }));
  }

  /** A member marks an event as interested (GUILD_SCHEDULED_EVENT_USER_ADD); no event when already interested. */
  public addEventInterest(guildId: string, eventId: string, userId: string): void {
    this.assertOpen('addEventInterest');
    const event = this.requireEvent(guildId, eventId);
    if (!this.world.requireGuild(guildId).members.has(userId)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} is not a member of guild ${guildId}; add them with discord.addMember first.`);
    this.world.setEventInterest(event, userId, true);
  }

  /** A member takes their interest back (GUILD_SCHEDULED_EVENT_USER_REMOVE). */
  public removeEventInterest(guildId: string, eventId: string, userId: string): void {
    this.assertOpen('removeEventInterest');
    this.world.setEventInterest(this.requireEvent(guildId, eventId), userId, false);
  }

  /** A guild's scheduled events with `user_count`, in creation order. */
  public scheduledEvents(guildId: string): APIGuildScheduledEvent[] {
    this.world.requireGuild(guildId);
    return this.world.scheduledEvents.list(guildId).map((e) => toApiScheduledEvent(e, this.world.scheduledEvents.users(e.id).length));
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
  public createThread(channelId: string, options: { name: string; ownerId?: string; type?: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread; autoArchiveDuration?: 60 | 1440 | 4320 | 10080 }): APIChannel {
    this.assertOpen('createThread');
    const parent = this.world.requireChannel(channelId);
    if (parent.guild_id === undefined || isThread(parent) || parent.type === ChannelType.GuildCategory || parent.type === ChannelType.GuildVoice || parent.type === ChannelType.GuildStageVoice) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${channelId} cannot hold threads; use a text, announcement or forum channel.`);
    }
    const ownerId = options.ownerId === undefined ? this.world.botUser.id : this.world.requireUser(options.ownerId).id;
    const type = options.type ?? (parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread);
    return toApiChannel(this.world.createThread(parent, { name: options.name, type, ownerId, autoArchiveDuration: options.autoArchiveDuration ?? 4320 }));
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
    const thread = this.requireThread(threadId);
    if (!this.world.requireGuild(thread.guild_id as string).members.has(userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} is not a member of guild ${String(thread.guild_id)}; add them with discord.addMember first.`);
    }
    this.world.addThreadMember(thread, userId);
  }

  /** A user leaves a thread or is removed (THREAD_MEMBERS_UPDATE with `removed_member_ids`). */
  public removeThreadMember(threadId: string, userId: string): void {
    this.assertOpen('removeThreadMember');
    if (!this.world.removeThreadMember(this.requireThread(threadId), userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of thread ${threadId}.`);
    }
  }

  /** A thread's members (creator first, then in join order). */
  public threadMembers(threadId: string): APIThreadMember[] {
    return this.world.threadMembers.list(this.requireThread(threadId).id).map(toApiThreadMember);
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
    return structuredClone(this.world.createSticker(guildId, { name: options.name, tags: options.tags, description: options.description ?? null, ...(options.formatType === undefined ? {} : { formatType: options.formatType }) }));
  }

  /** A guild's stickers (copies). */
  public stickers(guildId: string): APISticker[] {
    return structuredClone(this.world.stickersOf(this.world.requireGuild(guildId)));
  }

  /** Adds a user to a guild (GUILD_MEMBER_ADD). */
  public addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string | null } = {}): APIGuildMember {
    return this.world.addMember(guildId, userId, options);
  }

  /** A member leaves (or is removed by someone other than the bot): GUILD_MEMBER_REMOVE. */
  public removeMember(guildId: string, userId: string): void {
    this.assertOpen('removeMember');
    if (!this.world.removeMember(guildId, userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of guild ${guildId}.`);
    }
  }

  /** The DM channel between the bot and a user, for `postMessage` and interactions in DMs. */
  public dmChannel(userId: string): APIChannel {
    return toApiChannel(this.world.dmChannel(userId));
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
    return this.wrap(this.interactionsFactory.command(options));
  }

  /** A user types into an autocomplete option; the bot answers with callback type 8. */
  public autocomplete(options: AutocompleteOptions): FakeInteraction {
    this.assertOpen('autocomplete');
    return this.wrap(this.interactionsFactory.command(options, options.focused));
  }

  /** A user presses a button on a message the bot sent. */
  public pressButton(options: ComponentInteractionOptions): FakeInteraction {
    this.assertOpen('pressButton');
    return this.wrap(this.interactionsFactory.component(options));
  }

  /** A user picks values in a select menu on a message the bot sent. */
  public selectMenu(options: SelectMenuOptions): FakeInteraction {
    this.assertOpen('selectMenu');
    return this.wrap(this.interactionsFactory.component(options, options.values));
  }

  /** A user submits a modal; when the bot showed one with this `custom_id`, its layout is mirrored. */
  public submitModal(options: SubmitModalOptions): FakeInteraction {
    this.assertOpen('submitModal');
    return this.wrap(this.interactionsFactory.modal(options));
  }


  /** Messages in a channel, oldest first (copies). */
  public messages(channelId: string): APIMessage[] {
    return this.world.messages.all(channelId).map((m) => structuredClone(m));
  }

  /** Bytes uploaded with a message (multipart `files[n]`). */
  public files(messageId: string): readonly UploadedFile[] {
    return this.world.messages.files(messageId);
  }

  /** Every REST request served (newest `recordRequests`), optionally only one route key. */
  public requests(route?: string): RecordedRequest[] {
    const all = this.rest.requests();
    return route === undefined ? all : all.filter((r) => r.route === route);
  }

  /** Every interaction callback the bot made, in order. */
  public interactionResponses(): RecordedInteractionResponse[] {
    return [...this.world.interactions.allResponses()];
  }

  /** The application's registered commands: global, or of one guild. */
  public commands(guildId?: string): APIApplicationCommand[] {
    return this.world.commands.list(guildId ?? null);
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
    return this.rest.routes().map(routeKey);
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
    return waitForMatch({
      emitter: this.world,
      event: 'message',
      existing: () => this.world.messages.everything(),
      predicate,
      timeoutMs,
      description: 'a message matching the predicate',
      pending: this.pending,
    });
  }

  /** Resolves with the bot's callback to one interaction (or the first callback matching a predicate). */
  public waitForInteractionResponse(
    which: string | ((response: RecordedInteractionResponse) => boolean),
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedInteractionResponse> {
    this.assertOpen('waitForInteractionResponse');
    const predicate = typeof which === 'string' ? (r: RecordedInteractionResponse) => r.interactionId === which : which;
    return waitForMatch({
      emitter: this.world,
      event: 'interactionResponse',
      existing: () => this.world.interactions.allResponses(),
      predicate,
      timeoutMs,
      description: typeof which === 'string' ? `the bot's response to interaction ${which}` : 'an interaction response matching the predicate',
      pending: this.pending,
    });
  }

  /** Resolves with the first REST request (served already or still to come) that matches. */
  public waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    this.assertOpen('waitForRequest');
    return waitForMatch({ emitter: this.world, event: 'request', existing: () => this.rest.requests(), predicate, timeoutMs, description: 'a REST request matching the predicate', pending: this.pending });
  }

  /** Stops REST and gateway, closes every socket and rejects pending waits. Safe to call twice. */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closedError = new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_CLOSED', 'The fake Discord was closed while this wait was pending.');
    for (const abort of [...this.pending]) abort(closedError);
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private requireThread(threadId: string): StoredChannel {
    const thread = this.world.requireChannel(threadId);
    if (!isThread(thread)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${threadId} is not a thread; start one with POST /channels/{id}/threads or world.createThread.`);
    return thread;
  }

  private requireEvent(guildId: string, eventId: string): StoredScheduledEvent {
    const event = this.world.scheduledEvents.get(guildId, eventId);
    if (event === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No scheduled event ${eventId} in guild ${guildId}; create it with discord.createScheduledEvent(guildId, { ... }).`);
    return event;
  }

  private inviteView(invite: StoredInvite): APIExtendedInvite {
    return toApiInvite(invite, this.world.requireGuild(invite.guildId).guild, this.world.requireChannel(invite.channelId), true);
  }

  private wrap(record: ReturnType<InteractionFactory['command']>): FakeInteraction {
    return new FakeInteraction(record, (id, timeoutMs) => this.waitForInteractionResponse(id, timeoutMs), this.world);
  }

  private assertOpen(method: string): void {
    if (this.closed) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_CLOSED', `FakeDiscord.${method}() was called after close(); start a new fake.`);
  }
}
