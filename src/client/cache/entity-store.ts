import {
  ChannelType,
  GatewayDispatchEvents,
  type APIChannel,
  type APIGuild,
  type APIRole,
  type APIUser,
  type GatewayChannelModifyDispatchData,
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildDeleteDispatchData,
  type GatewayGuildMemberRemoveDispatchData,
  type GatewayGuildMemberUpdateDispatchData,
  type GatewayGuildRoleDeleteDispatchData,
  type GatewayGuildRoleModifyDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageDeleteBulkDispatchData,
  type GatewayMessageDeleteDispatchData,
  type GatewayMessageUpdateDispatchData,
  type GatewayThreadDeleteDispatchData,
} from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';
import { BoundedMap } from './bounded-map';
import { resolveCacheLimits, type EntityCacheOptions, type ResolvedCacheLimits } from './cache-options';
import type { CachedChannel, CachedGuild, CachedMember, CachedMessage, CachedRole, CachedUser } from './cached-entities';
import { ChannelMessages } from './channel-messages';
import { patchUser, type SelfUser, toChannel, toRole, toTime, toUser } from './entity-from-payload';
import { MemberTable, type MemberPayload, type RoleIdResolver } from './member-table';
import { type MessagePatch, MessageTable } from './message-table';
import { parsedKey, SnowflakeKeyCache } from './snowflake-key';
import { TableMap } from './table-map';
import { UserTable } from './user-table';

// A local alias: through the CommonJS re-exports of discord-api-types every
// `GatewayDispatchEvents.X` is a chain of getters, evaluated per `case` of `apply`'s switch.
const Events = { ...GatewayDispatchEvents } as typeof GatewayDispatchEvents;
const NO_MESSAGES: readonly CachedMessage[] = Object.freeze([]) as readonly CachedMessage[];

interface StoredGuild extends CachedGuild {
  readonly roles: BoundedMap<Snowflake, CachedRole>;
  readonly memberTable: MemberTable;
  /** The guild's own role id strings for the ids members carry. */
  readonly resolveRole: RoleIdResolver;
  readonly channelIds: Set<Snowflake>;
}

function isThread(type: ChannelType): boolean {
  return type === ChannelType.PublicThread || type === ChannelType.PrivateThread || type === ChannelType.AnnouncementThread;
}

/** Entity counts, for metrics and tests. */
export interface EntityStoreStats {
  readonly guilds: number;
  readonly channels: number;
  readonly roles: number;
  readonly members: number;
  readonly users: number;
  readonly messages: number;
}

/**
 * The Client's in-memory view of Discord, kept up to date from dispatches: guilds with their
 * roles and members, channels and threads, users, and the last messages of each channel. Each
 * kind has its own limit; with `cache: false` nothing is stored and `apply` is a no-op.
 *
 * @example
 * ```ts
 * const store = new EntityStore({ messages: 100, members: 5_000 });
 * manager.on('dispatch', (payload) => store.apply(payload));
 * store.guilds.get(guildId)?.members.get(userId)?.nick;
 * ```
 */
export class EntityStore {
  public readonly limits: ResolvedCacheLimits;
  private readonly guildMap: BoundedMap<Snowflake, StoredGuild>;
  private readonly channelMap: BoundedMap<Snowflake, CachedChannel>;
  private readonly userTable: UserTable;
  private readonly userMap: TableMap<CachedUser>;
  private readonly messageTable: MessageTable;
  /** The user row of the author of the message being added, for the table's `onAdd`. */
  private addingAuthorRow = -1;
  /**
   * DM channels (and channels of guilds not cached: their messages and objects) by last activity:
   * nothing from Discord ever deletes them, so this recency list is what bounds them (`dmChannels`).
   */
  private readonly looseChannels: BoundedMap<Snowflake, true>;
  /** A member row that left a guild's table (removed or evicted) lets go of its user. */
  private readonly releaseMember = (hi: number, lo: number): void => this.userTable.releaseKey(hi, lo);
  private readonly enabled: boolean;
  private selfUser: SelfUser | undefined;
  /**
   * The guild of the last MESSAGE_CREATE: most come from the guild of the one before, and comparing
   * the id string is far cheaper than hashing a fresh one for the map. Cleared when a guild leaves.
   */
  private lastGuild: StoredGuild | undefined;
  /** Message authors' id halves: most messages come from authors met recently. */
  private readonly authorKeys = new SnowflakeKeyCache();
  /** What each dispatch removed or replaced, by its data object (gone with it). */
  private readonly previousByData = new WeakMap<object, unknown>();

  public constructor(options?: EntityCacheOptions | false) {
    this.limits = resolveCacheLimits(options);
    this.guildMap = new BoundedMap(this.limits.guilds, (_, guild) => this.dropGuildData(guild));
    this.channelMap = new BoundedMap(this.limits.channels, (id, channel) => {
      if (channel.guildId !== null) this.guildMap.get(channel.guildId)?.channelIds.delete(id);
    });
    this.looseChannels = new BoundedMap(this.limits.dmChannels, (id) => this.dropLooseChannel(id));
    this.userTable = new UserTable(this.limits.users);
    this.userMap = new TableMap(this.userTable);
    // A message that left the cache (deleted, evicted or dropped with its channel) lets go of its author.
    this.messageTable = new MessageTable(
      this.limits.messages,
      (hi, lo) => this.userTable.releaseKey(hi, lo),
      () => this.userTable.retainRow(this.addingAuthorRow),
    );
    // dmChannels only bounds what the other kinds store: alone it caches nothing.
    const { memberLists: _lists, dmChannels: _dms, ...counts } = this.limits;
    this.enabled = Object.values(counts).some((limit) => limit > 0);
  }

  public get guilds(): ReadonlyMap<Snowflake, CachedGuild> {
    return this.guildMap;
  }

  public get channels(): ReadonlyMap<Snowflake, CachedChannel> {
    return this.channelMap;
  }

  public get users(): ReadonlyMap<Snowflake, CachedUser> {
    return this.userMap;
  }

  /** The bot's own user, from READY (kept even in no-cache mode). */
  public get me(): CachedUser | undefined {
    return this.selfUser;
  }

  /**
   * The cached messages of a channel, oldest first: a view that builds each message when read (a
   * frozen snapshot), and sees messages that arrive later.
   */
  public messages(channelId: string): ReadonlyMap<Snowflake, CachedMessage> {
    return new ChannelMessages(this.messageTable, channelId);
  }

  /** A guild member with its current values (a fresh snapshot per call), or undefined. */
  public member(guildId: string, userId: string): CachedMember | undefined {
    return this.guildMap.get(guildId as Snowflake)?.members.get(userId as Snowflake);
  }

  public role(guildId: string, roleId: string): CachedRole | undefined {
    return this.guildMap.get(guildId as Snowflake)?.roles.get(roleId as Snowflake);
  }

  /**
   * What the dispatch whose data this is removed from the cache or replaced: the deleted message
   * (or messages), member, channel, role or guild, or the message, member, channel or role as it
   * was before an update. The cache is updated before handlers run, so this is how a delete or
   * edit logger reads the old state; pass the data object the handler received. Undefined when
   * the dispatch changed nothing cached (or was not applied by this store).
   *
   * @example
   * ```ts
   * client.on('messageDelete', (data) => {
   *   const message = client.cache.previous(data);
   *   if (message !== undefined) log(`deleted: ${message.content}`);
   * });
   * ```
   */
  public previous(data: GatewayMessageDeleteBulkDispatchData): readonly CachedMessage[];
  public previous(data: GatewayMessageDeleteDispatchData | GatewayMessageUpdateDispatchData): CachedMessage | undefined;
  public previous(data: GatewayGuildMemberRemoveDispatchData | GatewayGuildMemberUpdateDispatchData): CachedMember | undefined;
  public previous(data: GatewayGuildRoleDeleteDispatchData | GatewayGuildRoleModifyDispatchData): CachedRole | undefined;
  public previous(data: GatewayChannelModifyDispatchData | GatewayThreadDeleteDispatchData): CachedChannel | undefined;
  public previous(data: GatewayGuildDeleteDispatchData): CachedGuild | undefined;
  public previous(data: object): unknown {
    const value = this.previousByData.get(data);
    return value === undefined && 'ids' in data ? NO_MESSAGES : value;
  }

  public stats(): EntityStoreStats {
    let roles = 0;
    let members = 0;
    for (const guild of this.guildMap.values()) {
      roles += guild.roles.size;
      members += guild.members.size;
    }
    return { guilds: this.guildMap.size, channels: this.channelMap.size, roles, members, users: this.userMap.size, messages: this.messageTable.size };
  }

  public clear(): void {
    this.guildMap.clear();
    this.lastGuild = undefined;
    this.channelMap.clear();
    this.userTable.clear();
    this.messageTable.clear();
    this.looseChannels.clear();
  }

  /** Updates the store from one dispatch; dispatches it does not model are ignored. */
  public apply(payload: GatewayDispatchPayload): void {
    // By far the most frequent dispatch: ahead of the switch, whose cases compare the type string
    // against a dozen others first.
    if (payload.t === Events.MessageCreate) {
      if (this.enabled) this.messageCreate(payload.d);
      return;
    }
    if (payload.t === Events.Ready) {
      this.selfUser = toUser(payload.d.user);
      if (this.limits.users > 0) {
        this.userTable.set(payload.d.user);
        this.userTable.pin(payload.d.user.id);
      }
      if (this.guildMap.size > 0) this.dropGuildsLeftBetweenSessions(payload.d.guilds, payload.d.shard);
      for (const guild of payload.d.guilds) this.ensureGuild(guild.id as Snowflake).unavailable = true;
      return;
    }
    if (!this.enabled) {
      if (payload.t === Events.UserUpdate && this.selfUser !== undefined) patchUser(this.selfUser, payload.d);
      return;
    }
    switch (payload.t) {
      case Events.GuildCreate:
        this.guildCreate(payload.d);
        return;
      case Events.GuildUpdate: {
        const guild = this.guildMap.get(payload.d.id as Snowflake);
        if (guild !== undefined) this.guildUpdate(guild, payload.d);
        return;
      }
      case Events.GuildDelete:
        if (payload.d.unavailable === true) {
          const guild = this.guildMap.get(payload.d.id as Snowflake);
          if (guild !== undefined) guild.unavailable = true;
        } else {
          this.remember(payload.d, this.guildMap.get(payload.d.id as Snowflake));
          this.removeGuild(payload.d.id as Snowflake);
        }
        return;
      case Events.GuildRoleCreate:
      case Events.GuildRoleUpdate: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        // setRole updates the cached role in place: keep a copy of how it was.
        const before = guild.roles.get(payload.d.role.id as Snowflake);
        if (before !== undefined) this.remember(payload.d, { ...before });
        this.setRole(guild, payload.d.role);
        return;
      }
      case Events.GuildRoleDelete: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        this.remember(payload.d, guild.roles.get(payload.d.role_id as Snowflake));
        this.removeRole(guild, payload.d.role_id);
        return;
      }
      case Events.ChannelCreate:
      case Events.ChannelUpdate:
      case Events.ThreadCreate:
      case Events.ThreadUpdate:
        // setChannel replaces the object: the cached one is how the channel was.
        this.remember(payload.d, this.channelMap.get(payload.d.id as Snowflake));
        this.setChannel(payload.d, null);
        return;
      case Events.ChannelDelete:
        this.remember(payload.d, this.channelMap.get(payload.d.id as Snowflake));
        this.removeChannel(payload.d.id as Snowflake);
        // Discord deletes a channel's threads with it, without a THREAD_DELETE for each.
        this.removeThreads((payload.d as { guild_id?: string }).guild_id, (thread) => thread.parentId === payload.d.id);
        return;
      case Events.ThreadDelete:
        this.remember(payload.d, this.channelMap.get(payload.d.id as Snowflake));
        this.removeChannel(payload.d.id as Snowflake);
        return;
      case Events.ThreadListSync: {
        // The listed threads are every active thread of these parents (of the whole guild without
        // channel_ids): cached threads of them that are not listed are gone.
        const parents = payload.d.channel_ids === undefined ? undefined : new Set<string>(payload.d.channel_ids);
        const listed = new Set<string>(payload.d.threads.map((thread) => thread.id));
        this.removeThreads(payload.d.guild_id, (thread) => !listed.has(thread.id) && (parents === undefined || (thread.parentId !== null && parents.has(thread.parentId))));
        for (const thread of payload.d.threads) this.setChannel(thread, payload.d.guild_id as Snowflake);
        return;
      }
      case Events.GuildMemberAdd: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        guild.memberCount++;
        this.setMember(guild, payload.d);
        return;
      }
      case Events.GuildMemberUpdate: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        // A member view is a snapshot: later writes do not change it.
        this.remember(payload.d, guild.members.get(payload.d.user.id as Snowflake));
        // Only what changed may be sent: what the payload leaves out stays as cached.
        this.setMember(guild, payload.d, true);
        return;
      }
      case Events.GuildMemberRemove: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        guild.memberCount = Math.max(0, guild.memberCount - 1);
        this.remember(payload.d, guild.members.get(payload.d.user.id as Snowflake));
        guild.memberTable.delete(payload.d.user.id);
        return;
      }
      case Events.GuildMembersChunk: {
        const guild = this.guildMap.get(payload.d.guild_id as Snowflake);
        if (guild === undefined) return;
        guild.memberTable.reserve(payload.d.members.length);
        for (const member of payload.d.members) this.setMember(guild, member);
        return;
      }
      case Events.MessageUpdate: {
        // Typed as a full message, but an embed unfurl carries only id, channel and embeds.
        this.remember(payload.d, this.messageTable.patch(payload.d.channel_id, payload.d.id, payload.d as MessagePatch));
        return;
      }
      case Events.MessageDelete:
        this.remember(payload.d, this.deleteMessage(payload.d.channel_id, payload.d.id));
        return;
      case Events.MessageDeleteBulk: {
        if (this.messageTable.countIn(payload.d.channel_id) === 0) return;
        const deleted: CachedMessage[] = [];
        for (const id of payload.d.ids) {
          const message = this.deleteMessage(payload.d.channel_id, id);
          if (message !== undefined) deleted.push(message);
        }
        if (deleted.length > 0) this.remember(payload.d, Object.freeze(deleted));
        return;
      }
      case Events.UserUpdate:
        if (this.selfUser !== undefined) patchUser(this.selfUser, payload.d);
        this.userTable.patch(payload.d);
        return;
      case Events.PresenceUpdate:
        // Presences carry a partial user; a changed name or avatar comes with it.
        this.userTable.patch(payload.d.user);
        return;
      default:
        return;
    }
  }

  private messageCreate(message: GatewayMessageCreateDispatchData): void {
    const guildId = message.guild_id;
    let guild = this.lastGuild;
    if (guildId === undefined) guild = undefined;
    else if (guild === undefined || guild.id !== guildId) {
      guild = this.guildMap.get(guildId as Snowflake);
      if (guild !== undefined) this.lastGuild = guild;
    }
    // The author's id is read once, for the member, user and message writes.
    if (!this.authorKeys.parse(message.author.id)) {
      // Nothing of such an author is cached (Discord sends none), but the message still counts as
      // activity in its channel.
      this.claimMessageChannel(message.channel_id as Snowflake, guild);
      return;
    }
    const authorHi = parsedKey.hi;
    const authorLo = parsedKey.lo;
    const member = message.member;
    let memberAdded = false;
    if (guild !== undefined && member !== undefined && this.limits.members > 0) {
      // Most messages come from members already cached: refresh nick and roles in place, which
      // keeps their place in the eviction order, as the object cache did.
      if (!guild.memberTable.patchNickAndRolesKey(authorHi, authorLo, member.nick, member.roles, guild.resolveRole)) {
        memberAdded = guild.memberTable.set(message.author.id, member, guild.resolveRole);
      }
    }
    // Before the author's row is taken: a DM channel pushed out takes its messages, and may
    // drop users and move user rows.
    const keep = this.claimMessageChannel(message.channel_id as Snowflake, guild);
    // After the member write: an eviction there may drop users and move user rows.
    const authorRow = this.limits.users > 0 ? this.userTable.setRowKey(authorHi, authorLo, message.author) : -1;
    if (memberAdded) this.userTable.retainRow(authorRow);
    if (keep && this.limits.messages > 0) {
      this.addingAuthorRow = authorRow;
      this.messageTable.addByAuthor(message, authorHi, authorLo);
    }
  }

  private ensureGuild(id: Snowflake): StoredGuild {
    const existing = this.guildMap.get(id);
    if (existing !== undefined) return existing;
    const roles = new BoundedMap<Snowflake, CachedRole>(this.limits.roles);
    const memberTable = new MemberTable(this.limits.members, 0, this.releaseMember);
    const guild = {
      id,
      name: '',
      icon: null,
      ownerId: null,
      memberCount: 0,
      unavailable: true,
      large: false,
      joinedAt: null,
      roles,
      members: new TableMap(memberTable),
      channelIds: new Set(),
    } as Omit<StoredGuild, 'memberTable' | 'resolveRole'> as StoredGuild;
    // The store's own handles stay out of what readers enumerate: logging or serialising a guild
    // would otherwise dump the whole member table.
    Object.defineProperties(guild, {
      memberTable: { value: memberTable, enumerable: false },
      resolveRole: { value: (roleId: string) => roles.get(roleId as Snowflake)?.id ?? (roleId as Snowflake), enumerable: false },
    });
    if (this.limits.guilds > 0) this.guildMap.set(id, guild);
    return guild;
  }

  /**
   * READY lists every guild of its shard: a cached guild of that shard it does not list was left
   * (or deleted) while no session was open, and no GUILD_DELETE will come for it.
   */
  private dropGuildsLeftBetweenSessions(listed: readonly { readonly id: string }[], shard: readonly [number, number] | undefined): void {
    const [shardId, shardCount] = shard ?? [0, 1];
    const ids = new Set<string>();
    for (const guild of listed) ids.add(guild.id);
    for (const id of [...this.guildMap.keys()]) {
      if (ids.has(id)) continue;
      // Discord's routing: shard_id = (guild_id >> 22) % num_shards.
      if (shardCount > 1 && (!/^\d{1,20}$/.test(id) || Number((BigInt(id) >> 22n) % BigInt(shardCount)) !== shardId)) continue;
      this.removeGuild(id);
    }
  }

  private guildCreate(data: GatewayGuildCreateDispatchData): void {
    if (this.limits.guilds === 0) return;
    if (data.unavailable === true) {
      this.ensureGuild(data.id as Snowflake).unavailable = true;
      return;
    }
    const guild = this.ensureGuild(data.id as Snowflake);
    guild.name = data.name;
    guild.icon = data.icon;
    guild.ownerId = data.owner_id as Snowflake;
    guild.memberCount = data.member_count;
    guild.unavailable = false;
    guild.large = data.large;
    guild.joinedAt = toTime(data.joined_at);
    // After an outage this is the guild's whole state again: what is not listed was deleted meanwhile.
    this.syncRoles(guild, data.roles);
    this.dropChannelsNotIn(guild, data.channels, data.threads);
    for (const channel of data.channels) this.setChannel(channel, guild.id);
    for (const thread of data.threads) this.setChannel(thread, guild.id);
    const selfId = this.selfUser?.id;
    // Size the member table once for the whole list rather than doubling through it.
    // A GUILD_CREATE after an outage mostly rewrites members already there, in place.
    if (this.limits.memberLists) guild.memberTable.reserve(Math.max(0, data.members.length - guild.memberTable.size));
    for (const member of data.members) {
      if (this.limits.memberLists || member.user?.id === selfId) this.setMember(guild, member);
    }
  }

  private guildUpdate(guild: StoredGuild, data: Partial<APIGuild>): void {
    // Typed as a whole guild, but a payload without a field (roles above all) must not throw in
    // the dispatch path or wipe what is cached.
    if (data.name !== undefined) guild.name = data.name;
    if (data.icon !== undefined) guild.icon = data.icon;
    if (data.owner_id !== undefined) guild.ownerId = data.owner_id as Snowflake;
    if (data.roles !== undefined) this.syncRoles(guild, data.roles);
  }

  /** Caches `roles` as the guild's whole role list: cached roles not in it are deleted. */
  private syncRoles(guild: StoredGuild, roles: readonly APIRole[]): void {
    if (guild.roles.size > 0) {
      const listed = new Set<string>();
      for (const role of roles) listed.add(role.id);
      for (const id of [...guild.roles.keys()]) if (!listed.has(id)) this.removeRole(guild, id);
    }
    for (const role of roles) this.setRole(guild, role);
  }

  private removeRole(guild: StoredGuild, roleId: string): void {
    guild.roles.delete(roleId as Snowflake);
    guild.memberTable.removeRole(roleId);
  }

  private dropChannelsNotIn(guild: StoredGuild, channels: readonly APIChannel[], threads: readonly APIChannel[]): void {
    if (guild.channelIds.size === 0) return;
    const listed = new Set<string>();
    for (const channel of channels) listed.add(channel.id);
    for (const thread of threads) listed.add(thread.id);
    for (const id of [...guild.channelIds]) if (!listed.has(id)) this.removeChannel(id);
  }

  private removeGuild(id: Snowflake): void {
    const guild = this.guildMap.get(id);
    if (guild === undefined) return;
    this.guildMap.delete(id);
    this.dropGuildData(guild);
  }

  /** Drops what hangs off a guild that left the cache (a leave, or evicted by the guilds limit). */
  private dropGuildData(guild: StoredGuild): void {
    if (this.lastGuild === guild) this.lastGuild = undefined;
    for (const channelId of guild.channelIds) {
      this.channelMap.delete(channelId);
      this.dropMessages(channelId);
    }
    // Messages of the guild's channels the channel cache did not hold (channels off, or evicted), or
    // that were stored while the guild was not cached: such a channel's object goes too, since
    // dropping its messages takes it off the dmChannels list that would otherwise bound it.
    for (const channelId of this.messageTable.channelIds()) {
      if (this.messageTable.guildOf(channelId) === guild.id) {
        this.dropMessages(channelId);
        if (this.channelMap.get(channelId)?.guildId === guild.id) this.channelMap.delete(channelId);
      }
    }
    const members = guild.memberTable;
    for (let row = 0; row < members.end; row++) if (members.isLive(row)) this.userTable.releaseKey(members.hiAt(row), members.loAt(row));
  }

  private setRole(guild: StoredGuild, role: APIRole): void {
    if (this.limits.roles === 0) return;
    const existing = guild.roles.get(role.id as Snowflake);
    if (existing === undefined) {
      guild.roles.set(role.id as Snowflake, toRole(role));
      return;
    }
    existing.name = role.name;
    existing.color = role.color;
    existing.position = role.position;
    existing.permissions = role.permissions;
    existing.hoist = role.hoist;
    existing.managed = role.managed;
    existing.mentionable = role.mentionable;
  }

  /**
   * A channel a cached guild owns goes with that guild; any other (a DM, or one of a guild the
   * cache does not hold: `guilds: false`, or evicted) has no event that would ever drop it, so it
   * becomes the most recently active of the `dmChannels`, which may push the least recent out.
   */
  private setChannel(channel: APIChannel, guildId: Snowflake | null): void {
    if (this.limits.channels === 0) return;
    const cached = toChannel(channel, guildId);
    const guild = cached.guildId === null ? undefined : this.guildMap.get(cached.guildId);
    if (guild === undefined) {
      if (this.limits.dmChannels === 0) return;
      this.looseChannels.set(cached.id, true);
    } else if (this.looseChannels.size > 0) {
      this.looseChannels.delete(cached.id);
    }
    this.channelMap.set(cached.id, cached);
    guild?.channelIds.add(cached.id);
  }

  private removeChannel(id: Snowflake): void {
    const channel = this.channelMap.get(id);
    this.channelMap.delete(id);
    this.dropMessages(id);
    if (channel?.guildId != null) this.guildMap.get(channel.guildId)?.channelIds.delete(id);
  }

  /** Removes the cached threads of a guild that `match` selects. */
  private removeThreads(guildId: string | undefined, match: (thread: CachedChannel) => boolean): void {
    const guild = guildId === undefined ? undefined : this.guildMap.get(guildId as Snowflake);
    if (guild === undefined) return;
    for (const id of [...guild.channelIds]) {
      const channel = this.channelMap.get(id);
      if (channel !== undefined && isThread(channel.type) && match(channel)) this.removeChannel(id);
    }
  }

  private setMember(guild: StoredGuild, member: MemberPayload & { readonly user?: APIUser | undefined }, partial = false): void {
    if (member.user === undefined) return;
    const added = this.limits.members > 0 && guild.memberTable.set(member.user.id, member, guild.resolveRole, partial) && guild.memberTable.lastSetAdded;
    // After the member write, whose eviction may drop users and move user rows.
    if (this.limits.users > 0) {
      const row = this.userTable.setRow(member.user);
      if (added) this.userTable.retainRow(row);
    }
  }

  private deleteMessage(channelId: string, id: string): CachedMessage | undefined {
    return this.messageTable.remove(channelId, id);
  }

  private remember(data: object, before: unknown): void {
    if (before !== undefined) this.previousByData.set(data, before);
  }

  /**
   * Whether a message of this channel may be cached. A channel no cached guild owns (a DM, or a
   * guild's the cache does not hold) becomes the most recently active of the `dmChannels`, which
   * may push the least recent one out; one a cached guild owns leaves that list (the guild's
   * removal drops it now).
   */
  private claimMessageChannel(channelId: Snowflake, guild: StoredGuild | undefined): boolean {
    if (guild !== undefined) {
      if (this.looseChannels.size > 0 && this.looseChannels.delete(channelId)) {
        // A channel object stored while its guild was not cached (and not listed by the guild's
        // GUILD_CREATE since) now belongs to the guild, so the guild's removal drops it.
        if (this.channelMap.get(channelId)?.guildId === guild.id) guild.channelIds.add(channelId);
      }
      return true;
    }
    if (this.limits.messages === 0) return true;
    if (this.limits.dmChannels === 0) return false;
    this.looseChannels.set(channelId, true);
    return true;
  }

  /** A channel pushed out by `dmChannels`: its messages go, and its object (no cached guild owns it). */
  private dropLooseChannel(channelId: Snowflake): void {
    this.dropMessages(channelId);
    this.channelMap.delete(channelId);
  }

  private dropMessages(channelId: Snowflake): void {
    if (this.looseChannels.size > 0) this.looseChannels.delete(channelId);
    this.messageTable.dropChannel(channelId);
  }
}
