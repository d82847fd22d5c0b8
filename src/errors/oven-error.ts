/**
 * Every error OvenJS throws on purpose carries a stable `OVEN_ERR_*` code, so that bot code can
 * branch on `error.code` instead of matching message text, and so that `docs/errors.md` can list
 * them all in one table.
 *
 * @example
 * ```ts
 * try { await app.init(); }
 * catch (error) {
 *   if (error instanceof OvenError && error.code === 'OVEN_ERR_DI_UNKNOWN_DEPENDENCY') { ... }
 * }
 * ```
 */
export class OvenError extends Error {
  public readonly code: OvenErrorCode;

  public constructor(code: OvenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    // Subclasses get their own name in stack traces without repeating this line.
    this.name = new.target.name;
  }
}

/** A coded error's code: always `OVEN_ERR_` followed by the capability and the failure. */
export type OvenErrorCode = `OVEN_ERR_${string}`;
