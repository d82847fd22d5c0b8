/**
 * The first `code` among `codes` found on `error` or down its `cause` chain (a few levels: undici
 * and Node wrap socket errors), or undefined.
 *
 * @example
 * ```ts
 * codeInCauses(error, new Set(['ECONNRESET', 'EPIPE'])); // 'ECONNRESET' for undici's SocketError around it
 * ```
 */
export function codeInCauses(error: unknown, codes: ReadonlySet<string>): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
