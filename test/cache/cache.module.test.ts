import { Inject, Injectable, InjectionToken, Module, OvenFactory } from '../../src/di';
import { Cache, CacheClosedError, CacheModule, MemoryTier } from '../../src/cache';
import { MapByteTier } from './map-byte-tier';

@Injectable()
class GuildNames {
  public constructor(@Inject(Cache) private readonly cache: Cache) {}

  public name(id: string): Promise<string> {
    return this.cache.namespace('guilds').getOrSet(id, () => `guild ${id}`);
  }
}

const REMOTE = new InjectionToken<MapByteTier>('REMOTE');
const seeded = new MapByteTier('seeded');

@Module({ providers: [{ provide: REMOTE, useValue: seeded }], exports: [REMOTE] })
class StorageModule {}

describe('CacheModule', () => {
  it('provides one Cache to every module and closes it with the application', async () => {
    @Module({ imports: [CacheModule.forRoot({ tiers: [new MemoryTier()] })], providers: [GuildNames] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    const names = app.get(GuildNames);
    expect(await names.name('1')).toBe('guild 1');
    const cache = app.get(Cache);
    expect(await cache.namespace('guilds').get('1')).toBe('guild 1');
    await app.close();
    await expect(cache.get('x')).rejects.toThrow(CacheClosedError);
  });

  it('stays usable in every shutdown hook of the providers using it, and closes after them', async () => {
    @Injectable()
    class SessionSaver {
      public constructor(@Inject(Cache) private readonly cache: Cache) {}

      public async beforeApplicationShutdown(): Promise<void> {
        await this.cache.set('saved-before', 'yes');
      }

      public async onApplicationShutdown(): Promise<void> {
        // Persisting state on the way out is what a shutdown hook is for.
        await this.cache.set('saved', 'yes');
      }
    }
    const remote = new MapByteTier('remote');
    @Module({ imports: [CacheModule.forRoot({ tiers: [new MemoryTier(), remote] })], providers: [SessionSaver] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    const cache = app.get(Cache);
    await app.close();
    expect(remote.value('default:saved-before')).toBe('yes');
    expect(remote.value('default:saved')).toBe('yes');
    await expect(cache.get('x')).rejects.toThrow(CacheClosedError);
  });

  it('builds the Cache from injected providers with forRootAsync and warms namespaces at init', async () => {
    const seed = new Cache({ tiers: [new MapByteTier('seeded', seeded.entries)] });
    await seed.namespace('guilds').set('9', 'nine');
    await seed.close();
    seeded.hits.set('guilds:9', 5);
    const memory = new MemoryTier();
    @Module({
      imports: [
        CacheModule.forRootAsync({
          imports: [StorageModule],
          inject: [REMOTE],
          useFactory: (injected: MapByteTier) => ({ tiers: [memory, injected], warmOnStart: { namespaces: ['guilds'], limit: 10 } }),
        }),
      ],
    })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    expect(memory.keys()).toEqual(['guilds:9']);
    expect(app.get(Cache).stats().tiers['seeded']).toBeDefined();
    await app.close();
  });
});
