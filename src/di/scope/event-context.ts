import { InjectionToken } from '../token';

/**
 * Injects the `context` given to `EventScope.run(context, fn)`: the gateway event or interaction
 * being handled. A provider that injects it becomes per event.
 *
 * @example
 * ```ts
 * @Injectable({ scope: 'event' })
 * export class Reply {
 *   constructor(@Inject(EVENT_CONTEXT) private readonly interaction: APIChatInputApplicationCommandInteraction) {}
 * }
 * ```
 */
export const EVENT_CONTEXT = new InjectionToken<unknown>('EVENT_CONTEXT');
