import { OvenError, type OvenErrorCode } from '../../errors';

/** What every DI error knows about where it happened. */
export interface DiErrorContext {
  /** Module names from the root module to the module concerned, e.g. `['AppModule', 'GreetingModule']`. */
  moduleChain: readonly string[];
  /** The token concerned, as printed in the message. */
  token?: string;
}

/**
 * Base of the errors thrown while compiling or running the module graph. `moduleChain` and
 * `token` are also in the message; they are fields so that tools can show them without parsing.
 *
 * @example
 * ```ts
 * try {
 *   await OvenFactory.create(AppModule);
 * } catch (error) {
 *   if (error instanceof DiError) console.error(error.code, error.moduleChain.join(' -> '), error.token);
 *   throw error;
 * }
 * ```
 */
export class DiError extends OvenError {
  public readonly moduleChain: readonly string[];
  public readonly token: string | undefined;

  public constructor(code: OvenErrorCode, message: string, context: DiErrorContext, options?: { cause?: unknown }) {
    super(code, message, options);
    this.moduleChain = context.moduleChain;
    this.token = context.token;
  }
}

/** `AppModule -> GreetingModule`, as printed in messages. */
export function formatChain(chain: readonly string[]): string {
  return chain.join(' -> ');
}
