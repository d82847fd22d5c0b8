import { OvenFactory, type OvenApplication } from '../src';
import { FakeDiscord, seedWorld, type SeededWorld } from '../src/testing';
import { AppModule } from './app.module';
import type { BotConnection } from './connection';

/** A running sample: the bot, and the fake Discord it talks to unless DISCORD_TOKEN was set. */
export interface RunningSample {
  readonly app: OvenApplication;
  readonly discord: FakeDiscord | undefined;
  readonly world: SeededWorld | undefined;
  /** Closes the bot (shards first), then the fake Discord; `signal` reaches the shutdown hooks. */
  close(signal?: string): Promise<void>;
}

/** Where to run: the environment's Discord, or a fresh embedded fake. */
export interface SampleOptions {
  /** Port of the embedded fake Discord; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Reads DISCORD_TOKEN, DISCORD_API_URL and DEV_GUILD_ID. @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
}

function connectionFromEnv(env: NodeJS.ProcessEnv): BotConnection | undefined {
  const token = env['DISCORD_TOKEN'];
  if (token === undefined || token === '') return undefined;
  return {
    token,
    ...(env['DISCORD_API_URL'] === undefined ? {} : { restUrl: env['DISCORD_API_URL'] }),
    ...(env['DEV_GUILD_ID'] === undefined ? {} : { devGuildId: env['DEV_GUILD_ID'] }),
  };
}

/**
 * Starts the sample bot. Without DISCORD_TOKEN it first starts a fake Discord seeded with the
 * demo guild and registers the commands there, so a fresh clone needs no account, no token and no
 * network.
 */
export async function startSample(options: SampleOptions = {}): Promise<RunningSample> {
  const fromEnv = connectionFromEnv(options.env ?? process.env);
  const discord = fromEnv === undefined ? await FakeDiscord.start({ port: options.port ?? 0 }) : undefined;
  const world = discord === undefined ? undefined : seedWorld(discord, 'demo');
  const connection: BotConnection = fromEnv ?? {
    token: (discord as FakeDiscord).token,
    restUrl: (discord as FakeDiscord).restUrl,
    ...(world?.guilds[0] === undefined ? {} : { devGuildId: world.guilds[0].id }),
  };
  let app: OvenApplication | undefined;
  try {
    app = await OvenFactory.create(AppModule.forRoot(connection));
    await app.listen();
  } catch (error) {
    await app?.close();
    await discord?.close();
    throw error;
  }
  const running = app;
  return {
    app: running,
    discord,
    world,
    close: async (signal?: string) => {
      try {
        await running.close(signal);
      } finally {
        await discord?.close();
      }
    },
  };
}
