/**
 * Where the bot connects. `npm start` fills it from an embedded fake Discord; set DISCORD_TOKEN
 * (and DISCORD_API_URL for a proxy) to point the same bot elsewhere.
 */
export interface BotConnection {
  readonly token: string;
  /** REST base without the version, e.g. `http://127.0.0.1:PORT/api`. */
  readonly restUrl?: string;
  /** Register commands in this guild only (instant updates while developing). */
  readonly devGuildId?: string;
}
