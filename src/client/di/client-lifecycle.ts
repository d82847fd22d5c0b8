import {
  DiscoveryService,
  EventScope,
  Inject,
  Injectable,
  type DiscoveredMethod,
  type OnApplicationBootstrap,
  type OnApplicationListen,
  type OnApplicationShutdown,
} from '../../di';
import type { PipelineEvent } from '../../gateway';
import { Client } from '../client';
import { AfterClientReadyMarker, BeforeClientReadyMarker } from './client-ready-hooks';
import { OnEventMarker } from './on-event.decorator';

type Method = (...args: unknown[]) => unknown;

function methodOf(found: DiscoveredMethod<unknown>): { instance: object; method: Method } {
  const instance = found.getInstance() as Record<string | symbol, unknown>;
  return { instance, method: instance[found.methodName] as Method };
}

function describe(found: DiscoveredMethod<unknown>): string {
  return `${found.metatype.name}.${String(found.methodName)}`;
}

/**
 * Wires the Client into the application: binds every `@OnEvent` method once at bootstrap, runs
 * the ready hooks, logs in on `app.listen()` and closes the shards on `app.close()`.
 */
@Injectable()
export class ClientLifecycle implements OnApplicationBootstrap, OnApplicationListen, OnApplicationShutdown {
  public constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  public onApplicationBootstrap(): void {
    for (const found of this.discovery.getMethods(OnEventMarker)) {
      let handler: (event: PipelineEvent) => unknown;
      if (found.scope === 'singleton') {
        // One instance for the app's life: resolve it once instead of once per event.
        const { instance, method } = methodOf(found);
        handler = (event) => method.call(instance, event.data, event);
      } else {
        // Event-scoped or transient: resolve inside the event's scope, per event.
        handler = (event) => {
          const { instance, method } = methodOf(found);
          return method.call(instance, event.data, event);
        };
      }
      Object.defineProperty(handler, 'name', { value: describe(found) });
      this.client.pipeline.handle(found.metadata.type, handler, { priority: found.metadata.priority });
    }
    for (const phase of ['beforeClientReady', 'afterClientReady'] as const) {
      const marker = phase === 'beforeClientReady' ? BeforeClientReadyMarker : AfterClientReadyMarker;
      for (const found of this.discovery.getMethods(marker)) {
        // Its own scope, so a hook on a provider that depends on event-scoped ones still resolves.
        this.client.addReadyHook(phase, () =>
          EventScope.run({ phase }, () => {
            const { instance, method } = methodOf(found);
            return method.call(instance);
          }),
        );
      }
    }
  }

  public async onApplicationListen(): Promise<void> {
    await this.client.login();
  }

  public async onApplicationShutdown(): Promise<void> {
    await this.client.destroy();
  }
}
