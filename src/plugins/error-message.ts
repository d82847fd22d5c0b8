/**
 * The message of anything thrown. Not `instanceof Error`: plugins run in Node's own module
 * context (and sandboxes in other isolates), whose `Error` is a different class from the host's.
 */
export function errorMessage(error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
