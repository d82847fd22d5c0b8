import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client, OvenModule } from '../../../src/client';
import { Module, OvenFactory, type ModuleMetadata, type OvenApplication } from '../../../src/di';
import { TelemetryModule } from '../../../src/telemetry';
import { FakeDiscord } from '../../../src/testing';
import { RecordingMeter, RecordingTracer } from '../../telemetry/support/recorder';
import { until } from '../../telemetry/support/until';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

/** A bot with TelemetryModule over recording signals, logged in to a fake Discord of its own. */
export interface TelemetryBot {
  readonly discord: FakeDiscord;
  readonly app: OvenApplication;
  readonly client: Client;
  readonly tracer: RecordingTracer;
  readonly meter: RecordingMeter;
  /** Creates a guild with one member and resolves once the bot has the guild in its cache. */
  addGuild(name: string, username: string): Promise<{ guildId: string; channelId: string; userId: string }>;
  /** Closes the app, then the fake. */
  close(): Promise<void>;
}

/**
 * Starts a fake Discord (200 ms heartbeats, so latency is measured early) and a bot of
 * OvenModule, `bot.imports` and TelemetryModule with `bot.providers`, and logs it in.
 * `beforeListen` runs on the app before it logs in (to add listeners).
 */
export async function startTelemetryBot(
  bot: Pick<ModuleMetadata, 'imports' | 'providers'>,
  beforeListen?: (app: OvenApplication) => void,
): Promise<TelemetryBot> {
  const discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 200, identifyIntervalMs: 0 } });
  const tracer = new RecordingTracer();
  const meter = new RecordingMeter();

  @Module({
    imports: [
      OvenModule.forRoot({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } }),
      ...(bot.imports ?? []),
      TelemetryModule.forRoot({ tracer, meter }),
    ],
    providers: bot.providers ?? [],
  })
  class BotModule {}

  let app: OvenApplication | undefined;
  try {
    app = await OvenFactory.create(BotModule);
    beforeListen?.(app);
    await app.listen();
  } catch (error) {
    await app?.close();
    await discord.close();
    throw error;
  }
  const started = app;
  const client = started.get(Client);
  return {
    discord,
    app: started,
    client,
    tracer,
    meter,
    addGuild: async (name, username) => {
      const guild = discord.createGuild({ name });
      const user = discord.createUser({ username });
      discord.addMember(guild.id, user.id);
      await until(() => (client.cache.guilds.get(guild.id as never) === undefined ? undefined : true), 'the guild to reach the bot');
      return { guildId: guild.id, channelId: guild.system_channel_id as string, userId: user.id };
    },
    close: async () => {
      await started.close();
      await discord.close();
    },
  };
}
