import { DiError, formatChain } from './di-error';

/**
 * A `@Module(...)` (or dynamic module) holds a value it cannot hold: an unknown key, an import
 * that is not a module, a malformed provider, an export that the module neither provides nor
 * imports. Code `OVEN_ERR_DI_INVALID_MODULE`.
 */
export class InvalidModuleError extends DiError {
  public constructor(moduleChain: readonly string[], problem: string, fix: string, cause?: unknown) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_INVALID_MODULE',
      `Invalid module metadata in ${moduleName} (${formatChain(moduleChain)}): ${problem}\nFix: ${fix}`,
      { moduleChain },
      cause === undefined ? undefined : { cause },
    );
  }
}
