import { Module, type AsyncModuleOptions, type DynamicModule } from '../di';
import { Cache } from './cache';
import { CacheLifecycle } from './cache-lifecycle';
import { CACHE_OPTIONS, type CacheModuleOptions } from './cache-options.token';

function createCache(options: CacheModuleOptions): Cache {
  return new Cache(options);
}

/**
 * Provides one {@link Cache} to every module (it is global). `app.init()` subscribes to sync and
 * warms `warmOnStart` namespaces; `app.close()` flushes write-behind tiers and closes every
 * connection.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [CacheModule.forRoot({ tiers: [new MemoryTier({ maxEntries: 50_000 }), new RedisTier({ url })] })],
 *   providers: [GuildService],
 * })
 * class AppModule {}
 * // in GuildService: constructor(@Inject(Cache) private readonly cache: Cache) {}
 * ```
 */
@Module({})
export class CacheModule {
  /** Configures the Cache with fixed options (tiers included). */
  public static forRoot(options: CacheModuleOptions): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      providers: [
        { provide: CACHE_OPTIONS, useValue: options },
        { provide: Cache, useFactory: createCache, inject: [CACHE_OPTIONS] },
        CacheLifecycle,
      ],
      exports: [Cache, CACHE_OPTIONS],
    };
  }

  /**
   * Configures the Cache from a factory that may inject providers of `imports` (URLs from a config
   * service, say).
   *
   * @example
   * ```ts
   * CacheModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ tiers: [new MemoryTier(), new RedisTier({ url: config.redisUrl })] }),
   * });
   * ```
   */
  public static forRootAsync(options: AsyncModuleOptions<CacheModuleOptions>): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: CACHE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: Cache, useFactory: createCache, inject: [CACHE_OPTIONS] },
        CacheLifecycle,
      ],
      exports: [Cache, CACHE_OPTIONS],
    };
  }
}
