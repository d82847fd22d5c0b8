import { OvenError } from '../../errors';
import { flattenDiscordErrors } from './flatten-errors';

/** The JSON body Discord sends with a 4xx (`{ code, message, errors? }`). */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: unknown;
}

/**
 * Discord answered with a JSON error. `code` is Discord's JSON error code (compare with
 * `RESTJSONErrorCodes` from discord-api-types), `status` the HTTP status, and `errors` the
 * field-level problems of a 50035 "Invalid Form Body" as readable lines.
 *
 * @example
 * ```ts
 * try { await rest.channels.createMessage(channelId, { content: '' }); }
 * catch (error) {
 *   if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType) {
 *     console.log(error.errors.join('\n')); // "content: ..."
 *   }
 * }
 * ```
 */
export class DiscordAPIError extends OvenError {
  /** Discord's JSON error code (0 for a general error). Shadows OvenError's string code on purpose. */
  public readonly discordCode: number;
  public readonly status: number;
  public readonly method: string;
  public readonly path: string;
  /** One line per field error, e.g. `embeds[0].title: Must be 256 or fewer in length.` */
  public readonly errors: readonly string[];
  /** Discord's own message, without the OvenJS context. */
  public readonly rawMessage: string;
  public readonly rawError: DiscordErrorBody;

  public constructor(body: DiscordErrorBody, status: number, method: string, path: string) {
    const errors = flattenDiscordErrors(body.errors);
    const details = errors.length > 0 ? `\n${errors.map((line) => `  ${line}`).join('\n')}` : '';
    super(
      'OVEN_ERR_REST_DISCORD_API',
      `${body.message} (Discord code ${body.code}, HTTP ${status} on ${method} ${path})${details}${hintFor(body.code, status)}`,
    );
    this.discordCode = body.code;
    this.status = status;
    this.method = method;
    this.path = path;
    this.errors = errors;
    this.rawMessage = body.message;
    this.rawError = body;
  }
}

function hintFor(code: number, status: number): string {
  if (status === 401) return '\nCheck the token given to RestClient (Bot tokens are sent as "Bot <token>").';
  if (code === 50035) return '\nFix the fields listed above in the request body.';
  if (status === 403) return '\nThe bot lacks a permission or access for this resource.';
  if (status === 404) return '\nThe id in the route does not exist or the bot cannot see it.';
  return '';
}
