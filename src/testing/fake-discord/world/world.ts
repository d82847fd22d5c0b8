import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  type APIAuditLogEntry,
  type APIBan,
  type APIEmoji,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APISticker,
  StickerFormatType,
  StickerType,
  type APIUser,
  type APIWebhook,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { SnowflakeGenerator } from '../../../snowflake';
import { FakeDiscordError } from '../fake-discord-error';
import { SessionStartLimit, type SessionStartLimitOptions } from '../session-start-limit';
import type { GatewayWorldView, WorldDispatch } from '../world-events';
import { AuditLog, type AuditEntryInput } from './audit-log';
import { CommandStore } from './command-store';
import { makeDmChannel, makeGuild, makeGuildChannel, makeMember, makeRole, makeSelfUser, makeUser } from './entity-defaults';
import { InteractionStore } from './interaction-store';
import { DEFAULT_PRIVACY, ScheduledEventStore, toApiScheduledEvent, type StoredScheduledEvent } from './scheduled-event-store';
import { InviteStore, type InviteOptions, type StoredInvite } from './invite-store';
import { messageDispatch } from './message-dispatch';
import { MessageStore } from './message-store';
import { computePermissions } from './permissions';
import { isThread, toApiChannel, type StoredChannel } from './stored-channel';
import { buildThread, type ThreadOptions } from './thread-factory';
import { MEMBER_COUNT_CAP, ThreadMemberStore, toApiThreadMember, type StoredThreadMember } from './thread-member-store';
import type { UploadedFile } from './uploaded-file';

/** Options of the world a fake Discord starts with. */
export interface WorldOptions {
  /** The bot user's name. @defaultValue 'OvenBot' */
  readonly botUsername?: string;
  /** Username of the application's owner. @defaultValue 'app-owner' */
  readonly applicationOwnerName?: string;
  /** Use this token instead of a generated `base64(botId).xxxxxx.yyyy` one. */
  readonly token?: string;
  /**
   * Privileged intent bits the application may identify with (GUILD_MEMBERS, GUILD_PRESENCES,
   * MESSAGE_CONTENT). @defaultValue all three
   */
  readonly allowedPrivilegedIntents?: number;
  /** The identify budget `GET /gateway/bot` reports and the gateway enforces. */
  readonly sessionStartLimit?: SessionStartLimitOptions;
  /** Shard count `GET /gateway/bot` recommends. @defaultValue one shard per 1000 guilds, at least 1, as Discord does */
  readonly recommendedShards?: number;
  /**
   * Permissions of the bot's managed role in each guild created afterwards.
   * @defaultValue PermissionFlagsBits.Administrator
   */
  readonly botPermissions?: bigint;
}

/** What `createGuild` accepts. */
export interface CreateGuildOptions {
  readonly name: string;
  /** Owner user id; a new user is created when omitted. */
  readonly ownerId?: string;
  /** Permissions of @everyone. @defaultValue view, send, read history, add reactions, use commands */
  readonly everyonePermissions?: bigint;
  /** Create the `general` text channel Discord creates. @defaultValue true */
  readonly withGeneralChannel?: boolean;
}

/** One guild's state. */
export interface GuildRecord {
  readonly guild: APIGuild;
  readonly roles: Map<string, APIRole>;
  readonly members: Map<string, APIGuildMember>;
  readonly channelIds: string[];
  /** Active threads, in creation order. */
  readonly threadIds: string[];
  readonly bans: Map<string, APIBan>;
  readonly joinedAt: string;
}

const DEFAULT_EVERYONE =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/**
 * The fake Discord's state and the single place that changes it. Every change that Discord would
 * announce on the gateway is emitted as a `dispatch` event (the seam the gateway listens on), so
 * REST calls and test-driven actions reach connected shards the same way.
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
    this.token = options.token ?? World.makeToken(botId);
    this.allowedPrivilegedIntents = options.allowedPrivilegedIntents ?? PRIVILEGED;
    this.sessionStartLimit = new SessionStartLimit(options.sessionStartLimit);
    this.fixedShardCount = options.recommendedShards;
    this.botPermissions = options.botPermissions ?? PermissionFlagsBits.Administrator;
  }

  /** Discord's token shape: base64 of the bot id, a timestamp part and an HMAC part. */
  private static makeToken(botId: string): string {
    return `${Buffer.from(botId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
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
    this.token = World.makeToken(this.botUser.id);
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
    const id = this.ids.next();
    const owner = options.ownerId === undefined ? this.createUser({ username: `${options.name} owner` }) : this.requireUser(options.ownerId);
    const guild = makeGuild(id, options.name, owner.id, null);
    const now = new Date().toISOString();
    const record: GuildRecord = { guild, roles: new Map(), members: new Map(), channelIds: [], threadIds: [], bans: new Map(), joinedAt: now };
    record.roles.set(id, makeRole(id, '@everyone', 0, options.everyonePermissions ?? DEFAULT_EVERYONE));
    const botRole = makeRole(this.ids.next(), this.botUser.username, 1, this.botPermissions, { managed: true, tags: { bot_id: this.botUser.id } });
    record.roles.set(botRole.id, botRole);
    record.members.set(owner.id, makeMember(owner, [], now, null));
    record.members.set(this.botUser.id, makeMember(this.botUser, [botRole.id], now, null));
    this.guilds.set(id, record);
    if (options.withGeneralChannel !== false) {
      const general = makeGuildChannel(this.ids.next(), id, 'general', ChannelType.GuildText, 0);
      this.channels.set(general.id, general);
      record.channelIds.push(general.id);
      guild.system_channel_id = general.id;
    }
    const payload = this.guildCreatePayload(id);
    if (payload !== undefined) this.dispatch({ t: GatewayDispatchEvents.GuildCreate, d: payload, guildId: id, intents: GatewayIntentBits.Guilds });
    return this.guildView(record);
  }

  /** The guild object REST returns (roles and emojis filled in). */
  public guildView(record: GuildRecord): APIGuild {
    return { ...record.guild, roles: [...record.roles.values()] };
  }

  public guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData | undefined {
    const record = this.guilds.get(guildId);
    if (record === undefined || !record.members.has(this.botUser.id)) return undefined;
    const channels = record.channelIds.map((id) => toApiChannel(this.channels.get(id) as StoredChannel));
    return {
      ...this.guildView(record),
      joined_at: record.joinedAt,
      large: record.members.size > 250,
      unavailable: false,
      member_count: record.members.size,
      voice_states: [],
      members: [...record.members.values()],
      channels: channels as GatewayGuildCreateDispatchData['channels'],
      threads: record.threadIds.map((id) => toApiChannel(this.channels.get(id) as StoredChannel)) as GatewayGuildCreateDispatchData['threads'],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: this.scheduledEvents.list(guildId).map((e) => toApiScheduledEvent(e)),
      soundboard_sounds: [],
    };
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
    const record = this.requireGuild(guildId);
    const type = fields.type ?? ChannelType.GuildText;
    const { name, ...rest } = fields;
    const channel = makeGuildChannel(this.ids.next(), guildId, name, type, fields.position ?? record.channelIds.length, { ...rest, type });
    this.channels.set(channel.id, channel);
    record.channelIds.push(channel.id);
    this.dispatch({ t: GatewayDispatchEvents.ChannelCreate, d: toApiChannel(channel), guildId, intents: GatewayIntentBits.Guilds });
    return channel;
  }

  public updateChannel(channel: StoredChannel, patch: Partial<StoredChannel>): StoredChannel {
    Object.assign(channel, patch);
    this.dispatch({ t: GatewayDispatchEvents.ChannelUpdate, d: toApiChannel(channel), guildId: channel.guild_id ?? null, intents: GatewayIntentBits.Guilds });
    return channel;
  }

  public deleteChannel(channel: StoredChannel): void {
    this.channels.delete(channel.id);
    this.messages.removeChannel(channel.id);
    this.pins.delete(channel.id);
    this.invites.removeChannel(channel.id);
    const record = channel.guild_id === undefined ? undefined : this.guilds.get(channel.guild_id);
    const guildId = channel.guild_id ?? null;
    if (isThread(channel)) {
      this.threadMembers.removeThread(channel.id);
      record?.threadIds.splice(record.threadIds.indexOf(channel.id), 1);
      this.dispatch({ t: GatewayDispatchEvents.ThreadDelete, d: { id: channel.id, guild_id: guildId, parent_id: channel.parent_id, type: channel.type }, guildId, intents: GatewayIntentBits.Guilds });
      return;
    }
    if (record !== undefined) {
      record.channelIds.splice(record.channelIds.indexOf(channel.id), 1);
      // A deleted channel takes its threads with it.
      for (const threadId of [...record.threadIds]) {
        const thread = this.channels.get(threadId);
        if (thread?.parent_id === channel.id) this.deleteChannel(thread);
      }
    }
    this.dispatch({ t: GatewayDispatchEvents.ChannelDelete, d: toApiChannel(channel), guildId, intents: GatewayIntentBits.Guilds });
  }

  /**
   * Starts a thread under a text, announcement or forum channel. A thread started from a message
   * takes that message's id, as on Discord. THREAD_CREATE with `newly_created`.
   */
  public createThread(parent: StoredChannel, options: ThreadOptions): StoredChannel {
    const thread = buildThread(options.fromMessage?.id ?? this.ids.next(), parent, options);
    const guildId = parent.guild_id as string;
    this.channels.set(thread.id, thread);
    this.guilds.get(guildId)?.threadIds.push(thread.id);
    // The creator is the thread's first member (buildThread's member_count of 1).
    this.threadMembers.add(thread.id, options.ownerId);
    if (options.fromMessage !== undefined) options.fromMessage.thread = toApiChannel(thread) as NonNullable<APIMessage['thread']>;
    this.dispatch({ t: GatewayDispatchEvents.ThreadCreate, d: { ...toApiChannel(thread), newly_created: true }, guildId, intents: GatewayIntentBits.Guilds });
    return thread;
  }

  /** A guild invite to a channel (INVITE_CREATE to shards with GUILD_INVITES). */
  public createInvite(channel: StoredChannel, inviter: APIUser | undefined, options: InviteOptions = {}): StoredInvite {
    const targetUser = options.targetUserId === undefined ? undefined : this.requireUser(options.targetUserId);
    const invite = this.invites.add(channel, inviter, options, targetUser);
    const d: Record<string, unknown> = {
      channel_id: invite.channelId,
      guild_id: invite.guildId,
      code: invite.code,
      created_at: invite.createdAt,
      max_age: invite.maxAge,
      max_uses: invite.maxUses,
      temporary: invite.temporary,
      uses: 0,
      expires_at: invite.expiresAtMs === null ? null : new Date(invite.expiresAtMs).toISOString(),
    };
    if (inviter !== undefined) d.inviter = inviter;
    if (invite.targetType !== undefined) d.target_type = invite.targetType;
    if (targetUser !== undefined) d.target_user = targetUser;
    this.dispatch({ t: GatewayDispatchEvents.InviteCreate, d, guildId: invite.guildId, intents: GatewayIntentBits.GuildInvites });
    return invite;
  }

  /** Deletes an invite (INVITE_DELETE to shards with GUILD_INVITES); false when the code is unknown or expired. */
  public deleteInvite(code: string): boolean {
    const invite = this.invites.get(code);
    if (invite === undefined) return false;
    this.invites.remove(code);
    this.dispatch({ t: GatewayDispatchEvents.InviteDelete, d: { channel_id: invite.channelId, guild_id: invite.guildId, code }, guildId: invite.guildId, intents: GatewayIntentBits.GuildInvites });
    return true;
  }

  /**
   * A user joins a guild through an invite: the member is added (GUILD_MEMBER_ADD), `uses` grows,
   * and an invite that reached `max_uses` is deleted (INVITE_DELETE), as invite-tracking bots see it.
   */
  public useInvite(code: string, userId: string): APIGuildMember {
    const invite = this.invites.get(code);
    if (invite === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No live invite ${code} in the fake world (unknown, deleted, expired or used up); create one with discord.createInvite(channelId).`);
    }
    const record = this.requireGuild(invite.guildId);
    if (record.members.has(userId) || record.bans.has(userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} cannot join guild ${invite.guildId} with invite ${code}: they are ${record.bans.has(userId) ? 'banned' : 'already a member'}.`);
    }
    const member = this.addMember(invite.guildId, userId);
    invite.uses += 1;
    if (invite.maxUses > 0 && invite.uses >= invite.maxUses) this.deleteInvite(code);
    return member;
  }

  /** Stores a new scheduled event (status SCHEDULED): GUILD_SCHEDULED_EVENT_CREATE for GUILD_SCHEDULED_EVENTS. */
  public createScheduledEvent(guildId: string, fields: Omit<StoredScheduledEvent, 'id' | 'guild_id' | 'status' | 'entity_id' | 'privacy_level' | 'recurrence_rule' | 'image'>): StoredScheduledEvent {
    this.requireGuild(guildId);
    const event: StoredScheduledEvent = {
      ...fields,
      id: this.ids.next(),
      guild_id: guildId,
      image: null,
      status: GuildScheduledEventStatus.Scheduled,
      entity_id: null,
      privacy_level: DEFAULT_PRIVACY,
      recurrence_rule: null,
    };
    this.scheduledEvents.add(event);
    this.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventCreate, d: toApiScheduledEvent(event), guildId, intents: GatewayIntentBits.GuildScheduledEvents });
    return event;
  }

  /** Applies a change (already checked) to an event: GUILD_SCHEDULED_EVENT_UPDATE. */
  public updateScheduledEvent(event: StoredScheduledEvent, patch: Partial<StoredScheduledEvent>): StoredScheduledEvent {
    Object.assign(event, patch);
    this.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventUpdate, d: toApiScheduledEvent(event), guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
    return event;
  }

  public deleteScheduledEvent(event: StoredScheduledEvent): void {
    this.scheduledEvents.remove(event.id);
    this.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventDelete, d: toApiScheduledEvent(event), guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
  }

  /** A member marks or unmarks interest: GUILD_SCHEDULED_EVENT_USER_ADD / _REMOVE; false when nothing changed. */
  public setEventInterest(event: StoredScheduledEvent, userId: string, interested: boolean): boolean {
    if (!this.scheduledEvents.setSubscribed(event.id, userId, interested)) return false;
    const t = interested ? GatewayDispatchEvents.GuildScheduledEventUserAdd : GatewayDispatchEvents.GuildScheduledEventUserRemove;
    this.dispatch({ t, d: { guild_scheduled_event_id: event.id, user_id: userId, guild_id: event.guild_id }, guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
    return true;
  }

  /**
   * Adds a user to a thread; undefined when already a member. THREAD_MEMBERS_UPDATE goes to shards
   * with GUILD_MEMBERS, or with GUILDS alone when the bot itself joined, which also gets its own
   * THREAD_MEMBER_UPDATE (the docs: without GUILD_MEMBERS only the current user's changes are sent).
   */
  public addThreadMember(thread: StoredChannel, userId: string): StoredThreadMember | undefined {
    const added = this.threadMembers.add(thread.id, userId);
    if (added === undefined) return undefined;
    const guildId = thread.guild_id as string;
    const member = this.guilds.get(guildId)?.members.get(userId);
    const d = { id: thread.id, guild_id: guildId, member_count: this.countThreadMembers(thread), added_members: [{ ...toApiThreadMember(added), ...(member === undefined ? {} : { member }), presence: null }] };
    const self = userId === this.botUser.id;
    if (self) this.dispatch({ t: GatewayDispatchEvents.ThreadMemberUpdate, d: { ...toApiThreadMember(added), guild_id: guildId }, guildId, intents: GatewayIntentBits.Guilds });
    this.dispatch({ t: GatewayDispatchEvents.ThreadMembersUpdate, d, guildId, intents: self ? GatewayIntentBits.Guilds : GatewayIntentBits.GuildMembers });
    return added;
  }

  /** Removes a user from a thread (THREAD_MEMBERS_UPDATE with `removed_member_ids`); false when not a member. */
  public removeThreadMember(thread: StoredChannel, userId: string): boolean {
    if (!this.threadMembers.remove(thread.id, userId)) return false;
    const guildId = thread.guild_id as string;
    const d = { id: thread.id, guild_id: guildId, member_count: this.countThreadMembers(thread), removed_member_ids: [userId] };
    this.dispatch({ t: GatewayDispatchEvents.ThreadMembersUpdate, d, guildId, intents: userId === this.botUser.id ? GatewayIntentBits.Guilds : GatewayIntentBits.GuildMembers });
    return true;
  }

  private countThreadMembers(thread: StoredChannel): number {
    thread.member_count = Math.min(MEMBER_COUNT_CAP, this.threadMembers.count(thread.id));
    return thread.member_count;
  }

  /** The bot's DM channel with a user (created once, as Discord does). */
  public dmChannel(userId: string): StoredChannel {
    const existing = this.dmByUser.get(userId);
    if (existing !== undefined) return this.channels.get(existing) as StoredChannel;
    const channel = makeDmChannel(this.ids.next(), this.requireUser(userId));
    this.channels.set(channel.id, channel);
    this.dmByUser.set(userId, channel.id);
    return channel;
  }


  public createRole(guildId: string, fields: Partial<APIRole> & { name?: string; permissionBits?: bigint }): APIRole {
    const record = this.requireGuild(guildId);
    const { permissionBits, position: wanted, ...rest } = fields;
    // Discord puts a new role just above @everyone; an explicit position pushes the roles at and
    // above it up by one.
    const position = Math.max(1, Math.min(wanted ?? 1, record.roles.size));
    for (const other of record.roles.values()) if (other.id !== guildId && other.position >= position) other.position += 1;
    const role = makeRole(this.ids.next(), fields.name ?? 'new role', position, permissionBits ?? 0n, rest);
    record.roles.set(role.id, role);
    this.dispatch({ t: GatewayDispatchEvents.GuildRoleCreate, d: { guild_id: guildId, role }, guildId, intents: GatewayIntentBits.Guilds });
    return role;
  }

  public updateRole(guildId: string, role: APIRole, patch: Partial<APIRole>): APIRole {
    Object.assign(role, patch);
    this.dispatch({ t: GatewayDispatchEvents.GuildRoleUpdate, d: { guild_id: guildId, role }, guildId, intents: GatewayIntentBits.Guilds });
    return role;
  }

  /** Deletes a role and takes it off every member, as Discord does. */
  public deleteRole(guildId: string, roleId: string): void {
    const record = this.requireGuild(guildId);
    record.roles.delete(roleId);
    for (const member of record.members.values()) {
      if (member.roles.includes(roleId)) member.roles = member.roles.filter((id) => id !== roleId);
    }
    this.dispatch({ t: GatewayDispatchEvents.GuildRoleDelete, d: { guild_id: guildId, role_id: roleId }, guildId, intents: GatewayIntentBits.Guilds });
  }

  /** The bot leaves a guild: its membership ends and shards get GUILD_DELETE. */
  public leaveGuild(guildId: string): void {
    const record = this.requireGuild(guildId);
    record.members.delete(this.botUser.id);
    this.dispatch({ t: GatewayDispatchEvents.GuildDelete, d: { id: guildId }, guildId, intents: GatewayIntentBits.Guilds });
  }

  public addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string | null } = {}): APIGuildMember {
    const record = this.requireGuild(guildId);
    const user = this.requireUser(userId);
    for (const roleId of options.roles ?? []) {
      if (!record.roles.has(roleId)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No role ${roleId} in guild ${guildId}; create it with discord.createRole(guildId, { name }).`);
    }
    const member = makeMember(user, [...(options.roles ?? [])], new Date().toISOString(), options.nick ?? null);
    record.members.set(userId, member);
    this.dispatch({ t: GatewayDispatchEvents.GuildMemberAdd, d: { ...member, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildMembers });
    return member;
  }

  public updateMember(guildId: string, member: APIGuildMember, patch: Partial<APIGuildMember>): APIGuildMember {
    Object.assign(member, patch);
    this.dispatch({ t: GatewayDispatchEvents.GuildMemberUpdate, d: { ...member, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildMembers });
    return member;
  }

  public removeMember(guildId: string, userId: string): boolean {
    const record = this.requireGuild(guildId);
    const member = record.members.get(userId);
    if (member === undefined) return false;
    record.members.delete(userId);
    this.dispatch({ t: GatewayDispatchEvents.GuildMemberRemove, d: { guild_id: guildId, user: member.user }, guildId, intents: GatewayIntentBits.GuildMembers });
    return true;
  }

  public ban(guildId: string, user: APIUser, reason: string | null): void {
    const record = this.requireGuild(guildId);
    record.bans.set(user.id, { user, reason });
    this.removeMember(guildId, user.id);
    this.dispatch({ t: GatewayDispatchEvents.GuildBanAdd, d: { guild_id: guildId, user }, guildId, intents: GatewayIntentBits.GuildModeration });
  }

  public unban(guildId: string, userId: string): boolean {
    const record = this.requireGuild(guildId);
    const ban = record.bans.get(userId);
    if (ban === undefined) return false;
    record.bans.delete(userId);
    this.dispatch({ t: GatewayDispatchEvents.GuildBanRemove, d: { guild_id: guildId, user: ban.user }, guildId, intents: GatewayIntentBits.GuildModeration });
    return true;
  }

  /** Records an action in a guild's audit log (by the bot unless `actorId` says otherwise) and announces it. */
  public recordAudit(guildId: string, input: AuditEntryInput, actorId: string = this.botUser.id): APIAuditLogEntry {
    const entry: APIAuditLogEntry = { id: this.ids.next(), action_type: input.actionType, user_id: actorId, target_id: input.targetId };
    if (input.reason !== undefined) entry.reason = input.reason;
    if (input.changes !== undefined) entry.changes = input.changes as APIAuditLogEntry['changes'] & object;
    if (input.options !== undefined) entry.options = input.options as APIAuditLogEntry['options'] & object;
    this.auditLog.add(guildId, entry);
    this.dispatch({ t: GatewayDispatchEvents.GuildAuditLogEntryCreate, d: { ...entry, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildModeration });
    return entry;
  }

  /** A custom emoji in a guild (GUILD_EMOJIS_UPDATE); the bot may react with it while it is in that guild. */
  public createEmoji(guildId: string, name: string, options: { animated?: boolean; creator?: APIUser } = {}): APIEmoji {
    const record = this.requireGuild(guildId);
    const emoji: APIEmoji = { id: this.ids.next(), name, roles: [], require_colons: true, managed: false, animated: options.animated ?? false, available: true };
    if (options.creator !== undefined) emoji.user = options.creator;
    record.guild.emojis.push(emoji);
    this.announceEmojis(guildId);
    return emoji;
  }

  public deleteEmoji(guildId: string, emojiId: string): boolean {
    const emojis = this.requireGuild(guildId).guild.emojis;
    const index = emojis.findIndex((emoji) => emoji.id === emojiId);
    if (index === -1) return false;
    emojis.splice(index, 1);
    this.announceEmojis(guildId);
    return true;
  }

  public announceEmojis(guildId: string): void {
    const emojis = this.requireGuild(guildId).guild.emojis;
    this.dispatch({ t: GatewayDispatchEvents.GuildEmojisUpdate, d: { guild_id: guildId, emojis }, guildId, intents: GatewayIntentBits.GuildExpressions });
  }

  /** A guild sticker (GUILD_STICKERS_UPDATE with the guild's whole list, for GUILD_EXPRESSIONS). */
  public createSticker(guildId: string, fields: { name: string; tags: string; description: string | null; formatType?: StickerFormatType; creator?: APIUser }): APISticker {
    const record = this.requireGuild(guildId);
    const sticker: APISticker = {
      id: this.ids.next(),
      name: fields.name,
      tags: fields.tags,
      description: fields.description,
      type: StickerType.Guild,
      format_type: fields.formatType ?? StickerFormatType.PNG,
      available: true,
      guild_id: guildId,
    };
    if (fields.creator !== undefined) sticker.user = fields.creator;
    this.stickersOf(record).push(sticker);
    this.announceStickers(guildId);
    return sticker;
  }

  public deleteSticker(guildId: string, stickerId: string): boolean {
    const stickers = this.stickersOf(this.requireGuild(guildId));
    const index = stickers.findIndex((sticker) => sticker.id === stickerId);
    if (index === -1) return false;
    stickers.splice(index, 1);
    this.announceStickers(guildId);
    return true;
  }

  /** A guild's stickers (the list object itself, so edits land in GUILD_CREATE too). */
  public stickersOf(record: GuildRecord): APISticker[] {
    record.guild.stickers ??= [];
    return record.guild.stickers;
  }

  public announceStickers(guildId: string): void {
    const stickers = this.stickersOf(this.requireGuild(guildId));
    // Copies: the dispatch shows the list as it was at this moment, not after later edits.
    this.dispatch({ t: GatewayDispatchEvents.GuildStickersUpdate, d: { guild_id: guildId, stickers: stickers.map((sticker) => ({ ...sticker })) }, guildId, intents: GatewayIntentBits.GuildExpressions });
  }

  /** A custom emoji the bot can use: one from a guild it is in. */
  public usableEmoji(emojiId: string): APIEmoji | undefined {
    for (const guildId of this.guildIds()) {
      const emoji = this.guilds.get(guildId)?.guild.emojis.find((e) => e.id === emojiId);
      if (emoji !== undefined) return emoji;
    }
    return undefined;
  }

  /** Position of a member's highest role (0 = only @everyone, -1 = not a member). */
  public highestRolePosition(guildId: string, userId: string): number {
    const record = this.guilds.get(guildId);
    const member = record?.members.get(userId);
    if (record === undefined || member === undefined) return -1;
    let highest = 0;
    for (const roleId of member.roles) highest = Math.max(highest, record.roles.get(roleId)?.position ?? 0);
    return highest;
  }

  /**
   * Discord's role hierarchy: a user may manage a role, or moderate a member, only from a strictly
   * higher role. Owners outrank everyone; Administrator does not lift the rule.
   */
  public outranks(guildId: string, actorId: string, targetPosition: number): boolean {
    const record = this.guilds.get(guildId);
    if (record === undefined) return false;
    if (record.guild.owner_id === actorId) return true;
    return this.highestRolePosition(guildId, actorId) > targetPosition;
  }

  /** A user's effective permissions in a guild, optionally inside one channel. */
  public permissionsOf(guildId: string, userId: string, channel?: StoredChannel): bigint {
    const record = this.guilds.get(guildId);
    const member = record?.members.get(userId);
    if (record === undefined || member === undefined) return 0n;
    const input = { ownerId: record.guild.owner_id, guildId, roles: record.roles, member };
    // Threads have no overwrites of their own: they take their parent's.
    const effective = channel !== undefined && isThread(channel) && channel.parent_id != null ? this.channels.get(channel.parent_id) : channel;
    return computePermissions(effective === undefined ? input : { ...input, channel: effective });
  }


  /** Stores a message and announces it (MESSAGE_CREATE with the member for guild channels). */
  public addMessage(message: APIMessage, files: Parameters<MessageStore['add']>[1] = []): APIMessage {
    const channel = this.channels.get(message.channel_id);
    this.messages.add(message, files);
    if (channel !== undefined) {
      channel.last_message_id = message.id;
      if (channel.message_count !== undefined) {
        channel.message_count += 1;
        channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      }
    }
    this.emit('message', message);
    const guildId = channel?.guild_id ?? null;
    const member = guildId === null ? undefined : this.guilds.get(guildId)?.members.get(message.author.id);
    this.dispatch(messageDispatch(GatewayDispatchEvents.MessageCreate, message, guildId, member, this.botUser.id));
    return message;
  }

  public announceMessageUpdate(message: APIMessage): void {
    const guildId = this.channels.get(message.channel_id)?.guild_id ?? null;
    this.dispatch(messageDispatch(GatewayDispatchEvents.MessageUpdate, message, guildId, undefined, this.botUser.id));
  }

  /** Pins or unpins a message; false when it already was in that state. */
  public setPinned(channel: StoredChannel, message: APIMessage, pinned: boolean): boolean {
    const list = this.pins.get(channel.id) ?? [];
    const index = list.findIndex((pin) => pin.messageId === message.id);
    if (pinned === (index !== -1)) return false;
    const now = new Date().toISOString();
    if (pinned) list.push({ messageId: message.id, pinnedAt: now });
    else list.splice(index, 1);
    this.pins.set(channel.id, list);
    message.pinned = pinned;
    channel.last_pin_timestamp = list.at(-1)?.pinnedAt ?? null;
    const guildId = channel.guild_id ?? null;
    const d = { channel_id: channel.id, last_pin_timestamp: channel.last_pin_timestamp, ...(guildId === null ? {} : { guild_id: guildId }) };
    this.dispatch({ t: GatewayDispatchEvents.ChannelPinsUpdate, d, guildId, intents: guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.Guilds });
    return true;
  }

  public deleteMessages(channel: StoredChannel, ids: string[], bulk = false): void {
    for (const id of ids) this.messages.remove(channel.id, id);
    const pins = this.pins.get(channel.id);
    if (pins !== undefined) this.pins.set(channel.id, pins.filter((pin) => !ids.includes(pin.messageId)));
    const guildId = channel.guild_id ?? null;
    const intents = guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
    const base = guildId === null ? { channel_id: channel.id } : { channel_id: channel.id, guild_id: guildId };
    if (!bulk) this.dispatch({ t: GatewayDispatchEvents.MessageDelete, d: { ...base, id: ids[0] }, guildId, intents });
    else this.dispatch({ t: GatewayDispatchEvents.MessageDeleteBulk, d: { ...base, ids }, guildId, intents });
  }
}
