import { EventEmitter } from 'node:events';
import {
  GatewayIntentBits,
  PermissionFlagsBits,
  type APIAuditLogEntry,
  type APIEmoji,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APISticker,
  type APIUser,
  type APIWebhook,
  type ChannelType,
  type GatewayGuildCreateDispatchData,
  type StickerFormatType,
} from 'discord-api-types/v10';
import { SnowflakeGenerator } from '../../../snowflake';
import { FakeDiscordError } from '../fake-discord-error';
import { SessionStartLimit } from '../session-start-limit';
import type { GatewayWorldView, WorldDispatch } from '../world-events';
import { recordAudit } from './audit-changes';
import { AuditLog, type AuditEntryInput } from './audit-log';
import { makeBotToken } from './bot-token';
import { createChannel, createThread, deleteChannel, dmChannel, updateChannel } from './channel-changes';
import { CommandStore } from './command-store';
import { makeSelfUser, makeUser } from './entity-defaults';
import { announceEmojis, announceStickers, createEmoji, createSticker, deleteEmoji, deleteSticker, stickersOf, usableEmoji } from './expression-changes';
import { createGuild, guildCreatePayload, guildView, leaveGuild } from './guild-changes';
import type { GuildRecord } from './guild-record';
import { InteractionStore } from './interaction-store';
import { createInvite, deleteInvite, useInvite } from './invite-changes';
import { InviteStore, type InviteOptions, type StoredInvite } from './invite-store';
import { addMember, ban, removeMember, unban, updateMember } from './member-changes';
import { addMessage, announceMessageUpdate, deleteMessages, setPinned } from './message-changes';
import { MessageStore } from './message-store';
import { createRole, deleteRole, updateRole } from './role-changes';
import { highestRolePosition, outranks, permissionsOf } from './role-hierarchy';
import { createScheduledEvent, deleteScheduledEvent, setEventInterest, updateScheduledEvent, type NewScheduledEventFields } from './scheduled-event-changes';
import { ScheduledEventStore, type StoredScheduledEvent } from './scheduled-event-store';
import type { StoredChannel } from './stored-channel';
import type { ThreadOptions } from './thread-factory';
import { addThreadMember, removeThreadMember } from './thread-member-changes';
import { ThreadMemberStore, type StoredThreadMember } from './thread-member-store';
import type { UploadedFile } from './uploaded-file';
import type { CreateGuildOptions, WorldOptions } from './world-options';

export type { CreateGuildOptions, WorldOptions } from './world-options';
export type { GuildRecord } from './guild-record';

const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/**
 * The fake Discord's state and the single place that changes it. Every change that Discord would
 * announce on the gateway is emitted as a `dispatch` event (the seam the gateway listens on), so
 * REST calls and test-driven actions reach connected shards the same way. The changes themselves
 * live per entity family next to their stores (`guild-changes.ts`, `channel-changes.ts`, ...);
 * routes and tests go through these methods, so there is still one door into the state.
 *
 * @example
 * ```ts
 * const world = new World();
 * const guild = world.createGuild({ name: 'Test' });
 * world.on('dispatch', (d) => console.log(d.t));
 * world.createChannel(guild.id, { name: 'random' }); // logs CHANNEL_CREATE
 * ```
 */
export class World extends EventEmitter implements GatewayWorldView {
  public readonly ids = new SnowflakeGenerator();
  public readonly botUser: APIUser;
  public readonly application: { readonly id: string; readonly flags: number };
  /** The user who owns the application (`GET /applications/@me` → `owner`), for owner-only commands. */
  public readonly applicationOwner: APIUser;
  public readonly allowedPrivilegedIntents: number;
  public readonly sessionStartLimit: SessionStartLimit;
  private readonly fixedShardCount: number | undefined;
  public readonly users = new Map<string, APIUser>();
  public readonly guilds = new Map<string, GuildRecord>();
  public readonly channels = new Map<string, StoredChannel>();
  public readonly messages = new MessageStore();
  public readonly commands = new CommandStore();
  public readonly interactions = new InteractionStore();
  /** Every guild's audit log. */
  public readonly auditLog = new AuditLog();
  /** Channel webhooks (incoming, type 1) by id. */
  public readonly webhooks = new Map<string, APIWebhook>();
  /** Pinned messages per channel, newest pin last. */
  public readonly pins = new Map<string, { readonly messageId: string; readonly pinnedAt: string }[]>();
  /** Who is in each thread. */
  public readonly threadMembers = new ThreadMemberStore();
  /** Guild scheduled events and their interested users. */
  public readonly scheduledEvents = new ScheduledEventStore();
  /** Guild invites by code. */
  public readonly invites = new InviteStore();
  /** Uploaded bytes by attachment id, served at the attachment's `url`. */
  public readonly attachments = new Map<string, UploadedFile>();
  /** Public base of the server (e.g. `http://127.0.0.1:PORT`), for attachment URLs. */
  public httpBase = 'http://127.0.0.1';
  /** The gateway URL `GET /gateway` and `/gateway/bot` report. */
  public gatewayUrl = 'ws://127.0.0.1';
  private token: string;
  private readonly botPermissions: bigint;
  private readonly dmByUser = new Map<string, string>();

  public constructor(options: WorldOptions = {}) {
    super();
    const botId = this.ids.next();
    this.botUser = makeUser(botId, options.botUsername ?? 'OvenBot', { bot: true });
    this.users.set(botId, this.botUser);
    // A bot's application id equals its user id for applications created since 2019.
    this.application = { id: botId, flags: 0 };
    this.applicationOwner = makeUser(this.ids.next(), options.applicationOwnerName ?? 'app-owner', {});
    this.users.set(this.applicationOwner.id, this.applicationOwner);
    this.token = options.token ?? makeBotToken(botId);
    this.allowedPrivilegedIntents = options.allowedPrivilegedIntents ?? PRIVILEGED;
    this.sessionStartLimit = new SessionStartLimit(options.sessionStartLimit);
    this.fixedShardCount = options.recommendedShards;
    this.botPermissions = options.botPermissions ?? PermissionFlagsBits.Administrator;
  }

  public get recommendedShards(): number {
    return this.fixedShardCount ?? Math.max(1, Math.ceil(this.guildIds().length / 1000));
  }

  public get botToken(): string {
    return this.token;
  }

  public get applicationId(): string {
    return this.application.id;
  }

  public isValidToken(token: string): boolean {
    return token === this.token;
  }

  /** Like Discord's "reset token": the old one stops working on REST and the gateway. */
  public resetToken(): string {
    this.token = makeBotToken(this.botUser.id);
    return this.token;
  }

  public selfUser(): APIUser {
    return makeSelfUser(this.botUser);
  }

  public dispatch(dispatch: WorldDispatch): void {
    this.emit('dispatch', dispatch);
  }

  public createUser(options: { username: string; bot?: boolean; globalName?: string | null }): APIUser {
    const user = makeUser(this.ids.next(), options.username, options);
    this.users.set(user.id, user);
    return user;
  }

  public requireUser(userId: string): APIUser {
    const user = this.users.get(userId);
    if (user === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No user ${userId} in the fake world; create it first with discord.createUser({ username }).`);
    }
    return user;
  }

  public guildIds(): string[] {
    const ids: string[] = [];
    for (const [id, record] of this.guilds) if (record.members.has(this.botUser.id)) ids.push(id);
    return ids;
  }

  public requireGuild(guildId: string): GuildRecord {
    const record = this.guilds.get(guildId);
    if (record === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No guild ${guildId} in the fake world; create it first with discord.createGuild({ name }).`);
    }
    return record;
  }

  public createGuild(options: CreateGuildOptions): APIGuild {
    return createGuild(this, options, this.botPermissions);
  }

  /** The guild object REST returns (roles and emojis filled in). */
  public guildView(record: GuildRecord): APIGuild {
    return guildView(this, record);
  }

  public guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData | undefined {
    return guildCreatePayload(this, guildId);
  }

  public guildMembers(guildId: string): APIGuildMember[] {
    return [...(this.guilds.get(guildId)?.members.values() ?? [])];
  }

  public requireChannel(channelId: string): StoredChannel {
    const channel = this.channels.get(channelId);
    if (channel === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No channel ${channelId} in the fake world; create it with discord.createChannel(guildId, { name }).`);
    }
    return channel;
  }

  public createChannel(guildId: string, fields: Partial<StoredChannel> & { name: string; type?: ChannelType }): StoredChannel {
    return createChannel(this, guildId, fields);
  }

  public updateChannel(channel: StoredChannel, patch: Partial<StoredChannel>): StoredChannel {
    return updateChannel(this, channel, patch);
  }

  public deleteChannel(channel: StoredChannel): void {
    deleteChannel(this, channel);
  }

  /**
   * Starts a thread under a text, announcement or forum channel. A thread started from a message
   * takes that message's id, as on Discord. THREAD_CREATE with `newly_created`.
   */
  public createThread(parent: StoredChannel, options: ThreadOptions): StoredChannel {
    return createThread(this, parent, options);
  }

  /** A guild invite to a channel (INVITE_CREATE to shards with GUILD_INVITES). */
  public createInvite(channel: StoredChannel, inviter: APIUser | undefined, options: InviteOptions = {}): StoredInvite {
    return createInvite(this, channel, inviter, options);
  }

  /** Deletes an invite (INVITE_DELETE to shards with GUILD_INVITES); false when the code is unknown or expired. */
  public deleteInvite(code: string): boolean {
    return deleteInvite(this, code);
  }

  /**
   * A user joins a guild through an invite: the member is added (GUILD_MEMBER_ADD), `uses` grows,
   * and an invite that reached `max_uses` is deleted (INVITE_DELETE), as invite-tracking bots see it.
   */
  public useInvite(code: string, userId: string): APIGuildMember {
    return useInvite(this, code, userId);
  }

  /** Stores a new scheduled event (status SCHEDULED): GUILD_SCHEDULED_EVENT_CREATE for GUILD_SCHEDULED_EVENTS. */
  public createScheduledEvent(guildId: string, fields: NewScheduledEventFields): StoredScheduledEvent {
    return createScheduledEvent(this, guildId, fields);
  }

  /** Applies a change (already checked) to an event: GUILD_SCHEDULED_EVENT_UPDATE. */
  public updateScheduledEvent(event: StoredScheduledEvent, patch: Partial<StoredScheduledEvent>): StoredScheduledEvent {
    return updateScheduledEvent(this, event, patch);
  }

  public deleteScheduledEvent(event: StoredScheduledEvent): void {
    deleteScheduledEvent(this, event);
  }

  /** A member marks or unmarks interest: GUILD_SCHEDULED_EVENT_USER_ADD / _REMOVE; false when nothing changed. */
  public setEventInterest(event: StoredScheduledEvent, userId: string, interested: boolean): boolean {
    return setEventInterest(this, event, userId, interested);
  }

  /**
   * Adds a user to a thread; undefined when already a member. THREAD_MEMBERS_UPDATE goes to shards
   * with GUILD_MEMBERS, or with GUILDS alone when the bot itself joined, which also gets its own
   * THREAD_MEMBER_UPDATE (the docs: without GUILD_MEMBERS only the current user's changes are sent).
   */
  public addThreadMember(thread: StoredChannel, userId: string): StoredThreadMember | undefined {
    return addThreadMember(this, thread, userId);
  }

  /** Removes a user from a thread (THREAD_MEMBERS_UPDATE with `removed_member_ids`); false when not a member. */
  public removeThreadMember(thread: StoredChannel, userId: string): boolean {
    return removeThreadMember(this, thread, userId);
  }

  /** The bot's DM channel with a user (created once, as Discord does). */
  public dmChannel(userId: string): StoredChannel {
    return dmChannel(this, this.dmByUser, userId);
  }

  public createRole(guildId: string, fields: Partial<APIRole> & { name?: string; permissionBits?: bigint }): APIRole {
    return createRole(this, guildId, fields);
  }

  public updateRole(guildId: string, role: APIRole, patch: Partial<APIRole>): APIRole {
    return updateRole(this, guildId, role, patch);
  }

  /** Deletes a role and takes it off every member, as Discord does. */
  public deleteRole(guildId: string, roleId: string): void {
    deleteRole(this, guildId, roleId);
  }

  /** The bot leaves a guild: its membership ends and shards get GUILD_DELETE. */
  public leaveGuild(guildId: string): void {
    leaveGuild(this, guildId);
  }

  public addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string | null } = {}): APIGuildMember {
    return addMember(this, guildId, userId, options);
  }

  public updateMember(guildId: string, member: APIGuildMember, patch: Partial<APIGuildMember>): APIGuildMember {
    return updateMember(this, guildId, member, patch);
  }

  public removeMember(guildId: string, userId: string): boolean {
    return removeMember(this, guildId, userId);
  }

  public ban(guildId: string, user: APIUser, reason: string | null): void {
    ban(this, guildId, user, reason);
  }

  public unban(guildId: string, userId: string): boolean {
    return unban(this, guildId, userId);
  }

  /** Records an action in a guild's audit log (by the bot unless `actorId` says otherwise) and announces it. */
  public recordAudit(guildId: string, input: AuditEntryInput, actorId: string = this.botUser.id): APIAuditLogEntry {
    return recordAudit(this, guildId, input, actorId);
  }

  /** A custom emoji in a guild (GUILD_EMOJIS_UPDATE); the bot may react with it while it is in that guild. */
  public createEmoji(guildId: string, name: string, options: { animated?: boolean; creator?: APIUser } = {}): APIEmoji {
    return createEmoji(this, guildId, name, options);
  }

  public deleteEmoji(guildId: string, emojiId: string): boolean {
    return deleteEmoji(this, guildId, emojiId);
  }

  public announceEmojis(guildId: string): void {
    announceEmojis(this, guildId);
  }

  /** A guild sticker (GUILD_STICKERS_UPDATE with the guild's whole list, for GUILD_EXPRESSIONS). */
  public createSticker(guildId: string, fields: { name: string; tags: string; description: string | null; formatType?: StickerFormatType; creator?: APIUser }): APISticker {
    return createSticker(this, guildId, fields);
  }

  public deleteSticker(guildId: string, stickerId: string): boolean {
    return deleteSticker(this, guildId, stickerId);
  }

  /** A guild's stickers (the list object itself, so edits land in GUILD_CREATE too). */
  public stickersOf(record: GuildRecord): APISticker[] {
    return stickersOf(this, record);
  }

  public announceStickers(guildId: string): void {
    announceStickers(this, guildId);
  }

  /** A custom emoji the bot can use: one from a guild it is in. */
  public usableEmoji(emojiId: string): APIEmoji | undefined {
    return usableEmoji(this, emojiId);
  }

  /** Position of a member's highest role (0 = only @everyone, -1 = not a member). */
  public highestRolePosition(guildId: string, userId: string): number {
    return highestRolePosition(this, guildId, userId);
  }

  /**
   * Discord's role hierarchy: a user may manage a role, or moderate a member, only from a strictly
   * higher role. Owners outrank everyone; Administrator does not lift the rule.
   */
  public outranks(guildId: string, actorId: string, targetPosition: number): boolean {
    return outranks(this, guildId, actorId, targetPosition);
  }

  /** A user's effective permissions in a guild, optionally inside one channel. */
  public permissionsOf(guildId: string, userId: string, channel?: StoredChannel): bigint {
    return permissionsOf(this, guildId, userId, channel);
  }

  /** Stores a message and announces it (MESSAGE_CREATE with the member for guild channels). */
  public addMessage(message: APIMessage, files: Parameters<MessageStore['add']>[1] = []): APIMessage {
    return addMessage(this, message, files);
  }

  public announceMessageUpdate(message: APIMessage): void {
    announceMessageUpdate(this, message);
  }

  /** Pins or unpins a message; false when it already was in that state. */
  public setPinned(channel: StoredChannel, message: APIMessage, pinned: boolean): boolean {
    return setPinned(this, channel, message, pinned);
  }

  public deleteMessages(channel: StoredChannel, ids: string[], bulk = false): void {
    deleteMessages(this, channel, ids, bulk);
  }
}
