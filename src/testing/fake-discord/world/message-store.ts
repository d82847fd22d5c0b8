import type { APIEmoji, APIMessage, APIReaction } from 'discord-api-types/v10';
import type { UploadedFile } from './uploaded-file';

/** Pagination of `GET /channels/{id}/messages`: at most one of before/after/around. */
export interface MessageQuery {
  readonly before?: string;
  readonly after?: string;
  readonly around?: string;
  readonly limit: number;
}

interface ReactionEntry {
  readonly emoji: APIEmoji;
  readonly users: Set<string>;
}

/** Snowflakes of equal length compare as strings; shorter ones are older. */
function compareIds(a: string, b: string): number {
  return a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
}

/**
 * Messages per channel in id order (ids grow with time, so appends keep the order), with an id
 * index for O(1) lookups, the uploaded bytes of each message, and who reacted with what.
 */
export class MessageStore {
  private readonly byChannel = new Map<string, APIMessage[]>();
  private readonly byId = new Map<string, APIMessage>();
  private readonly filesByMessage = new Map<string, UploadedFile[]>();
  private readonly reactions = new Map<string, Map<string, ReactionEntry>>();

  public add(message: APIMessage, files: UploadedFile[]): void {
    let list = this.byChannel.get(message.channel_id);
    if (list === undefined) {
      list = [];
      this.byChannel.set(message.channel_id, list);
    }
    list.push(message);
    this.byId.set(message.id, message);
    if (files.length > 0) this.filesByMessage.set(message.id, files);
  }

  public get(channelId: string, messageId: string): APIMessage | undefined {
    const message = this.byId.get(messageId);
    return message !== undefined && message.channel_id === channelId ? message : undefined;
  }

  public findById(messageId: string): APIMessage | undefined {
    return this.byId.get(messageId);
  }

  public all(channelId: string): readonly APIMessage[] {
    return this.byChannel.get(channelId) ?? [];
  }

  /** Every stored message, channel by channel, oldest first within a channel. */
  public *everything(): IterableIterator<APIMessage> {
    for (const list of this.byChannel.values()) yield* list;
  }

  public files(messageId: string): readonly UploadedFile[] {
    return this.filesByMessage.get(messageId) ?? [];
  }

  public setFiles(messageId: string, files: UploadedFile[]): void {
    this.filesByMessage.set(messageId, files);
  }

  /** Newest first, as Discord returns them. */
  public list(channelId: string, query: MessageQuery): APIMessage[] {
    const list = this.byChannel.get(channelId) ?? [];
    const { limit } = query;
    if (query.around !== undefined) {
      const around = query.around;
      const index = list.findIndex((m) => compareIds(m.id, around) >= 0);
      const center = index === -1 ? list.length : index;
      const start = Math.max(0, center - Math.floor(limit / 2));
      return list.slice(start, start + limit).reverse();
    }
    if (query.after !== undefined) {
      const after = query.after;
      const newer = list.filter((m) => compareIds(m.id, after) > 0);
      return newer.slice(0, limit).reverse();
    }
    if (query.before !== undefined) {
      const before = query.before;
      const older = list.filter((m) => compareIds(m.id, before) < 0);
      return older.slice(Math.max(0, older.length - limit)).reverse();
    }
    return list.slice(Math.max(0, list.length - limit)).reverse();
  }

  public remove(channelId: string, messageId: string): boolean {
    const list = this.byChannel.get(channelId);
    const message = this.byId.get(messageId);
    if (list === undefined || message === undefined || message.channel_id !== channelId) return false;
    list.splice(list.indexOf(message), 1);
    this.byId.delete(messageId);
    this.filesByMessage.delete(messageId);
    this.reactions.delete(messageId);
    return true;
  }

  public removeChannel(channelId: string): void {
    for (const message of this.byChannel.get(channelId) ?? []) {
      this.byId.delete(message.id);
      this.filesByMessage.delete(message.id);
      this.reactions.delete(message.id);
    }
    this.byChannel.delete(channelId);
  }

  /** Adds a reaction; false when that user already reacted with that emoji. */
  public react(message: APIMessage, emoji: APIEmoji, userId: string, botId: string): boolean {
    let perMessage = this.reactions.get(message.id);
    if (perMessage === undefined) {
      perMessage = new Map();
      this.reactions.set(message.id, perMessage);
    }
    const key = emojiKey(emoji);
    let entry = perMessage.get(key);
    if (entry === undefined) {
      entry = { emoji, users: new Set() };
      perMessage.set(key, entry);
    }
    if (entry.users.has(userId)) return false;
    entry.users.add(userId);
    this.materialize(message, botId);
    return true;
  }

  /** Removes reactions: one user's, every user's for one emoji (`userId` undefined), or all. */
  public unreact(message: APIMessage, botId: string, emoji?: APIEmoji, userId?: string): boolean {
    const perMessage = this.reactions.get(message.id);
    if (perMessage === undefined) return false;
    let changed = false;
    if (emoji === undefined) {
      changed = perMessage.size > 0;
      perMessage.clear();
    } else {
      const key = emojiKey(emoji);
      const entry = perMessage.get(key);
      if (entry !== undefined) {
        if (userId === undefined) {
          perMessage.delete(key);
          changed = true;
        } else {
          changed = entry.users.delete(userId);
          if (entry.users.size === 0) perMessage.delete(key);
        }
      }
    }
    this.materialize(message, botId);
    return changed;
  }

  public reactors(messageId: string, emoji: APIEmoji): string[] {
    return [...(this.reactions.get(messageId)?.get(emojiKey(emoji))?.users ?? [])];
  }

  public distinctEmojiCount(messageId: string): number {
    return this.reactions.get(messageId)?.size ?? 0;
  }

  /** Keeps `message.reactions` in step so reads need no work. */
  private materialize(message: APIMessage, botId: string): void {
    const perMessage = this.reactions.get(message.id);
    const list: APIReaction[] = [];
    for (const entry of perMessage?.values() ?? []) {
      list.push({
        emoji: entry.emoji,
        count: entry.users.size,
        count_details: { burst: 0, normal: entry.users.size },
        burst_colors: [],
        me: entry.users.has(botId),
        me_burst: false,
      });
    }
    if (list.length === 0) delete message.reactions;
    else message.reactions = list;
  }
}

/** Custom emojis are keyed by id (names can change), unicode ones by the character itself. */
export function emojiKey(emoji: APIEmoji): string {
  return emoji.id ?? emoji.name ?? '';
}
