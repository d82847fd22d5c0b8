import { GatewayIntentBits } from 'discord-api-types/v10';

/** Every intent bit Discord defines; any other bit in Identify closes the socket with 4013. */
export const ALL_INTENTS: number = Object.values(GatewayIntentBits)
  .filter((value): value is number => typeof value === 'number')
  .reduce((mask, bit) => mask | bit, 0);

/** GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT: an application must be allowed to use them. */
export const PRIVILEGED_INTENTS: number =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
