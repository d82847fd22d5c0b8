import { OvenError } from '../errors';
import type { EventContext } from './client-types';

/**
 * An event handler threw or rejected. The Client reports it through its `error` event and keeps
 * delivering the event to the other handlers; `cause` is what the handler threw.
 *
 * @example
 * ```ts
 * client.on('error', (error) => {
 *   if (error instanceof EventHandlerError) logger.warn(`${error.handler} failed on ${error.event.type}`, error.cause);
 * });
 * ```
 */
export class EventHandlerError extends OvenError {
  public constructor(
    public readonly handler: string,
    public readonly event: EventContext,
    cause: unknown,
  ) {
    super(
      'OVEN_ERR_CLIENT_EVENT_HANDLER',
      `Event handler ${handler} failed on ${event.type} (shard ${event.shardId}, seq ${event.sequence}): ${cause instanceof Error ? cause.message : String(cause)}. The other handlers still ran; catch inside the handler to recover.`,
      { cause },
    );
  }
}

/**
 * The Client's options are invalid; the message names the option and what is accepted.
 *
 * @example
 * ```ts
 * new Client({ token: '', intents: 0 }); // throws OVEN_ERR_CLIENT_INVALID_OPTION
 * ```
 */
export class ClientOptionError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_CLIENT_INVALID_OPTION', message);
  }
}
