/**
 * A reference to something not yet defined when the decorator runs, resolved when the application
 * is compiled. Needed when two files import each other (one of the imports is `undefined` at the
 * time the other file's decorators run).
 */
export interface ForwardReference<T = unknown> {
  readonly forwardRef: () => T;
}

/**
 * Marks an import (or an `@Inject` token) as a deliberate cycle and defers reading it.
 *
 * A module import cycle is an error unless one of its edges is a `forwardRef`: that way a cycle
 * nobody meant is reported instead of silently half-working.
 *
 * @example
 * ```ts
 * @Module({ imports: [forwardRef(() => UsersModule)] })
 * export class GuildsModule {}
 * ```
 */
export function forwardRef<T>(ref: () => T): ForwardReference<T> {
  return { forwardRef: ref };
}

export function isForwardReference(value: unknown): value is ForwardReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { forwardRef?: unknown }).forwardRef === 'function'
  );
}
