/** What the sandbox worker is started with (its `workerData`). */
export interface SandboxWorkerData {
  readonly name: string;
  readonly version: string;
  readonly main: string;
  readonly permissions: readonly string[];
}

/** Host to worker. */
export type HostMessage =
  | { readonly type: 'call'; readonly id: number; readonly method: 'onLoad' | 'onEnable' | 'onDisable' | 'onUnload'; readonly state?: unknown }
  | { readonly type: 'hook'; readonly id: number; readonly handlerId: number; readonly payload: unknown }
  | { readonly type: 'bridgeResult'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: SandboxErrorShape };

/** Worker to host. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'loadError'; readonly error: SandboxErrorShape }
  | { readonly type: 'result'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: SandboxErrorShape }
  | { readonly type: 'bridge'; readonly id: number; readonly op: string; readonly args: Record<string, unknown> };

/** An error crossing the worker boundary (Error objects lose their class on the way). */
export interface SandboxErrorShape {
  readonly message: string;
  readonly code?: string;
}
