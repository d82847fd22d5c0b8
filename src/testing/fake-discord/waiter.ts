import type { EventEmitter } from 'node:events';
import { FakeDiscordError } from './fake-discord-error';

/**
 * Resolves with the first value that matches: one already present (so a bot that answered before
 * the test started waiting is not missed), else the next one `event` brings. Rejects with
 * `OVEN_ERR_FAKE_DISCORD_TIMEOUT` naming what was awaited.
 */
export function waitForMatch<T>(options: {
  readonly emitter: EventEmitter;
  readonly event: string;
  readonly existing: () => Iterable<T>;
  readonly predicate: (value: T) => boolean;
  readonly timeoutMs: number;
  readonly description: string;
  readonly pending: Set<(error: Error) => void>;
}): Promise<T> {
  for (const value of options.existing()) if (options.predicate(value)) return Promise.resolve(value);
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      options.emitter.off(options.event, listener);
      options.pending.delete(abort);
    };
    const listener = (value: T): void => {
      let matched: boolean;
      try {
        matched = options.predicate(value);
      } catch (error) {
        cleanup();
        reject(error as Error);
        return;
      }
      if (!matched) return;
      cleanup();
      resolve(value);
    };
    const abort = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_TIMEOUT', `Timed out after ${options.timeoutMs} ms waiting for ${options.description}. Check that the bot is connected to this fake (restUrl/gatewayUrl) and that the predicate can match.`));
    }, options.timeoutMs);
    timer.unref();
    options.pending.add(abort);
    options.emitter.on(options.event, listener);
  });
}
