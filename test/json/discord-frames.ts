import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  GatewayDispatchEvents,
  PresenceUpdateStatus,
  type APIApplicationCommand,
  type GatewayPresenceUpdateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { guildCreateJson, messagePayload } from '../../bench/gateway/payloads';
import { InteractionFactory } from '../../src/testing/fake-discord/world/interaction-factory';
import { UserActions } from '../../src/testing/fake-discord/world/user-actions';
import type { WorldDispatch } from '../../src/testing/fake-discord/world-events';
import { World } from '../../src/testing/fake-discord/world/world';
import { seededRandom } from '../support/seeded-random';

/** One gateway dispatch frame's text, as a shard receives it, and its event name. */
export interface DiscordFrame {
  readonly t: string;
  readonly text: string;
}

/**
 * Dispatch frames with Discord's real shapes, made by the fake Discord's world (READY as its
 * gateway builds it, GUILD_CREATE, MESSAGE_CREATE/UPDATE, reactions, INTERACTION_CREATE) plus
 * PRESENCE_UPDATE (which the fake never sends) and the gateway bench's payloads, in a seeded
 * interleaving with `s` counting up, as one shard's stream.
 */
export function discordFrames(seed: number, count: number): DiscordFrame[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const world = new World();
  const dispatches: WorldDispatch[] = [];
  world.on('dispatch', (dispatch: WorldDispatch) => dispatches.push(dispatch));
  const guild = world.createGuild({ name: 'Bakers' });
  const channel = world.createChannel(guild.id, { name: 'bread-talk' });
  const users = ['alice', 'bob', 'chloé', '李雷', 'dmitri'].map((username, i) => world.createUser({ username, globalName: i % 2 === 0 ? `${username} 🍞` : null }));
  for (const user of users) world.addMember(guild.id, user.id);
  const command = {
    id: world.ids.next(),
    application_id: world.applicationId,
    name: 'bake',
    description: 'Bake a loaf',
    type: ApplicationCommandType.ChatInput,
    version: world.ids.next(),
    default_member_permissions: null,
    options: [
      { type: ApplicationCommandOptionType.String, name: 'bread', description: 'Which bread', required: true },
      { type: ApplicationCommandOptionType.Integer, name: 'loaves', description: 'How many' },
    ],
  } as APIApplicationCommand;
  world.commands.set(command);
  const actions = new UserActions(world);
  const interactions = new InteractionFactory(world);
  const contents = [
    'Has anyone tried the new sourdough recipe from the pinned post?',
    'Mine came out flat 😭🍞 — any tips? "steam" helps\nthey say',
    '日本語のパンはふわふわです',
    `<@${world.botUser.id}> how long do I proof it?`,
    'ok',
    'tab\tand backslash \\ and quote " and slash /',
  ];

  const ready: GatewayReadyDispatchData = {
    v: 10,
    user: world.botUser,
    guilds: [{ id: guild.id, unavailable: true }],
    session_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    resume_gateway_url: 'ws://127.0.0.1:4000',
    shard: [0, 1],
    application: { id: world.application.id, flags: world.application.flags, flags_new: String(world.application.flags) },
  };
  const frames: Array<{ t: string; d: unknown } | { t: string; json: string }> = [{ t: GatewayDispatchEvents.Ready, d: ready }];
  frames.push({ t: GatewayDispatchEvents.GuildCreate, d: world.guildCreatePayload(guild.id) });
  frames.push({ t: GatewayDispatchEvents.GuildCreate, json: guildCreateJson(1, 50, 12, 8) });
  const messages: string[] = [];
  while (frames.length < count) {
    const roll = random();
    const user = pick(users);
    if (roll < 0.4) {
      const message = actions.post(channel.id, user.id, pick(contents));
      messages.push(message.id);
    } else if (roll < 0.5) {
      frames.push({ t: GatewayDispatchEvents.MessageCreate, d: messagePayload(guild.id, channel.id, { id: user.id, username: user.username, globalName: pick(['Baker', 'Боб', '🍞 fan']) }) });
    } else if (roll < 0.6 && messages.length > 0) {
      actions.edit(pick(messages), pick(contents));
    } else if (roll < 0.7 && messages.length > 0) {
      actions.react(pick(messages), user.id, pick(['✅', '🍞', '👍']), true);
    } else if (roll < 0.85) {
      const options: Record<string, string | number> = { bread: pick(['rye', 'pain de campagne', 'чёрный', '🥖']) };
      if (random() < 0.5) options.loaves = Math.floor(random() * 12);
      interactions.command({ name: 'bake', userId: user.id, channelId: channel.id, options });
    } else {
      frames.push({ t: GatewayDispatchEvents.PresenceUpdate, d: presence(guild.id, user.id, random) });
    }
    for (const dispatch of dispatches.splice(0)) frames.push({ t: dispatch.t, d: dispatch.d });
  }
  return frames.slice(0, count).map((frame, i) => {
    const d = 'json' in frame ? frame.json : JSON.stringify(frame.d);
    return { t: frame.t, text: `{"t":${JSON.stringify(frame.t)},"s":${i + 1},"op":0,"d":${d}}` };
  });
}

function presence(guildId: string, userId: string, random: () => number): GatewayPresenceUpdateDispatchData {
  const status = [PresenceUpdateStatus.Online, PresenceUpdateStatus.Idle, PresenceUpdateStatus.DoNotDisturb][Math.floor(random() * 3)] as PresenceUpdateStatus.Online;
  const playing = random() < 0.6;
  return {
    user: { id: userId },
    guild_id: guildId,
    status,
    activities: playing ? [{ name: 'Kneading Simulator', type: 0, created_at: 1764000000000 + Math.floor(random() * 1e6), id: 'ec0b28a579ecb4bd' }] : [],
    client_status: random() < 0.5 ? { desktop: status } : { mobile: status, web: status },
  } as GatewayPresenceUpdateDispatchData;
}
