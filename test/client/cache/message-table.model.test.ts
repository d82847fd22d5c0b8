import type { APIAttachment, APIEmbed } from 'discord-api-types/v10';
import type { CachedMessage } from '../../../src/client';
import { ChannelMessages } from '../../../src/client/cache/channel-messages';
import { parseIsoTime } from '../../../src/client/cache/iso-time';
import { MessageTable, type MessagePayload } from '../../../src/client/cache/message-table';
import type { Snowflake } from '../../../src/snowflake';
import { seededRandom as random } from '../../support/seeded-random';

// Small, mid-size, above 2^53 and near 2^64, so every id shape meets every operation.
const ID_POOL = Array.from({ length: 400 }, (_, i) =>
  i % 4 === 0 ? String(i + 1) : i % 4 === 1 ? String(1_300_000_000_000_000_000n + BigInt(i)) : i % 4 === 2 ? String(9_007_199_254_740_993n + BigInt(i)) : String(18_446_744_073_709_551_615n - BigInt(i)),
);
const CHANNELS = ['11', '12', '13', String(1_300_000_000_000_000_777n), '15'];
const AUTHORS = ['100', '101', String(1_300_000_000_000_000_999n), String(18_446_744_073_709_551_615n)];
const CONTENTS = ['', 'hi', 'a longer message about bread and ovens', 'émoji 🍞 and ünïcode', 'x'.repeat(300)];
const TIMES = ['2024-01-01T00:00:00.000Z', '2025-06-30T12:34:56.789000+00:00'];
const EMBED = { type: 'rich', title: 't' } as APIEmbed;
const ATTACHMENT = { id: '9', filename: 'a.png', size: 1, url: 'u', proxy_url: 'p' } as APIAttachment;

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

const guildOf = (channel: string): Snowflake | null => (channel === '15' ? null : ('80' as Snowflake));

/** The object cache the table replaced: a BoundedMap per channel, oldest first, a repeat moving to the back. */
class ModelCache {
  public readonly channels = new Map<string, Map<string, CachedMessage>>();
  public readonly released: string[] = [];
  public constructor(private readonly limit: number) {}

  public add(m: MessagePayload): void {
    let messages = this.channels.get(m.channel_id);
    if (messages === undefined) this.channels.set(m.channel_id, (messages = new Map()));
    // A repeat (in its channel: Discord's ids are unique, a message never moves) goes to the back.
    messages.delete(m.id);
    if (messages.size >= this.limit) {
      const [oldest, message] = messages.entries().next().value as [string, CachedMessage];
      messages.delete(oldest);
      this.released.push(message.authorId);
    }
    messages.set(m.id, {
      id: m.id as Snowflake,
      channelId: m.channel_id as Snowflake,
      guildId: guildOf(m.channel_id),
      authorId: m.author.id as Snowflake,
      content: m.content,
      type: m.type,
      createdAt: parseIsoTime(m.timestamp),
      editedAt: m.edited_timestamp === null ? null : parseIsoTime(m.edited_timestamp),
      referencedMessageId: (m.message_reference?.message_id as Snowflake | undefined) ?? null,
      attachments: m.attachments,
      embeds: m.embeds,
    });
  }

  public remove(channel: string, id: string): void {
    const messages = this.channels.get(channel);
    const message = messages?.get(id);
    if (message === undefined) return;
    messages!.delete(id);
    this.released.push(message.authorId);
    if (messages!.size === 0) this.channels.delete(channel);
  }
}

describe.each([
  [1, 50, 'random'],
  [2, 3, 'random'],
  [3, 1, 'random'],
  [4, 400, 'random'],
  [5, 50, 'rising'],
  [6, 7, 'rising'],
  [7, 400, 'rising'],
])('MessageTable against a Map-per-channel model (seed %i, %i per channel, %s ids)', (seed, limit, ids) => {
  it('agrees after every one of 5,000 random operations', () => {
    const next = random(seed);
    // Discord's ids rise with time: 'rising' mostly gives a new id above every earlier one (the
    // table's fast path and bisected lookups), sometimes an old one (a repeat, or out of order).
    let rising = 1_300_000_000_000_000_000n;
    const used: string[] = [];
    const pickId = (): string => {
      if (ids === 'random') return pick(next, ID_POOL);
      if (used.length > 0 && next() < 0.4) return pick(next, used);
      rising += BigInt(1 + Math.floor(next() * 1000));
      used.push(rising.toString());
      return rising.toString();
    };
    const released: string[] = [];
    const table = new MessageTable(limit, (hi, lo) => released.push(((BigInt(hi) << 32n) | BigInt(lo)).toString()));
    const model = new ModelCache(limit);
    const views = new Map(CHANNELS.map((channel) => [channel, new ChannelMessages(table, channel)]));
    for (let op = 0; op < 5000; op++) {
      const roll = next();
      const channel = pick(next, CHANNELS);
      const id = pickId();
      if (roll < 0.6) {
        const payload: MessagePayload = {
          id,
          channel_id: channel,
          ...(guildOf(channel) === null ? {} : { guild_id: '80' }),
          author: { id: pick(next, AUTHORS) },
          content: pick(next, CONTENTS),
          type: next() < 0.9 ? 0 : 19,
          timestamp: pick(next, TIMES),
          edited_timestamp: next() < 0.8 ? null : pick(next, TIMES),
          ...(next() < 0.2 ? { message_reference: { message_id: pick(next, ID_POOL) } } : {}),
          attachments: next() < 0.2 ? [ATTACHMENT] : [],
          embeds: next() < 0.2 ? [EMBED] : [],
        };
        model.add(payload);
        table.add(payload);
      } else if (roll < 0.75) {
        const cached = model.channels.get(channel)?.get(id);
        model.remove(channel, id);
        expect(table.remove(channel, id)).toEqual(cached);
      } else if (roll < 0.9) {
        const cached = model.channels.get(channel)?.get(id);
        expect(table.has(channel, id)).toBe(cached !== undefined);
        if (cached !== undefined) {
          const content = next() < 0.5 ? pick(next, CONTENTS) : undefined;
          const embeds = next() < 0.3 ? (next() < 0.5 ? [] : [EMBED]) : undefined;
          const edited = next() < 0.5 ? pick(next, TIMES) : undefined;
          expect(table.patch(channel, id, { content, embeds, edited_timestamp: edited })).toEqual(cached);
          model.channels.get(channel)!.set(id, {
            ...cached,
            ...(content === undefined ? {} : { content }),
            ...(embeds === undefined ? {} : { embeds }),
            ...(edited === undefined ? {} : { editedAt: parseIsoTime(edited) }),
          });
        }
      } else if (roll < 0.93) {
        for (const key of model.channels.get(channel)?.keys() ?? []) model.remove(channel, key);
        table.dropChannel(channel);
      }
      // Views: same entries, same order, same values.
      for (const [channelId, view] of views) {
        const expected = [...(model.channels.get(channelId)?.entries() ?? [])];
        if (view.size !== expected.length || op % 50 === 0) {
          expect([...view.entries()]).toEqual(expected);
          expect(view.size).toBe(expected.length);
        }
      }
      if (released.length !== model.released.length || op % 100 === 0) expect(released).toEqual(model.released);
      expect(table.size).toBe([...model.channels.values()].reduce((sum, messages) => sum + messages.size, 0));
    }
    for (const [channelId, view] of views) expect([...view.entries()]).toEqual([...(model.channels.get(channelId)?.entries() ?? [])]);
    expect(released).toEqual(model.released);
  });
});

describe('MessageTable', () => {
  it('a message whose id or author id is not a snowflake is not cached, and evicts nothing', () => {
    const table = new MessageTable(1, () => undefined);
    const base = { channel_id: '1', content: 'x', type: 0, timestamp: TIMES[0]!, edited_timestamp: null, attachments: [], embeds: [] } as const;
    table.add({ ...base, id: '5', author: { id: '7' } });
    table.add({ ...base, id: 'not-an-id', author: { id: '7' } });
    table.add({ ...base, id: '6', author: { id: '-7' } });
    expect([...new ChannelMessages(table, '1').keys()]).toEqual(['5']);
  });

  it('messages read back are frozen snapshots with frozen lists, and a payload edited later does not reach the cache', () => {
    const table = new MessageTable(5, () => undefined);
    const attachments = [ATTACHMENT];
    table.add({ id: '5', channel_id: '1', author: { id: '7' }, content: 'hi', type: 0, timestamp: TIMES[0]!, edited_timestamp: null, attachments, embeds: [] });
    attachments.push(ATTACHMENT);
    const message = new ChannelMessages(table, '1').get('5' as Snowflake)!;
    expect(Object.isFrozen(message)).toBe(true);
    expect(Object.isFrozen(message.attachments)).toBe(true);
    expect(message.attachments).toHaveLength(1);
  });

  it('keeps every content through many squeezes of the text pool (long, short, multi-byte, edits)', () => {
    const table = new MessageTable(20, () => undefined);
    const expected = new Map<string, string>();
    const next = random(9);
    for (let i = 0; i < 20_000; i++) {
      const channel = String(1 + (i % 7));
      const content = `${'é🍞a'.repeat(Math.floor(next() * 40))}#${i}`;
      table.add({ id: String(1000 + i), channel_id: channel, author: { id: '7' }, content, type: 0, timestamp: TIMES[0]!, edited_timestamp: null, attachments: [], embeds: [] });
      expected.set(String(1000 + i), content);
      if (i % 3 === 0) {
        table.patch(channel, String(1000 + i), { content: `edited ${i}` });
        expected.set(String(1000 + i), `edited ${i}`);
      }
    }
    for (let c = 1; c <= 7; c++) {
      const view = new ChannelMessages(table, String(c));
      expect(view.size).toBe(20);
      for (const [id, message] of view) expect(message.content).toBe(expected.get(id));
    }
  });

  it('an iteration held across writes gives each message still cached once, in order', () => {
    const table = new MessageTable(100, () => undefined);
    const add = (id: number, channel = '1'): void => {
      table.add({ id: String(id), channel_id: channel, author: { id: '7' }, content: `m${id}`, type: 0, timestamp: TIMES[0]!, edited_timestamp: null, attachments: [], embeds: [] });
    };
    for (let id = 1; id <= 60; id++) add(id);
    const view = new ChannelMessages(table, '1');
    const walk = view.keys();
    const seen = [walk.next().value, walk.next().value];
    // Deleting leaves holes, and the adds after them squeeze the ring under the walk.
    for (let id = 3; id <= 50; id += 2) table.remove('1', String(id));
    for (let id = 1000; id < 1100; id++) add(id, id % 2 === 0 ? '2' : '1');
    seen.push(...walk);
    const expected = ['1', '2', ...Array.from({ length: 58 }, (_, i) => String(i + 3)).filter((id) => Number(id) > 50 || Number(id) % 2 === 0)];
    expect(seen).toEqual(expected);
  });
});
