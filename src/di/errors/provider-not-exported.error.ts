import { DiError, formatChain } from './di-error';

/**
 * A provider needs a token that an imported module provides but keeps private.
 * Code `OVEN_ERR_DI_PROVIDER_NOT_EXPORTED`.
 */
export class ProviderNotExportedError extends DiError {
  public readonly ownerModule: string;

  public constructor(details: {
    moduleChain: readonly string[];
    provider: string;
    dependency: string;
    slot: string;
    ownerModule: string;
  }) {
    const moduleName = details.moduleChain[details.moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_PROVIDER_NOT_EXPORTED',
      `Cannot build ${details.provider} in ${moduleName} (${formatChain(details.moduleChain)}): ` +
        `its dependency ${details.dependency} at ${details.slot} is provided by the imported ${details.ownerModule}, which does not export it.\n` +
        `Fix: add ${details.dependency} to ${details.ownerModule}'s exports, or stop depending on a private provider of ${details.ownerModule}.`,
      { moduleChain: details.moduleChain, token: details.dependency },
    );
    this.ownerModule = details.ownerModule;
  }
}
