import { GatewayIntentBits } from 'discord-api-types/v10';
import {
  CommandsModule,
  Module,
  OvenModule,
  type DynamicModule,
  type OnApplicationListen,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '../src';
import { ConfigModule } from './config/config.module';
import type { BotConnection } from './connection';
import { FunModule } from './fun/fun.module';
import { GreetingModule } from './greeting/greeting.module';
import { lifecycleLog } from './lifecycle-log';
import { StatsModule } from './stats/stats.module';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

/**
 * The root module: configuration, the Discord client, commands, and the features. `forRoot`
 * takes the connection so the same bot runs against the fake Discord or a real one.
 */
@Module({})
export class AppModule implements OnModuleInit, OnApplicationListen, OnApplicationShutdown {
  public static forRoot(connection: BotConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRootAsync({
          useFactory: async () => ({
            botName: process.env['BOT_NAME'] ?? 'OvenBot',
            greeting: process.env['BOT_GREETING'] ?? 'Hello',
          }),
        }),
        OvenModule.forRoot({
          token: connection.token,
          intents: INTENTS,
          ...(connection.restUrl === undefined ? {} : { rest: { baseURL: connection.restUrl } }),
        }),
        CommandsModule.forRoot({
          ...(connection.devGuildId === undefined ? {} : { register: { devGuildId: connection.devGuildId } }),
          log: (line) => lifecycleLog('Commands', line),
        }),
        GreetingModule,
        FunModule,
        StatsModule,
      ],
    };
  }

  public onModuleInit(): void {
    lifecycleLog('AppModule', 'onModuleInit (root module last)');
  }

  public onApplicationListen(): void {
    lifecycleLog('AppModule', 'onApplicationListen (logging in)');
  }

  public onApplicationShutdown(signal?: string): void {
    lifecycleLog('AppModule', `onApplicationShutdown (${signal ?? 'closed by the app'})`);
  }
}
