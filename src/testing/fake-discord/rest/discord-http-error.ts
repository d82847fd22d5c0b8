import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FormErrors } from './form-errors';

/**
 * A REST failure the fake answers with Discord's error JSON `{ code, message, errors? }`. Route
 * handlers throw it; the server turns it into the response, so no handler writes to the socket.
 *
 * @example
 * ```ts
 * throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
 * ```
 */
export class DiscordHttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: number,
    message: string,
    public readonly errors?: FormErrors,
  ) {
    super(message);
    this.name = 'DiscordHttpError';
  }

  public static notFound(code: RESTJSONErrorCodes, message: string): DiscordHttpError {
    return new DiscordHttpError(404, code, message);
  }

  public static badRequest(code: RESTJSONErrorCodes, message: string): DiscordHttpError {
    return new DiscordHttpError(400, code, message);
  }

  public static forbidden(code: RESTJSONErrorCodes, message: string): DiscordHttpError {
    return new DiscordHttpError(403, code, message);
  }

  /** 50035 with the nested `_errors` tree describing each bad field. */
  public static invalidForm(errors: FormErrors): DiscordHttpError {
    return new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', errors);
  }

  /** The JSON body Discord sends. */
  public toJSON(): { code: number; message: string; errors?: FormErrors } {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors };
  }
}
