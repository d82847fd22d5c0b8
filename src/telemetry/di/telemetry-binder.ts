import { Cache } from '../../cache';
import { CommandRouter } from '../../commands';
import { Inject, Injectable, ModuleRef, type OnApplicationBootstrap, type OnModuleDestroy, type Token } from '../../di';
import { EventPipeline, ShardManager } from '../../gateway';
import { RestClient } from '../../rest';
import { instrumentCache } from '../instrument-cache';
import { instrumentCommands } from '../instrument-commands';
import { instrumentEvents } from '../instrument-events';
import { instrumentGateway } from '../instrument-gateway';
import { instrumentRest } from '../instrument-rest';
import { TELEMETRY_OPTIONS, type TelemetryModuleOptions } from './telemetry-options.token';

/**
 * Attaches the instruments to whatever of RestClient, ShardManager, EventPipeline, CommandRouter
 * and Cache the application provides, at bootstrap (before `listen()` logs in, so the first
 * requests and the READY are seen), and detaches them when the module is destroyed.
 */
@Injectable()
export class TelemetryBinder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly detachers: (() => void)[] = [];
  /** What was instrumented, for logs and tests: `rest`, `events`, `gateway`, `commands`, `cache`. */
  public readonly attached: string[] = [];

  public constructor(
    @Inject(TELEMETRY_OPTIONS) private readonly options: TelemetryModuleOptions,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  public onApplicationBootstrap(): void {
    const { options } = this;
    if (options.rest !== false) this.attach('rest', RestClient, (rest) => instrumentRest(rest, options));
    if (options.gateway !== false) {
      this.attach('events', EventPipeline, (pipeline) => instrumentEvents(pipeline, options));
      this.attach('gateway', ShardManager, (gateway) => instrumentGateway(gateway, options));
    }
    if (options.commands !== false) this.attach('commands', CommandRouter, (router) => instrumentCommands(router, options));
    // Cache counters are metrics only: without a meter there is nothing to record them to.
    if (options.cache !== false && options.meter !== undefined) {
      this.attach('cache', Cache, (cache) => instrumentCache(cache, options.cacheIntervalMs === undefined ? options : { ...options, intervalMs: options.cacheIntervalMs }));
    }
  }

  public onModuleDestroy(): void {
    for (const detach of this.detachers.splice(0)) detach();
    this.attached.length = 0;
  }

  private attach<T>(name: string, token: Token<T>, instrument: (target: T) => () => void): void {
    const target = this.optional(token);
    if (target === undefined) return;
    this.detachers.push(instrument(target));
    this.attached.push(name);
  }

  private optional<T>(token: Token<T>): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}
