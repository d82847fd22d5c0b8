import { OvenError } from '../errors';

/**
 * An embed, component or modal breaks one of Discord's limits. `limit` names the rule
 * (`'embed.title'`), `path` where in the payload (`embeds[0].fields[3].value`), and the message
 * gives the size found and the size allowed, so the fix is obvious without a 50035 from Discord.
 *
 * @example
 * ```ts
 * try { new EmbedBuilder().setTitle('x'.repeat(300)); }
 * catch (error) { if (error instanceof BuilderLimitError) console.log(error.limit); } // 'embed.title'
 * ```
 */
export class BuilderLimitError extends OvenError {
  public readonly limit: string;
  public readonly path: string;

  public constructor(limit: string, path: string, message: string) {
    super('OVEN_ERR_BUILDERS_LIMIT', `${path}: ${message}`);
    this.limit = limit;
    this.path = path;
  }
}
