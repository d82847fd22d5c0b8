import {
  type BeforeApplicationShutdown,
  type DiscoveredClass,
  DiscoveryService,
  Inject,
  Injectable,
  ModuleRef,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Token,
} from '../../di';
import { Client } from '../../client';
import { CommandRouter } from '../../commands';
import { EventPipeline, ShardManager } from '../../gateway';
import { RestClient } from '../../rest';
import { bridgeClientHooks } from '../bridges/client';
import { bridgeCommandHooks } from '../bridges/commands';
import { bridgeEventHooks } from '../bridges/events';
import { bridgeGatewayHooks } from '../bridges/gateway';
import { bridgeRestHooks } from '../bridges/rest';
import { HookMarker } from '../decorators/hook.decorator';
import { type MiddlewareMetadata, MiddlewareMarker } from '../decorators/middleware.decorator';
import { HookError } from '../hook.error';
import { HookManager } from '../hook-manager';
import type { HookHandler, HookName } from '../hook-points';

type Callable = (...args: unknown[]) => unknown;

function methodOf(instance: unknown, name: string | symbol, label: string): Callable {
  const method = (instance as Record<string | symbol, unknown> | null)?.[name];
  if (typeof method !== 'function') {
    throw new HookError('OVEN_ERR_HOOK_INVALID_HANDLER', `${label} is not a method; @Hook and @Middleware go on methods / classes with use().`);
  }
  return method as Callable;
}

/**
 * Wires decorated providers into the hook manager and the engines at bootstrap: `@Hook` methods
 * become handlers, `@Middleware` classes join the REST or interaction pipeline, and the app's
 * Client, RestClient, ShardManager, EventPipeline and CommandRouter (when present) are bridged so their hooks fire. Also fires the application lifecycle hook points.
 */
@Injectable()
export class HookBinder implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly detachers: (() => void)[] = [];
  private readonly owners = new Set<string>();
  // Engines have no way to remove a middleware, and one (a RestClient given with useValue) may
  // outlive the app: after shutdown the app's @Middleware classes step aside instead.
  private attached = true;

  public constructor(
    @Inject(HookManager) private readonly hooks: HookManager,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  public async onApplicationBootstrap(): Promise<void> {
    this.bindHookMethods();
    const rest = this.optional(RestClient);
    if (rest !== undefined) this.detachers.push(bridgeRestHooks(rest, this.hooks));
    const client = this.optional(Client);
    if (client !== undefined) this.detachers.push(bridgeClientHooks(client, this.hooks));
    const gateway = this.optional(ShardManager);
    if (gateway !== undefined) this.detachers.push(bridgeGatewayHooks(gateway, this.hooks));
    const pipeline = this.optional(EventPipeline);
    if (pipeline !== undefined) this.detachers.push(bridgeEventHooks(pipeline, this.hooks));
    const router = this.optional(CommandRouter);
    // Before the @Middleware classes, so hook vetoes run outermost.
    if (router !== undefined) this.detachers.push(bridgeCommandHooks(router, this.hooks));
    this.bindMiddleware(rest, router);
    await this.hooks.execute('applicationBootstrap', { startedAt: Date.now() });
  }

  public async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.hooks.execute('beforeShutdown', { signal });
  }

  public async onApplicationShutdown(signal?: string): Promise<void> {
    await this.hooks.execute('afterShutdown', { signal });
    this.attached = false;
    for (const detach of this.detachers.splice(0)) detach();
    for (const owner of this.owners) this.hooks.unregisterOwner(owner);
  }

  private bindHookMethods(): void {
    for (const found of this.discovery.getMethods(HookMarker)) {
      const label = `${found.metatype.name}.${String(found.methodName)}`;
      const owner = `provider:${found.moduleName}`;
      this.owners.add(owner);
      let handler: HookHandler<HookName>;
      if (found.scope === 'singleton') {
        const instance = found.getInstance();
        const method = methodOf(instance, found.methodName, label);
        handler = ((payload, context) => method.call(instance, payload, context)) as HookHandler<HookName>;
      } else {
        // Per-event and transient providers: the instance belongs to the scope the hook runs in.
        handler = ((payload, context) => {
          const instance = found.getInstance();
          return methodOf(instance, found.methodName, label).call(instance, payload, context);
        }) as HookHandler<HookName>;
      }
      try {
        this.hooks.register(found.metadata.hook, handler, { priority: found.metadata.priority, owner, label });
      } catch (error) {
        throw new HookError(
          (error as HookError).code ?? 'OVEN_ERR_HOOK_INVALID_HANDLER',
          `@Hook on ${label} (module ${found.moduleName}): ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
  }

  private bindMiddleware(rest: RestClient | undefined, commandRouter: CommandRouter | undefined): void {
    const found = [...this.discovery.getProviders(MiddlewareMarker)].sort(
      (a, b) => (b.metadata.priority ?? 0) - (a.metadata.priority ?? 0),
    );
    const forRest = found.filter((m) => m.metadata.scope === 'rest');
    const forInteractions = found.filter((m) => m.metadata.scope === 'interaction');
    if (forRest.length > 0) {
      const client = rest ?? this.missing('rest', forRest, 'RestClient (import OvenModule.forRoot)');
      for (const middleware of forRest) {
        const call = this.caller(middleware);
        client.use((ctx, next) => (this.attached ? (call(ctx, next) as Promise<void>) : next()), middleware.metatype.name);
      }
    }
    if (forInteractions.length > 0) {
      const router = commandRouter ?? this.missing('interaction', forInteractions, 'CommandRouter (import the commands module)');
      for (const middleware of forInteractions) {
        const call = this.caller(middleware);
        router.use((ctx, next, route) => (this.attached ? (call(ctx, next, route) as Promise<void>) : next()));
      }
    }
  }

  private caller(found: DiscoveredClass<MiddlewareMetadata>): Callable {
    const label = `${found.metatype.name}.use`;
    if (found.scope === 'singleton') {
      const instance = found.getInstance();
      const use = methodOf(instance, 'use', label);
      return (...args) => use.apply(instance, args);
    }
    return (...args) => {
      const instance = found.getInstance();
      return methodOf(instance, 'use', label).apply(instance, args);
    };
  }

  private missing(scope: string, found: readonly DiscoveredClass<MiddlewareMetadata>[], what: string): never {
    throw new HookError(
      'OVEN_ERR_HOOK_NO_PIPELINE',
      `@Middleware({ scope: '${scope}' }) on ${found.map((m) => m.metatype.name).join(', ')} needs a ${what} in the application, and there is none.`,
    );
  }

  private optional<T>(token: Token<T>): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}
