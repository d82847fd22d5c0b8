import { DiError } from './di-error';

/**
 * `app.get(token)` or `app.resolve(token)` asked for a token no module provides.
 * Code `OVEN_ERR_DI_UNKNOWN_PROVIDER`.
 */
export class UnknownProviderError extends DiError {
  public constructor(rootModule: string, token: string, strict = false) {
    super(
      'OVEN_ERR_DI_UNKNOWN_PROVIDER',
      (strict ? `${rootModule} cannot see ${token}: it is neither provided there nor exported to it.\n` : `No module of the application rooted at ${rootModule} provides ${token}.\n`) +
        `Fix: add ${token} to the providers of a module that ${rootModule} imports (directly or not), or check that you asked for the right token.`,
      { moduleChain: [rootModule], token },
    );
  }
}
