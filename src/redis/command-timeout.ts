/**
 * Fails `pending` after `ms` with a "Command timed out" error. The timer is unref()ed and cleared as
 * soon as the command settles, so a command ioredis never settles holds nothing open. This replaces
 * ioredis' own `commandTimeout`, whose ref()ed timer is never cleared for a command written during a
 * reconnection attempt whose socket then died (INFO, CLIENT SETINFO on every attempt): a flapping
 * Redis left one per attempt, keeping the process alive for a whole timeout after close().
 *
 * @example
 * ```ts
 * const value = await withCommandTimeout(client.get('key'), 1_000);
 * ```
 */
export function withCommandTimeout<T>(pending: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Command timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([pending, timedOut]).finally(() => clearTimeout(timer));
}
