import type { ShardManager, ShardManagerEvents } from '../../gateway';
import type { HookManager } from '../hook-manager';

/** The hook points `bridgeGatewayHooks` fires. */
export const GATEWAY_BRIDGE_HOOKS = [
  'shardConnect', 'shardReady', 'shardResume', 'shardReconnect', 'shardClose', 'shardError',
  'shardHeartbeatAck', 'shardInvalidSession', 'gatewayRawPacket', 'beforeIdentify', 'beforeGatewaySend',
] as const;

type Listener<K extends keyof ShardManagerEvents> = (...args: ShardManagerEvents[K]) => void;

/**
 * Fires the gateway hook points from a `ShardManager`'s events and stages. The notifications
 * (parallel) never delay or break a shard. The two transforms run as the manager's stages:
 * `beforeIdentify` (may be async) before each shard's identify turn, where a failing handler is
 * reported through `shardError` (printed when it has no handler) and the shard identifies unchanged; `beforeGatewaySend`
 * (handlers must be synchronous, so packets keep their order) on each `send()`, where a failing
 * or async handler makes `send()` throw `OVEN_ERR_GATEWAY_TRANSFORM_FAILED`. Heartbeats,
 * identify and resume never pass through `beforeGatewaySend`. Returns a function that detaches
 * everything.
 *
 * @example
 * ```ts
 * const detach = bridgeGatewayHooks(client.gateway, hooks);
 * hooks.register('shardClose', ({ shardId, code }) => metrics.count('close', { shardId, code }));
 * ```
 */
export function bridgeGatewayHooks(gateway: ShardManager, hooks: HookManager): () => void {
  const listeners: { [K in keyof ShardManagerEvents]?: Listener<K> } = {
    shardConnect: ({ shardId, url, resuming }) => void hooks.execute('shardConnect', { shardId, url, resuming }),
    shardReady: ({ shardId, data }) => void hooks.execute('shardReady', { shardId, sessionId: data.session_id }),
    shardResume: ({ shardId, replayed }) => void hooks.execute('shardResume', { shardId, replayed }),
    shardReconnect: ({ shardId, reason }) => void hooks.execute('shardReconnect', { shardId, reason }),
    shardClose: ({ shardId, code, reason }) => void hooks.execute('shardClose', { shardId, code, reason }),
    shardHeartbeatAck: ({ shardId, latency }) => void hooks.execute('shardHeartbeatAck', { shardId, latencyMs: latency }),
    shardInvalidSession: ({ shardId, resumable }) => void hooks.execute('shardInvalidSession', { shardId, resumable }),
  };
  const entries = Object.entries(listeners) as [keyof ShardManagerEvents & string, Listener<keyof ShardManagerEvents>][];
  for (const [event, listener] of entries) gateway.on(event, listener as never);
  // Listening to 'error' replaces the manager's default of printing it: take errors over only
  // while a shardError handler exists, so they are never silent.
  const onError: Listener<'error'> = (error) => {
    const shardId = (error as { shardId?: unknown }).shardId;
    void hooks.execute('shardError', { shardId: typeof shardId === 'number' ? shardId : undefined, error });
  };
  const stopErrors = hooks.whileHandled('shardError', () => {
    gateway.on('error', onError);
    return () => gateway.off('error', onError);
  });
  // Every dispatch passes here: listen only while a gatewayRawPacket handler exists.
  const onDispatch: Listener<'dispatch'> = (packet, shardId) => void hooks.execute('gatewayRawPacket', { shardId, packet });
  const stopRaw = hooks.whileHandled('gatewayRawPacket', () => {
    gateway.on('dispatch', onDispatch);
    return () => gateway.off('dispatch', onDispatch);
  });
  const removeIdentify = gateway.addIdentifyTransform(async (identify, shardId) =>
    hooks.has('beforeIdentify') ? (await hooks.execute('beforeIdentify', { shardId, identify })).identify : identify,
  );
  const removeSend = gateway.addSendTransform((packet, shardId) =>
    hooks.has('beforeGatewaySend') ? hooks.executeSync('beforeGatewaySend', { shardId, packet }).packet : packet,
  );
  return () => {
    for (const [event, listener] of entries) gateway.off(event, listener as never);
    stopRaw();
    stopErrors();
    removeIdentify();
    removeSend();
  };
}
