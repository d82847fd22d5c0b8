import type { APIUser, GatewayIntentBits } from 'discord-api-types/v10';
import type { HookPointTable } from '../hook-point';

/** Payload of `applicationBootstrap`: the moment every module has initialised. */
export interface ApplicationBootstrapPayload {
  readonly startedAt: number;
}

/** Payload of `beforeClientLogin`: what the client is about to log in with. */
export interface ClientLoginPayload {
  intents: number | readonly GatewayIntentBits[];
  shardCount: number | 'auto';
}

/** Payload of `beforeClientReady` and `afterClientReady`. */
export interface ClientReadyPayload {
  /** The bot user from READY (`undefined` only when the cache is off). */
  readonly user: Pick<APIUser, 'id' | 'username'> | undefined;
  readonly shardCount: number;
  readonly guildCount: number;
}

/** Payload of `clientError` and `clientDebug`. */
export interface ClientDiagnosticPayload {
  readonly source: string;
  readonly message: string;
  readonly error?: unknown;
}

/** Payload of `beforeShutdown` and `afterShutdown`. */
export interface ShutdownPayload {
  readonly signal: string | undefined;
}

/** Lifecycle hook signatures. */
export interface LifecycleHookPoints {
  applicationBootstrap: { kind: 'series'; payload: ApplicationBootstrapPayload };
  beforeClientLogin: { kind: 'waterfall'; payload: ClientLoginPayload };
  beforeClientReady: { kind: 'series'; payload: ClientReadyPayload };
  afterClientReady: { kind: 'parallel'; payload: ClientReadyPayload };
  clientError: { kind: 'parallel'; payload: ClientDiagnosticPayload };
  clientDebug: { kind: 'parallel'; payload: ClientDiagnosticPayload };
  beforeShutdown: { kind: 'series'; payload: ShutdownPayload };
  afterShutdown: { kind: 'parallel'; payload: ShutdownPayload };
}

export const LIFECYCLE_HOOK_POINTS: HookPointTable<LifecycleHookPoints> = {
  applicationBootstrap: {
    kind: 'series',
    description: 'Every module is initialised; last chance to prepare before the bot connects.',
    payloadType: 'ApplicationBootstrapPayload',
    firesAt: 'HooksModule, in the application\'s onApplicationBootstrap phase',
  },
  beforeClientLogin: {
    kind: 'waterfall',
    description: 'The client is about to log in; handlers may change intents or the shard count.',
    payloadType: 'ClientLoginPayload',
    firesAt: 'Client, before the shard manager connects',
  },
  beforeClientReady: {
    kind: 'series',
    description: 'Every shard is ready; runs (awaited) before the client reports ready.',
    payloadType: 'ClientReadyPayload',
    firesAt: 'Client, when the last shard is ready, before its ready event',
  },
  afterClientReady: {
    kind: 'parallel',
    description: 'The client reported ready.',
    payloadType: 'ClientReadyPayload',
    firesAt: 'Client, after its ready event',
  },
  clientError: {
    kind: 'parallel',
    description: 'An engine reported an error it recovered from or could not handle.',
    payloadType: 'ClientDiagnosticPayload',
    firesAt: 'Client, on its error event',
  },
  clientDebug: {
    kind: 'parallel',
    description: 'An engine emitted a debug message.',
    payloadType: 'ClientDiagnosticPayload',
    firesAt: 'Client, on its debug event',
  },
  beforeShutdown: {
    kind: 'series',
    description: 'The application is closing; runs before providers are destroyed.',
    payloadType: 'ShutdownPayload',
    firesAt: 'HooksModule, in the application\'s beforeApplicationShutdown phase',
  },
  afterShutdown: {
    kind: 'parallel',
    description: 'The application has closed its providers.',
    payloadType: 'ShutdownPayload',
    firesAt: 'HooksModule, in the application\'s onApplicationShutdown phase',
  },
};
