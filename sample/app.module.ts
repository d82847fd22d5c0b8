import { Module, type OnApplicationListen, type OnApplicationShutdown, type OnModuleInit } from '../src';
import { ConfigModule } from './config/config.module';
import { GreetingModule } from './greeting/greeting.module';
import { lifecycleLog } from './lifecycle-log';

/** The root module: configuration plus the features. The Discord client module goes here too. */
@Module({
  imports: [
    ConfigModule.forRootAsync({
      useFactory: async () => ({
        botName: process.env['BOT_NAME'] ?? 'OvenBot',
        greeting: process.env['BOT_GREETING'] ?? 'Hello',
      }),
    }),
    GreetingModule,
  ],
})
export class AppModule implements OnModuleInit, OnApplicationListen, OnApplicationShutdown {
  public onModuleInit(): void {
    lifecycleLog('AppModule', 'onModuleInit (root module last)');
  }

  public onApplicationListen(): void {
    lifecycleLog('AppModule', 'onApplicationListen');
  }

  public onApplicationShutdown(signal?: string): void {
    lifecycleLog('AppModule', `onApplicationShutdown (${signal ?? 'closed by the app'})`);
  }
}
