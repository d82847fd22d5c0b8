import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { HookName, SandboxViolationKind } from '../../hooks';
import { DISPOSE_PLUGIN, type DisposablePlugin } from '../dispose-instance';
import { errorMessage } from '../error-message';
import { PluginError } from '../plugin.error';
import type { OvenPlugin, PluginContext } from '../plugin-lifecycle';
import { ApiBudget } from './api-budget';
import { CpuWatchdog } from './cpu-watchdog';
import type { SandboxLaunchRequest, SandboxOptions } from './sandbox-options';
import { permissionFor } from './sandbox-permissions';
import type { HostMessage, SandboxErrorShape, WorkerMessage } from './sandbox-protocol';

type Pending = { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout };

/**
 * The host side of one sandboxed plugin: looks like any plugin to the manager, forwards its
 * lifecycle and hook calls to the worker, and answers the worker's bridge calls after checking
 * permissions and the API budget.
 */
export class SandboxedPlugin implements OvenPlugin, DisposablePlugin {
  private readonly pending = new Map<number, Pending>();
  private readonly budget: ApiBudget;
  private readonly watchdog: CpuWatchdog;
  private context: PluginContext | undefined;
  private nextId = 1;
  private dead: string | undefined;
  private stopping = false;
  // Between onDisable and the next onLoad/onEnable the plugin is off: its hooks are gone, and the
  // timers it keeps in the worker must not reach the bot either.
  private disabled = false;

  public constructor(
    private readonly worker: Worker,
    private readonly request: SandboxLaunchRequest,
    private readonly options: Required<Omit<SandboxOptions, 'rest'>> & Pick<SandboxOptions, 'rest'>,
  ) {
    this.budget = new ApiBudget(options.apiCallsPerMinute);
    this.watchdog = new CpuWatchdog(worker, options.cpuTimeLimitMs, (busyMs) =>
      this.kill('cpu', `its event loop was busy for ${Math.round(busyMs)} ms without a break (limit ${options.cpuTimeLimitMs} ms)`),
    );
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.kill('memory', `it exceeded its memory limit of ${options.memoryLimitMb} MB`);
      } else {
        this.kill('crash', `it crashed: ${errorMessage(error)}`);
      }
    });
    worker.on('exit', (code) => {
      if (!this.stopping) this.kill('crash', `its worker exited with code ${code}`);
    });
  }

  /** Waits for the worker to import the plugin's main. */
  public ready(): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'ready') done(undefined);
        if (message.type === 'loadError') done(new PluginError('OVEN_ERR_PLUGIN_IMPORT_FAILED', this.request.name, `Sandboxed plugin "${this.request.name}" failed to load: ${message.error.message}`));
      };
      const onExit = (): void => done(new PluginError('OVEN_ERR_PLUGIN_SANDBOX_KILLED', this.request.name, `Sandboxed plugin "${this.request.name}" stopped while loading: ${this.dead ?? 'worker exited'}`));
      const done = (error: Error | undefined): void => {
        this.worker.off('message', onMessage);
        this.worker.off('exit', onExit);
        // Idle workers do not keep the process alive (a forgotten stop() must not hang the bot's
        // exit); calls in flight ref it again, see call().
        this.worker.unref();
        if (error === undefined) resolvePromise();
        else {
          void this.terminate();
          reject(error);
        }
      };
      this.worker.on('message', onMessage);
      this.worker.on('exit', onExit);
    });
  }

  public onLoad(context: PluginContext, state?: unknown): Promise<void> {
    this.context = context;
    this.disabled = false;
    return this.call({ type: 'call', id: 0, method: 'onLoad', state }) as Promise<void>;
  }

  public onEnable(context: PluginContext): Promise<void> {
    this.context = context;
    this.disabled = false;
    return this.call({ type: 'call', id: 0, method: 'onEnable' }) as Promise<void>;
  }

  public async onDisable(): Promise<void> {
    try {
      await this.call({ type: 'call', id: 0, method: 'onDisable' });
    } finally {
      this.disabled = true;
    }
  }

  /** Hands over the plugin's state; the worker stays until it is disposed (a failed reload starts it again). */
  public async onUnload(): Promise<unknown> {
    if (this.dead !== undefined) return undefined;
    return this.call({ type: 'call', id: 0, method: 'onUnload' });
  }

  /** Terminates the worker: the manager calls it once this instance is gone for good. */
  public async [DISPOSE_PLUGIN](): Promise<void> {
    await this.terminate();
  }

  private async terminate(): Promise<void> {
    this.stopping = true;
    // Later calls (an onUnload after a failure) answer at once instead of waiting out the timeout.
    this.dead ??= 'it was shut down';
    this.watchdog.stop();
    await this.worker.terminate();
  }

  private kill(kind: SandboxViolationKind, detail: string): void {
    if (this.dead !== undefined || this.stopping) return;
    this.dead = detail;
    this.stopping = true;
    this.watchdog.stop();
    void this.worker.terminate();
    const error = new PluginError(
      'OVEN_ERR_PLUGIN_SANDBOX_KILLED',
      this.request.name,
      `Sandboxed plugin "${this.request.name}" was terminated: ${detail}.`,
    );
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
      this.pending.delete(id);
    }
    this.request.report({ kind, detail, fatal: true });
  }

  private call(message: HostMessage): Promise<unknown> {
    if (this.dead !== undefined) {
      return Promise.reject(new PluginError('OVEN_ERR_PLUGIN_SANDBOX_KILLED', this.request.name, `Sandboxed plugin "${this.request.name}" is not running: ${this.dead}.`));
    }
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.settle(id);
        const detail = `it did not answer ${message.type === 'call' ? message.method : 'a hook call'} within ${this.options.callTimeoutMs} ms`;
        reject(new PluginError('OVEN_ERR_PLUGIN_SANDBOX_TIMEOUT', this.request.name, `Sandboxed plugin "${this.request.name}" was terminated: ${detail}.`));
        // A hung worker would otherwise live on with its timers, still calling the bridge after
        // the plugin was failed and its hooks removed.
        this.kill('crash', detail);
      }, this.options.callTimeoutMs);
      timer.unref();
      this.pending.set(id, { resolve: resolvePromise, reject, timer });
      this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }

  private settle(id: number): Pending | undefined {
    const waiter = this.pending.get(id);
    if (waiter === undefined) return undefined;
    this.pending.delete(id);
    clearTimeout(waiter.timer);
    if (this.pending.size === 0) this.worker.unref();
    return waiter;
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'result') {
      const waiter = this.settle(message.id);
      if (waiter === undefined) return;
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(Object.assign(new Error(message.error?.message ?? 'failed'), { code: message.error?.code }));
    } else if (message.type === 'bridge') {
      void this.answer(message.id, message.op, message.args);
    }
  }

  private async answer(id: number, op: string, args: Record<string, unknown>): Promise<void> {
    let reply: HostMessage;
    try {
      reply = { type: 'bridgeResult', id, ok: true, value: await this.perform(op, args) };
    } catch (error) {
      const shape: SandboxErrorShape = { message: errorMessage(error), ...(typeof (error as { code?: unknown }).code === 'string' ? { code: (error as { code: string }).code } : {}) };
      reply = { type: 'bridgeResult', id, ok: false, error: shape };
    }
    if (this.dead === undefined) this.worker.postMessage(reply);
  }

  private deny(kind: 'permission' | 'budget', detail: string): never {
    this.request.report({ kind, detail, fatal: false });
    throw new PluginError(kind === 'permission' ? 'OVEN_ERR_PLUGIN_PERMISSION_DENIED' : 'OVEN_ERR_PLUGIN_BUDGET_EXCEEDED', this.request.name, detail);
  }

  private async perform(op: string, args: Record<string, unknown>): Promise<unknown> {
    const name = this.request.name;
    if (this.disabled) {
      throw new PluginError('OVEN_ERR_PLUGIN_PERMISSION_DENIED', name, `Plugin "${name}" is disabled: its calls are refused until it is enabled again.`);
    }
    const needed = permissionFor(op, args);
    if (needed === undefined) this.deny('permission', `Plugin "${name}" called unknown bridge operation "${op}".`);
    if (needed.length > 0 && !needed.some((permission) => this.request.permissions.includes(permission))) {
      this.deny('permission', `Plugin "${name}" called ${op} without permission: add "${needed[0]}" to "permissions" in plugin.json.`);
    }
    // The id goes into the route: anything but digits could reach another endpoint ("1/invites?").
    if (op === 'messages.send' && !/^\d{1,20}$/.test(String(args['channelId']))) {
      this.deny('permission', `Plugin "${name}" called messages.send with channel id ${JSON.stringify(String(args['channelId']))}, which is not a snowflake.`);
    }
    if (op !== 'hooks.register' && !this.budget.take()) {
      this.deny('budget', `Plugin "${name}" exceeded its budget of ${this.options.apiCallsPerMinute} API calls per minute.`);
    }
    switch (op) {
      case 'hooks.register':
        return this.registerHook(String(args['hook']), Number(args['handlerId']), Number(args['priority'] ?? 0));
      case 'messages.send':
        return this.rest().request('POST', `/channels/${String(args['channelId'])}/messages`, { body: args['body'] });
      case 'rest.request':
        return this.rest().request(String(args['method']) as 'GET', String(args['route']) as `/${string}`, { body: args['body'] });
      case 'fs.readFile':
        return readFile(await this.insideRoot(String(args['path'])), 'utf8');
      default: {
        const response = await fetch(String(args['url']));
        return { status: response.status, body: await response.text() };
      }
    }
  }

  private rest(): NonNullable<SandboxOptions['rest']> {
    if (this.options.rest === undefined) {
      throw new PluginError('OVEN_ERR_PLUGIN_SANDBOX_UNAVAILABLE', this.request.name, 'The sandbox has no REST client to forward calls to: pass `rest` in its options.');
    }
    return this.options.rest;
  }

  private async insideRoot(path: string): Promise<string> {
    const root = await realpath(this.request.root);
    const target = await realpath(resolve(root, path));
    const rel = relative(root, target);
    if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      this.deny('permission', `Plugin "${this.request.name}" may only read files inside its own folder, not ${path}.`);
    }
    return target;
  }

  private registerHook(hook: string, handlerId: number, priority: number): boolean {
    const context = this.context;
    if (context === undefined) throw new PluginError('OVEN_ERR_PLUGIN_SANDBOX_STATE', this.request.name, 'Hooks can be registered from onLoad or onEnable only.');
    context.hooks.register(hook as HookName, ((payload: unknown) => this.call({ type: 'hook', id: 0, handlerId, payload })) as never, { priority, label: `${this.request.name}#${handlerId}` });
    return true;
  }
}
