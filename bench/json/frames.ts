import type { APIChatInputApplicationCommandInteraction, GatewayPresenceUpdateDispatchData } from 'discord-api-types/v10';
import { guildCreateJson, messagePayload } from '../gateway/payloads';

const GUILD = '1300000000000000001';
const CHANNEL = '1300000000000000002';

/** A dispatch frame's bytes, as a shard reads them from the socket. */
function frame(t: string, s: number, d: unknown): Buffer {
  return Buffer.from(`{"t":"${t}","s":${s},"op":0,"d":${typeof d === 'string' ? d : JSON.stringify(d)}}`);
}

function snowflake(n: number): string {
  return (1_310_000_000_000_000_000n + BigInt(n) * 4_194_304n).toString();
}

/** `count` MESSAGE_CREATE frames from 50 authors, each with its own id and nonce. */
export function messageFrames(count: number, emoji: boolean): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const author = { id: snowflake(1000 + (i % 50)), username: `baker_${i % 50}`, globalName: emoji ? `Bäcker ${i % 50} 🍞` : `Baker ${i % 50}` };
    const d = messagePayload(GUILD, CHANNEL, author) as unknown as Record<string, unknown>;
    d.id = snowflake(100_000 + i);
    d.nonce = snowflake(200_000 + i);
    if (emoji) d.content = `Mine came out flat 😭🍞 again — ${i} tries. パンは難しい! "steam" helps?`;
    return frame('MESSAGE_CREATE', i + 2, d);
  });
}

/**
 * `count` PRESENCE_UPDATE frames: status changes from several clients, with no activity, a game, a
 * custom status, or both, in a scrambled order as a busy guild sends them (so the shapes at
 * `client_status` and in `activities` rarely repeat twice in a row).
 */
export function presenceFrames(count: number): Buffer[] {
  const statuses = ['online', 'idle', 'dnd'] as const;
  return Array.from({ length: count }, (_, i) => {
    const status = statuses[i % 3] as 'online';
    const mix = (i * 7919) % 16;
    const clients = [{ desktop: status }, { mobile: status }, { web: status }, { desktop: status, mobile: status }][mix % 4];
    const game = { type: 0, name: 'Kneading Simulator', id: 'ec0b28a579ecb4bd', created_at: 1_764_000_000_000 + i, timestamps: { start: 1_764_000_000_000 } };
    const custom = { type: 4, name: 'Custom Status', state: 'proofing 🍞', id: 'custom', created_at: 1_764_000_000_000 + i, emoji: { name: '🍞' } };
    const activities = [[], [game], [custom], [custom, game]][(mix >> 2) % 4];
    const d = { user: { id: snowflake(1000 + (i % 50)) }, status, guild_id: GUILD, client_status: clients, activities } as unknown as GatewayPresenceUpdateDispatchData;
    return frame('PRESENCE_UPDATE', i + 2, d);
  });
}

/** `count` INTERACTION_CREATE frames: a slash command with two options run by a guild member. */
export function interactionFrames(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const user = { id: snowflake(1000 + (i % 50)), username: `baker_${i % 50}`, global_name: `Baker ${i % 50}`, avatar: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', discriminator: '0', public_flags: 0, avatar_decoration_data: null, clan: null };
    const d = {
      id: snowflake(300_000 + i),
      application_id: snowflake(7),
      type: 2,
      data: { id: snowflake(8), name: 'bake', type: 1, options: [{ name: 'bread', type: 3, value: 'sourdough' }, { name: 'loaves', type: 4, value: 1 + (i % 6) }] },
      guild_id: GUILD,
      guild: { id: GUILD, locale: 'en-US', features: [] },
      channel_id: CHANNEL,
      channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'bread-talk', position: 1, flags: 0, parent_id: null, nsfw: false, topic: null, last_message_id: snowflake(100_000 + i), rate_limit_per_user: 0, permissions: '2248473465835073' },
      member: { user, roles: [snowflake(20)], premium_since: null, permissions: '2248473465835073', pending: false, nick: null, mute: false, joined_at: '2025-01-01T00:00:00.000000+00:00', flags: 0, deaf: false, communication_disabled_until: null, banner: null, avatar: null },
      token: `aW50ZXJhY3Rpb246${snowflake(300_000 + i)}:7HEWH2Y8thP9vOmfcSUIddGkdtX2iJRhxhkEGzAf28_lRb2RTyNs3wqNh0s6XzE8cLhG1g5WfV2mVbYQZ`,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD },
      context: 0,
      attachment_size_limit: 10_485_760,
    } as unknown as APIChatInputApplicationCommandInteraction;
    return frame('INTERACTION_CREATE', i + 2, d);
  });
}

/** GUILD_CREATE frames of the gateway bench's large guild (members, channels, roles). */
export function guildCreateFrames(count: number, members: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => frame('GUILD_CREATE', i + 2, guildCreateJson(i + 1, members, 50, 30)));
}

/**
 * One shard's stream: mostly messages and presences, some interactions and emoji messages, and a
 * GUILD_CREATE now and then (a guild joined or back from an outage).
 */
export function mixedFrames(): Buffer[] {
  const messages = messageFrames(200, false);
  const emoji = messageFrames(50, true);
  const presences = presenceFrames(150);
  const interactions = interactionFrames(50);
  const guilds = guildCreateFrames(2, 200);
  const frames: Buffer[] = [];
  for (let i = 0; i < 50; i++) {
    frames.push(...messages.slice(i * 4, i * 4 + 4), ...presences.slice(i * 3, i * 3 + 3), emoji[i] as Buffer, interactions[i] as Buffer);
    if (i % 25 === 0) frames.push(guilds[i / 25] as Buffer);
  }
  return frames;
}
