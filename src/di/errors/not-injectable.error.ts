import { DiError, formatChain } from './di-error';

/**
 * A class is listed as a provider (or `useClass`) without `@Injectable()`.
 * Code `OVEN_ERR_DI_NOT_INJECTABLE`.
 */
export class NotInjectableError extends DiError {
  public constructor(moduleChain: readonly string[], className: string, token: string) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_NOT_INJECTABLE',
      `${className} is listed as a provider${token === className ? '' : ` for ${token}`} in ${moduleName} (${formatChain(moduleChain)}) but is not decorated with @Injectable().\n` +
        `Fix: add @Injectable() above "class ${className}" (import it from 'ovenjs'), or provide it with useValue/useFactory instead.`,
      { moduleChain, token },
    );
  }
}
