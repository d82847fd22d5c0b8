import type { HookPointTable } from '../hook-point';

/** Where a plugin came from. */
export type PluginSource = 'module' | 'package' | 'directory';

/** Payload of `pluginDiscovered` and `beforePluginLoad`. */
export interface PluginInfoPayload {
  readonly name: string;
  readonly version: string;
  readonly source: PluginSource;
}

/** What a `beforePluginLoad` handler returns to refuse a plugin. */
export interface PluginVeto {
  readonly reason: string;
}

/** Payload of `afterPluginLoad`. */
export interface PluginLoadedPayload {
  readonly name: string;
  readonly version: string;
  readonly durationMs: number;
}

/** Payload of `pluginEnabled`. */
export interface PluginEnabledPayload {
  readonly name: string;
  readonly version: string;
}

/** Payload of `pluginDisabled` and `pluginFailed`. */
export interface PluginStoppedPayload {
  readonly name: string;
  readonly version: string;
  readonly reason: string;
}

/** Payload of `pluginReloaded`. */
export interface PluginReloadedPayload {
  readonly name: string;
  readonly version: string;
  readonly previousVersion: string;
  readonly stateCarried: boolean;
}

/** What a sandboxed plugin did wrong. */
export type SandboxViolationKind = 'permission' | 'budget' | 'memory' | 'cpu' | 'crash';

/** Payload of `sandboxViolation`. */
export interface SandboxViolationPayload {
  readonly plugin: string;
  readonly kind: SandboxViolationKind;
  readonly detail: string;
}

/** Plugin hook signatures. */
export interface PluginHookPoints {
  pluginDiscovered: { kind: 'parallel'; payload: PluginInfoPayload };
  beforePluginLoad: { kind: 'bail'; payload: PluginInfoPayload; result: PluginVeto };
  afterPluginLoad: { kind: 'parallel'; payload: PluginLoadedPayload };
  pluginEnabled: { kind: 'parallel'; payload: PluginEnabledPayload };
  pluginDisabled: { kind: 'parallel'; payload: PluginStoppedPayload };
  pluginFailed: { kind: 'parallel'; payload: PluginStoppedPayload };
  pluginReloaded: { kind: 'parallel'; payload: PluginReloadedPayload };
  sandboxViolation: { kind: 'parallel'; payload: SandboxViolationPayload };
}

export const PLUGIN_HOOK_POINTS: HookPointTable<PluginHookPoints> = {
  pluginDiscovered: {
    kind: 'parallel',
    description: 'A plugin\'s manifest or @Plugin class was found and validated.',
    payloadType: 'PluginInfoPayload',
    firesAt: 'PluginManager, during discovery',
  },
  beforePluginLoad: {
    kind: 'bail',
    description: 'A plugin is about to be loaded; return a PluginVeto to refuse it.',
    payloadType: 'PluginInfoPayload',
    resultType: 'PluginVeto',
    firesAt: 'PluginManager, before importing main / calling onLoad',
  },
  afterPluginLoad: {
    kind: 'parallel',
    description: 'A plugin was imported and its onLoad finished.',
    payloadType: 'PluginLoadedPayload',
    firesAt: 'PluginManager, after onLoad',
  },
  pluginEnabled: {
    kind: 'parallel',
    description: 'A plugin\'s onEnable finished; its hooks are live.',
    payloadType: 'PluginEnabledPayload',
    firesAt: 'PluginManager, after onEnable',
  },
  pluginDisabled: {
    kind: 'parallel',
    description: 'A plugin was disabled and its hooks removed.',
    payloadType: 'PluginStoppedPayload',
    firesAt: 'PluginManager, after onDisable',
  },
  pluginFailed: {
    kind: 'parallel',
    description: 'A plugin failed (manifest, dependency, import or a lifecycle method).',
    payloadType: 'PluginStoppedPayload',
    firesAt: 'PluginManager, when a plugin enters the failed status',
  },
  pluginReloaded: {
    kind: 'parallel',
    description: 'A plugin was hot reloaded.',
    payloadType: 'PluginReloadedPayload',
    firesAt: 'PluginReloader, after the fresh version is enabled',
  },
  sandboxViolation: {
    kind: 'parallel',
    description: 'A sandboxed plugin was denied a call or stopped for a resource limit.',
    payloadType: 'SandboxViolationPayload',
    firesAt: 'PluginSandbox, on a denied call, an exhausted budget or a terminated worker',
  },
};
