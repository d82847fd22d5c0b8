import { ChannelType, PermissionFlagsBits, type APIChannel, type APIGuild, type APIGuildMember, type APIUser } from 'discord-api-types/v10';
import { FakeDiscordError } from './fake-discord-error';
import type { FakeDiscord } from './fake-discord';
import { toApiChannel } from './world/stored-channel';

/** What a seed created, for printing and for tests. */
export interface SeededWorld {
  readonly guilds: readonly APIGuild[];
  readonly channels: readonly APIChannel[];
  readonly users: readonly APIUser[];
}

/** Seeds by name: `demo` (a small guild to play in) and `empty` (only the bot). */
export const FAKE_DISCORD_SEEDS = ['demo', 'empty'] as const;
export type FakeDiscordSeed = (typeof FAKE_DISCORD_SEEDS)[number];

/**
 * Fills a fresh fake with a named world. `demo` is a guild "Oven Demo" with #general,
 * #bot-commands and a Moderators role, users alice (moderator) and bob, and a welcome message.
 *
 * @example
 * ```ts
 * const discord = await FakeDiscord.start({ port: 0 });
 * const { guilds } = seedWorld(discord, 'demo');
 * ```
 */
export function seedWorld(discord: FakeDiscord, seed: string): SeededWorld {
  if (seed === 'empty') return { guilds: [], channels: [], users: [] };
  if (seed !== 'demo') {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_CONFIG', `Unknown seed "${seed}"; known seeds: ${FAKE_DISCORD_SEEDS.join(', ')}.`);
  }
  const alice = discord.createUser({ username: 'alice', globalName: 'Alice' });
  const bob = discord.createUser({ username: 'bob', globalName: 'Bob' });
  const guild = discord.createGuild({ name: 'Oven Demo', ownerId: alice.id });
  const moderators = discord.createRole(guild.id, { name: 'Moderators', permissions: PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers, hoist: true });
  discord.addMember(guild.id, bob.id);
  // The owner joined with the guild; promote them.
  const owner = discord.world.requireGuild(guild.id).members.get(alice.id) as APIGuildMember;
  discord.world.updateMember(guild.id, owner, { roles: [moderators.id] });
  const general = discord.world.requireChannel(guild.system_channel_id as string);
  const commands = discord.createChannel(guild.id, { name: 'bot-commands', type: ChannelType.GuildText, topic: 'Try the bot here' });
  discord.postMessage(general.id, alice.id, 'Welcome to the Oven demo guild!');
  return { guilds: [discord.world.guildView(discord.world.requireGuild(guild.id))], channels: [toApiChannel(general), commands], users: [alice, bob] };
}
