import { Worker } from 'node:worker_threads';
import type { OvenPlugin } from '../plugin-lifecycle';
import type { SandboxLaunchRequest, SandboxOptions } from './sandbox-options';
import type { SandboxWorkerData } from './sandbox-protocol';
import { SandboxedPlugin } from './sandboxed-plugin';
import { sandboxWorkerSource } from './worker-main';

/**
 * Runs plugins whose manifest says `"sandbox": true` in a `worker_threads` worker each, with a
 * heap limit, a CPU watchdog, a per-minute API budget, an empty environment (no bot token), a
 * module gate and a bridge checked against the manifest's permissions. Read docs/plugins.md for
 * what this does and does not protect against.
 *
 * @example
 * ```ts
 * const plugins = new PluginManager({
 *   directories: ['./untrusted-plugins'],
 *   sandbox: new PluginSandbox({ rest, memoryLimitMb: 32, apiCallsPerMinute: 30 }),
 * });
 * ```
 */
export class PluginSandbox {
  private readonly settings: Required<Omit<SandboxOptions, 'rest'>> & Pick<SandboxOptions, 'rest'>;

  public constructor(options: SandboxOptions = {}) {
    this.settings = {
      memoryLimitMb: options.memoryLimitMb ?? 64,
      cpuTimeLimitMs: options.cpuTimeLimitMs ?? 2000,
      apiCallsPerMinute: options.apiCallsPerMinute ?? 60,
      callTimeoutMs: options.callTimeoutMs ?? 5000,
      ...(options.rest === undefined ? {} : { rest: options.rest }),
    };
  }

  public async launch(request: SandboxLaunchRequest): Promise<OvenPlugin> {
    const workerData: SandboxWorkerData = {
      name: request.name,
      version: request.version,
      main: request.mainFile,
      permissions: [...request.permissions],
    };
    const worker = new Worker(sandboxWorkerSource, {
      eval: true,
      workerData,
      env: {},
      resourceLimits: {
        maxOldGenerationSizeMb: this.settings.memoryLimitMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.ceil(this.settings.memoryLimitMb / 8)),
        stackSizeMb: 4,
      },
    });
    const plugin = new SandboxedPlugin(worker, request, this.settings);
    await plugin.ready();
    return plugin;
  }
}
