import { createMethodDecorator } from '../../di';
import type { EventContext } from '../client-types';
import { ClientOptionError } from '../event-handler-error';
import { dispatchTypeOf, type DispatchEventMap, type DispatchEventName } from '../event-names';

/** What `@OnEvent` records on a method. */
export interface OnEventMetadata {
  readonly event: DispatchEventName;
  readonly type: string;
  readonly priority: number;
}

/** The discoverable marker behind `@OnEvent`, for `DiscoveryService.getMethods(OnEventMarker)`. */
export const OnEventMarker = createMethodDecorator<OnEventMetadata>('OnEvent');

/** Options of `@OnEvent`. */
export interface OnEventOptions {
  /** Higher runs first among the handlers of the same event. @defaultValue 0 */
  readonly priority?: number;
}

/** A method that can handle `K`: it receives the dispatch data typed from discord-api-types. */
export type EventHandlerMethod<K extends DispatchEventName> = (data: DispatchEventMap[K], context: EventContext) => unknown;

/**
 * Binds a provider method to a gateway dispatch by camelCase name. Handlers are found once at
 * bootstrap; each event runs in its own per-event DI scope, and a handler that throws is reported
 * on the Client's `error` event without affecting other handlers.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class Greeter {
 *   constructor(@Inject(Client) private readonly client: Client) {}
 *
 *   @OnEvent('messageCreate', { priority: 10 })
 *   async onMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
 *     if (message.content === '!ping') await this.client.rest.channels.createMessage(message.channel_id, { content: 'pong' });
 *   }
 * }
 * ```
 */
export function OnEvent<K extends DispatchEventName>(
  event: K,
  options: OnEventOptions = {},
): <M extends EventHandlerMethod<K>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void {
  const type = dispatchTypeOf(event);
  if (type === undefined) {
    throw new ClientOptionError(
      `@OnEvent('${String(event)}'): not a gateway dispatch name. Use the camelCase of a GatewayDispatchEvents value, e.g. 'messageCreate' or 'guildMemberAdd'.`,
    );
  }
  const priority = options.priority ?? 0;
  if (!Number.isFinite(priority)) {
    throw new ClientOptionError(`@OnEvent('${event}'): priority must be a finite number, got ${String(priority)}.`);
  }
  const decorate = OnEventMarker({ event, type, priority });
  return (target, key, descriptor) => {
    decorate(target, key, descriptor);
  };
}
