import { RestClient } from '../../src/rest';
import { FakeDiscord, type FakeDiscordOptions } from '../../src/testing';

/** A fake Discord with a RestClient pointed at it; `close()` closes both. */
export interface FakeDiscordRest {
  readonly discord: FakeDiscord;
  readonly rest: RestClient;
  close(): Promise<void>;
}

/**
 * Starts a fake Discord (rate limits off unless `options` says otherwise) and a RestClient for it,
 * the setup of every façade integration test.
 */
export async function startFakeDiscordRest(options: FakeDiscordOptions = {}): Promise<FakeDiscordRest> {
  const discord = await FakeDiscord.start({ port: 0, rateLimits: false, ...options });
  const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
  return {
    discord,
    rest,
    close: async () => {
      await rest.close();
      await discord.close();
    },
  };
}
