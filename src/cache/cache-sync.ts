/**
 * What one process tells the others after it changed the shared tiers, so they drop their own
 * memory copies: the keys (already expanded through dependencies), the tags and the cleared
 * key prefixes.
 */
export interface InvalidationMessage {
  /** The sending Cache's instance id; a Cache ignores its own messages. */
  readonly origin: string;
  readonly keys: readonly string[];
  readonly tags: readonly string[];
  readonly prefixes: readonly string[];
}

/**
 * A channel between the Cache instances of one bot. `RedisSync` implements it on Redis pub/sub;
 * anything with at-most-once broadcast works.
 */
export interface CacheSync {
  publish(message: InvalidationMessage): Promise<void>;
  /**
   * Starts delivering messages from other processes (and possibly this one) to the listener.
   * Call `onMissed` each time messages may have been lost (the channel was down, or could not be
   * joined at first) once it delivers again: the Cache then drops its process-local copies, since
   * it cannot know which of them another process changed meanwhile.
   */
  subscribe(listener: (message: InvalidationMessage) => void, onMissed?: () => void): Promise<void>;
  close(): Promise<void>;
}
