import type { SandboxViolationKind } from '../../hooks';
import type { ApiMethod } from '../../hooks';
import type { OvenPlugin } from '../plugin-lifecycle';

/** Options of {@link PluginSandbox}. */
export interface SandboxOptions {
  /** V8 old-generation heap limit of each worker. Default 64 MB. */
  readonly memoryLimitMb?: number;
  /** Longest the worker's event loop may stay busy without a break before it is terminated. Default 2000 ms. */
  readonly cpuTimeLimitMs?: number;
  /** Bridge calls (messages, REST, files, network) allowed per sliding minute. Default 60. */
  readonly apiCallsPerMinute?: number;
  /** Longest the host waits for a lifecycle or hook call to answer. Default 5000 ms. */
  readonly callTimeoutMs?: number;
  /** Where `messages:send` and `rest:*` calls go: a `RestClient` fits. */
  readonly rest?: {
    request(method: ApiMethod, route: `/${string}`, options: { body?: unknown }): Promise<unknown>;
  };
}

/** What the manager tells the sandbox about the plugin it is to start. */
export interface SandboxLaunchRequest {
  readonly name: string;
  readonly version: string;
  readonly root: string;
  readonly mainFile: string;
  readonly permissions: readonly string[];
  /** Reports a violation; `fatal` when the worker was terminated (the plugin then fails). */
  report(violation: { kind: SandboxViolationKind; detail: string; fatal: boolean }): void;
}

/** Starts a sandboxed plugin: `PluginSandbox` is the implementation OvenJS ships. */
export interface SandboxLauncher {
  launch(request: SandboxLaunchRequest): Promise<OvenPlugin>;
}
