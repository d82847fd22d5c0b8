import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '../di';
import { Cache } from './cache';
import { CACHE_OPTIONS, type CacheModuleOptions } from './cache-options.token';

/** Starts sync and warming when the application initialises; closes every connection on shutdown. */
@Injectable()
export class CacheLifecycle implements OnModuleInit, OnApplicationShutdown {
  public constructor(
    @Inject(Cache) private readonly cache: Cache,
    @Inject(CACHE_OPTIONS) private readonly options: CacheModuleOptions,
  ) {}

  public async onModuleInit(): Promise<void> {
    await this.cache.ready();
    const warm = this.options.warmOnStart;
    if (warm === undefined) return;
    for (const namespace of warm.namespaces) {
      await this.cache.warm(namespace, warm.limit === undefined ? {} : { limit: warm.limit });
    }
  }

  // The last phase, and the global module comes last in it: providers may still read and write the
  // cache in their own onModuleDestroy, beforeApplicationShutdown and onApplicationShutdown.
  public async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}
