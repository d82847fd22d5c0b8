import { createMethodDecorator } from '../../di';

/** The discoverable marker behind `@BeforeClientReady()`. */
export const BeforeClientReadyMarker = createMethodDecorator('BeforeClientReady');
/** The discoverable marker behind `@AfterClientReady()`. */
export const AfterClientReadyMarker = createMethodDecorator('AfterClientReady');

/**
 * Runs a provider method (awaited) after every shard is ready and the guilds have arrived, just
 * before `clientReady` fires and `app.listen()` resolves: the place to warm caches or sync
 * commands against a complete guild list.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Warmup {
 *   @BeforeClientReady()
 *   async load(): Promise<void> { await this.settings.loadAll(); }
 * }
 * ```
 */
export function BeforeClientReady(): MethodDecorator {
  return BeforeClientReadyMarker();
}

/**
 * Runs a provider method (awaited) right after `clientReady`, e.g. to set a presence or announce
 * the deployment.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Announcer {
 *   @AfterClientReady()
 *   announce(): void { console.log('ready'); }
 * }
 * ```
 */
export function AfterClientReady(): MethodDecorator {
  return AfterClientReadyMarker();
}
