import { DiError, formatChain } from './di-error';

/**
 * A constructor parameter has no usable type at run time (an interface, a primitive, a class
 * imported with `import type`, or a file-level import cycle) and no `@Inject(token)`.
 * Code `OVEN_ERR_DI_UNRESOLVABLE_PARAMETER`.
 */
export class UnresolvableParameterError extends DiError {
  /** The constructor parameter index, or the property name for an `@Inject` property. */
  public readonly index: number | string;

  public constructor(moduleChain: readonly string[], provider: string, index: number | string, found: string) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    const hint =
      found === 'no metadata'
        ? 'The class has no parameter type metadata: enable "emitDecoratorMetadata" (and "experimentalDecorators") in tsconfig.json ' +
          'and compile with tsc, ts-node or ts-jest (esbuild, tsx and swc without its decorator-metadata option do not emit it).'
        : found === 'undefined'
        ? 'The parameter type was undefined when the class was decorated: two files import each other. Use @Inject(forwardRef(() => TheClass)).'
        : found === 'Object'
          ? 'The parameter type compiled to Object: it is an interface or a type alias, or its class is imported with "import type" ' +
            '(then change it to a value import), or its class is declared later in the same file.'
          : `The parameter type is ${found}, which cannot be a provider.`;
    super(
      'OVEN_ERR_DI_UNRESOLVABLE_PARAMETER',
      `Cannot tell what to inject into ${typeof index === 'number' ? `parameter [${index}]` : `property "${index}"`} of ${provider} in ${moduleName} (${formatChain(moduleChain)}). ${hint}\n` +
        `Fix: name the token with @Inject(token) there, or use a class imported as a value.`,
      { moduleChain, token: provider },
    );
    this.index = index;
  }
}
