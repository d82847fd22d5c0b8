import { Module, type AsyncModuleOptions, type DynamicModule } from '../../src';
import { BOT_CONFIG, type BotConfig } from './config-options';
import { ConfigService } from './config.service';

/**
 * Configuration, global so that every feature module can inject `ConfigService`.
 * `forRoot` takes the values; `forRootAsync` computes them (from a secrets store, say).
 */
@Module({ providers: [ConfigService], exports: [ConfigService] })
export class ConfigModule {
  public static forRoot(config: BotConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: BOT_CONFIG, useValue: config }] };
  }

  public static forRootAsync(options: AsyncModuleOptions<BotConfig>): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: BOT_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] }],
    };
  }
}
