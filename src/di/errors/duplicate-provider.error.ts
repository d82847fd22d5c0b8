import { DiError, formatChain } from './di-error';

/**
 * One module lists two providers for the same token.
 * Code `OVEN_ERR_DI_DUPLICATE_PROVIDER`.
 */
export class DuplicateProviderError extends DiError {
  public constructor(moduleChain: readonly string[], token: string, firstIndex: number, secondIndex: number) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_DUPLICATE_PROVIDER',
      `${moduleName} (${formatChain(moduleChain)}) provides ${token} twice: providers[${firstIndex}] and providers[${secondIndex}].\n` +
        `Fix: keep one of them. To replace a provider in tests, use Test.createTestingModule(...).overrideProvider(${token}).`,
      { moduleChain, token },
    );
  }
}
