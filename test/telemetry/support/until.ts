/**
 * Polls `read` until it gives a value and returns that value; fails naming `what` after `timeoutMs`.
 * Spans end and handlers finish on their own schedule, after the call that caused them returned.
 */
export async function until<T>(read: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
