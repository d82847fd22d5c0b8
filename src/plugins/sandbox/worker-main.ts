/**
 * The code that runs inside a sandbox worker. It is started from its own source text
 * (`sandboxWorkerSource`), so it must not use anything from this module's scope: every import is a
 * `require` inside the function. That also makes the worker independent of how OvenJS itself is
 * loaded (compiled `dist/`, ts-node, or a test runner's transform).
 */
/* istanbul ignore next */
export function sandboxWorkerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const NodeModule = require('node:module') as {
    _load(request: string, parent: unknown, isMain: boolean): unknown;
    isBuiltin(name: string): boolean;
  };
  const port = parentPort as import('node:worker_threads').MessagePort;
  const data = workerData as { name: string; version: string; main: string; permissions: string[] };
  const permissions = new Set(data.permissions);
  const forbidden = new Set(['child_process', 'cluster', 'worker_threads', 'vm', 'inspector', 'v8', 'module', 'repl', 'wasi', 'trace_events']);
  const network = new Set(['net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls']);
  const denied = (what: string, permission?: string): Error =>
    Object.assign(
      new Error(
        permission === undefined
          ? `Plugin "${data.name}" may not use ${what} in the sandbox.`
          : `Plugin "${data.name}" may not use ${what} without the "${permission}" permission in plugin.json.`,
      ),
      { code: 'OVEN_ERR_PLUGIN_PERMISSION_DENIED' },
    );

  // The module gate: every require of plugin code (and of its own dependencies) passes here.
  const originalLoad = NodeModule._load;
  NodeModule._load = function gatedLoad(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (NodeModule.isBuiltin(request)) {
      const name = request.replace(/^node:/, '').split('/')[0] as string;
      if (forbidden.has(name)) throw denied(`"${request}"`);
      if (network.has(name) && !permissions.has('net')) throw denied(`"${request}"`, 'net');
      // Never the raw module, whatever the permissions: it reaches the whole disk (the bot's .env,
      // /proc/self/environ with its token). Reads go through context.fs.readFile, kept inside the folder.
      if (name === 'fs') throw denied(`"${request}" (read files inside the plugin folder with context.fs.readFile)`);
    }
    return originalLoad.call(this, request, parent, isMain);
  } as typeof originalLoad;
  // Node's global fetch is built in, not required: the module gate never sees it.
  if (!permissions.has('net')) {
    const global = globalThis as unknown as Record<string, unknown>;
    for (const key of ['fetch', 'WebSocket', 'EventSource']) {
      if (!(key in global)) continue;
      Object.defineProperty(global, key, {
        configurable: false,
        writable: false,
        value: function refused(): never {
          throw denied(key, 'net');
        },
      });
    }
  }
  const proc = process as unknown as Record<string, unknown>;
  // kill/_kill reach any process of the user, the bot's own included; abort and the id/umask
  // setters act on the whole process, not the worker.
  for (const key of ['binding', '_linkedBinding', 'dlopen', 'kill', '_kill', 'abort', 'umask', 'setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups']) {
    proc[key] = () => {
      throw denied(`process.${key}`);
    };
  }

  const toShape = (error: unknown): { message: string; code?: string } => {
    const e = error as { message?: unknown; code?: unknown } | null;
    const shape: { message: string; code?: string } = { message: typeof e?.message === 'string' ? e.message : String(error) };
    if (typeof e?.code === 'string') shape.code = e.code;
    return shape;
  };

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const bridge = (op: string, args: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ type: 'bridge', id, op, args });
    });
  const handlers = new Map<number, (payload: unknown) => unknown>();
  const context = Object.freeze({
    name: data.name,
    version: data.version,
    permissions: [...permissions],
    hooks: {
      register(hook: string, handler: (payload: unknown) => unknown, options?: { priority?: number }): Promise<unknown> {
        const handlerId = nextId++;
        handlers.set(handlerId, handler);
        return bridge('hooks.register', { hook, handlerId, priority: options?.priority ?? 0 });
      },
    },
    messages: { send: (channelId: string, body: unknown) => bridge('messages.send', { channelId, body }) },
    rest: { request: (method: string, route: string, body?: unknown) => bridge('rest.request', { method, route, body }) },
    fs: { readFile: (path: string) => bridge('fs.readFile', { path }) },
    net: { fetch: (url: string) => bridge('net.fetch', { url }) },
  });

  let plugin: Record<string, unknown>;
  try {
    let exported = originalLoad(data.main, null, false) as Record<string, unknown> | (new () => Record<string, unknown>);
    if (typeof exported === 'object' && exported !== null && 'default' in exported && typeof exported['onLoad'] !== 'function') {
      exported = exported['default'] as typeof exported;
    }
    plugin = typeof exported === 'function' ? new exported() : exported;
    if (plugin === null || typeof plugin !== 'object') throw new Error(`${data.main} does not export a plugin object or class`);
  } catch (error) {
    port.postMessage({ type: 'loadError', error: toShape(error) });
    return;
  }

  const reply = (id: number, run: () => unknown): void => {
    Promise.resolve()
      .then(run)
      .then(
        (value) => {
          try {
            port.postMessage({ type: 'result', id, ok: true, value });
          } catch (error) {
            port.postMessage({ type: 'result', id, ok: false, error: { message: `result cannot cross the sandbox: ${toShape(error).message}` } });
          }
        },
        (error: unknown) => port.postMessage({ type: 'result', id, ok: false, error: toShape(error) }),
      );
  };
  port.on('message', (message: { type: string; id: number; [key: string]: unknown }) => {
    if (message.type === 'bridgeResult') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      const error = message['error'] as { message: string; code?: string } | undefined;
      if (message['ok'] === true) waiter?.resolve(message['value']);
      else waiter?.reject(Object.assign(new Error(error?.message ?? 'failed'), { code: error?.code }));
    } else if (message.type === 'hook') {
      reply(message.id, () => handlers.get(message['handlerId'] as number)?.(message['payload']));
    } else if (message.type === 'call') {
      const method = plugin[message['method'] as string];
      reply(message.id, () => (typeof method === 'function' ? method.call(plugin, context, message['state']) : undefined));
    }
  });
  port.postMessage({ type: 'ready' });
}

/** The worker's source text, for `new Worker(source, { eval: true })`. */
export const sandboxWorkerSource = `(${sandboxWorkerMain.toString()})();`;
