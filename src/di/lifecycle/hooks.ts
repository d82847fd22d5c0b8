/**
 * Called once the module's providers are built, before the application is bootstrapped.
 * Modules run in dependency order: a module's imports are initialised before it.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Database implements OnModuleInit {
 *   async onModuleInit(): Promise<void> { await this.pool.connect(); }
 * }
 * ```
 */
export interface OnModuleInit {
  onModuleInit(): unknown;
}

/** Called after every module's `onModuleInit`, in the same order. */
export interface OnApplicationBootstrap {
  onApplicationBootstrap(): unknown;
}

/**
 * Called by `app.listen()` after start-up, in module order: where a client connects or logs in.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class GatewayClient implements OnApplicationListen {
 *   async onApplicationListen(): Promise<void> { await this.login(); }
 * }
 * ```
 */
export interface OnApplicationListen {
  onApplicationListen(): unknown;
}

/** Called first when the application closes, in reverse module order (the root first). */
export interface OnModuleDestroy {
  onModuleDestroy(): unknown;
}

/** Called after every `onModuleDestroy`, with the signal that closed the application, if any. */
export interface BeforeApplicationShutdown {
  beforeApplicationShutdown(signal?: string): unknown;
}

/** Called last, after every `beforeApplicationShutdown`: release connections here. */
export interface OnApplicationShutdown {
  onApplicationShutdown(signal?: string): unknown;
}

export type StartupHook = 'onModuleInit' | 'onApplicationBootstrap' | 'onApplicationListen';
export type ShutdownHook = 'onModuleDestroy' | 'beforeApplicationShutdown' | 'onApplicationShutdown';
