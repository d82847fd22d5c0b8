import { DiError, formatChain } from './di-error';

/**
 * A provider needs a token that no provider in reach of its module supplies.
 * Code `OVEN_ERR_DI_UNKNOWN_DEPENDENCY`.
 */
export class UnknownDependencyError extends DiError {
  public constructor(details: {
    moduleChain: readonly string[];
    provider: string;
    dependency: string;
    slot: string;
    signature: string;
    hint?: string;
  }) {
    const moduleName = details.moduleChain[details.moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_UNKNOWN_DEPENDENCY',
      `Cannot build ${details.provider} in ${moduleName} (${formatChain(details.moduleChain)}): ` +
        `its dependency ${details.dependency} at ${details.slot} of ${details.signature} is not available in ${moduleName}.\n` +
        `Fix: add a provider for ${details.dependency} to ${moduleName}'s providers, or import the module that provides and exports it` +
        (details.hint === undefined ? '.' : `.\n${details.hint}`),
      { moduleChain: details.moduleChain, token: details.dependency },
    );
  }
}
