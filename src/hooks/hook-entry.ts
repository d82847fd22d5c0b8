/** A registered handler as the manager stores it; the handler is kept by identity for removal. */
export interface HookEntry {
  readonly hook: string;
  readonly handler: (payload: unknown, context: { readonly hook: string }) => unknown;
  readonly priority: number;
  readonly owner: string | undefined;
  readonly label: string;
  /** Registration order, to keep equal priorities first-come first-served. */
  readonly seq: number;
}
