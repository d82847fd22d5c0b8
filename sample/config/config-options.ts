import { InjectionToken } from '../../src';

/** What the bot is configured with; in a real deployment it comes from the environment. */
export interface BotConfig {
  botName: string;
  greeting: string;
}

export const BOT_CONFIG = new InjectionToken<BotConfig>('BOT_CONFIG');
