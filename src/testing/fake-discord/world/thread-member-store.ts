import type { APIThreadMember, ThreadMemberFlags } from 'discord-api-types/v10';

/** One user's membership of one thread, as Discord's thread member object (without `member`). */
export interface StoredThreadMember {
  readonly id: string;
  readonly user_id: string;
  readonly join_timestamp: string;
  readonly flags: ThreadMemberFlags;
}

// Discord stops counting a thread's members at 50 (`member_count` docs).
export const MEMBER_COUNT_CAP = 50;

/** Members of every thread, in join order. */
export class ThreadMemberStore {
  private readonly byThread = new Map<string, Map<string, StoredThreadMember>>();

  /** Adds a user; undefined when they already were a member. */
  public add(threadId: string, userId: string, now = new Date()): StoredThreadMember | undefined {
    let members = this.byThread.get(threadId);
    if (members === undefined) {
      members = new Map();
      this.byThread.set(threadId, members);
    }
    if (members.has(userId)) return undefined;
    const member: StoredThreadMember = { id: threadId, user_id: userId, join_timestamp: now.toISOString(), flags: 0 as ThreadMemberFlags };
    members.set(userId, member);
    return member;
  }

  public remove(threadId: string, userId: string): boolean {
    return this.byThread.get(threadId)?.delete(userId) ?? false;
  }

  public get(threadId: string, userId: string): StoredThreadMember | undefined {
    return this.byThread.get(threadId)?.get(userId);
  }

  public list(threadId: string): StoredThreadMember[] {
    return [...(this.byThread.get(threadId)?.values() ?? [])];
  }

  public count(threadId: string): number {
    return this.byThread.get(threadId)?.size ?? 0;
  }

  public removeThread(threadId: string): void {
    this.byThread.delete(threadId);
  }
}

/** A copy for REST and the gateway. */
export function toApiThreadMember(member: StoredThreadMember): APIThreadMember {
  return { ...member };
}
