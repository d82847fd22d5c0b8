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

/**
 * A fresh fake Discord and RestClient for each test of the calling `describe`, closed after it.
 * Read `discord` and `rest` inside tests: they change with each test.
 */
export function useFakeDiscordRest(options: FakeDiscordOptions = {}): Pick<FakeDiscordRest, 'discord' | 'rest'> {
  let current: FakeDiscordRest | undefined;
  beforeEach(async () => {
    current = await startFakeDiscordRest(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const started = (): FakeDiscordRest => {
    if (current === undefined) throw new Error('useFakeDiscordRest: read discord and rest inside a test, not at describe time');
    return current;
  };
  return {
    get discord() {
      return started().discord;
    },
    get rest() {
      return started().rest;
    },
  };
}
