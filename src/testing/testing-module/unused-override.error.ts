import { OvenError } from '../../errors';

/**
 * An override given to the testing module matched nothing: no module in the compiled graph
 * provides that token (or imports that module), so the test would silently use the real thing.
 * Code `OVEN_ERR_TESTING_OVERRIDE_UNUSED`.
 *
 * @example
 * ```ts
 * // Rejects with UnusedOverrideError: nothing reachable from AppModule provides LegacyMailer.
 * await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(LegacyMailer).useValue({}).compile();
 * ```
 */
export class UnusedOverrideError extends OvenError {
  public constructor(kind: 'provider' | 'module', name: string, rootModules: readonly string[]) {
    super(
      'OVEN_ERR_TESTING_OVERRIDE_UNUSED',
      `override${kind === 'provider' ? 'Provider' : 'Module'}(${name}) matched nothing: no module reachable from ` +
        `[${rootModules.join(', ')}] ${kind === 'provider' ? 'provides' : 'imports'} ${name}.\n` +
        `Fix: check the token, or add the module that ${kind === 'provider' ? 'provides it' : 'uses it'} to createTestingModule({ imports }).`,
    );
  }
}
