import { OvenError } from '../../errors';

/**
 * The entity cache could not apply a dispatch (a payload shaped unlike Discord's documentation).
 * The Client reports it through its `error` event and still delivers the event to your handlers;
 * the cache may miss what that dispatch changed. `cause` is what the cache threw.
 *
 * @example
 * ```ts
 * client.on('error', (error) => {
 *   if (error instanceof CacheUpdateError) logger.warn(`cache skipped ${error.dispatch} on shard ${error.shardId}`, error.cause);
 * });
 * ```
 */
export class CacheUpdateError extends OvenError {
  public constructor(
    /** The dispatch type, e.g. `GUILD_UPDATE`. */
    public readonly dispatch: string,
    public readonly shardId: number,
    cause: unknown,
  ) {
    super(
      'OVEN_ERR_CLIENT_CACHE_UPDATE',
      `The entity cache could not apply ${dispatch} (shard ${shardId}): ${cause instanceof Error ? cause.message : String(cause)}. The event still reached your handlers; the cache may miss this change until the entity is sent again.`,
      { cause },
    );
  }
}
