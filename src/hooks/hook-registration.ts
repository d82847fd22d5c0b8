/** Options of {@link HookManager.register}. */
export interface HookRegisterOptions {
  /** Higher runs first; equal priorities run in registration order. Default 0. */
  readonly priority?: number;
  /** Who registered the handler (a plugin name): lets `unregisterOwner` remove them all. */
  readonly owner?: string;
  /** Name shown in traces, listings and errors. Default: the function's name. */
  readonly label?: string;
}

/** A handle returned by `register`; `unregister()` removes exactly that handler. */
export interface HookRegistration {
  readonly hook: string;
  readonly label: string;
  readonly owner: string | undefined;
  readonly priority: number;
  unregister(): boolean;
}
