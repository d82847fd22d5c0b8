import type { Client } from '../../client';
import type { HookManager } from '../hook-manager';
import type { ClientReadyPayload } from '../points/lifecycle';

/** The hook points `bridgeClientHooks` fires. */
export const CLIENT_BRIDGE_HOOKS = ['beforeClientReady', 'afterClientReady', 'clientError'] as const;

function readyPayload(client: Client): ClientReadyPayload {
  const user = client.user;
  return {
    user: user === undefined ? undefined : { id: user.id, username: user.username },
    shardCount: client.gateway.shards.size,
    guildCount: client.cache.guilds.size,
  };
}

/**
 * Fires the client lifecycle hook points from a `Client`: its ready phases (`beforeClientReady`
 * is awaited before `clientReady` is emitted and `login()` resolves) and its `error` event. Pair
 * it with `bridgeRestHooks(client.rest)`, `bridgeGatewayHooks(client.gateway)` and
 * `bridgeEventHooks(client.pipeline)` (`HooksModule` does all four). The Client keeps ready
 * hooks for its lifetime, so after `detach()` they step aside instead of being removed.
 *
 * @example
 * ```ts
 * bridgeClientHooks(client, hooks);
 * hooks.register('beforeClientReady', async () => { await settings.loadAll(); });
 * ```
 */
export function bridgeClientHooks(client: Client, hooks: HookManager): () => void {
  let attached = true;
  client.addReadyHook('beforeClientReady', () => (attached ? hooks.execute('beforeClientReady', readyPayload(client)) : undefined));
  client.addReadyHook('afterClientReady', () => (attached ? hooks.execute('afterClientReady', readyPayload(client)) : undefined));
  const onError = (error: Error): void => {
    // Listening changes the Client's default of printing unhandled errors; keep it when nobody
    // handles clientError, so errors are never silent.
    if (!hooks.has('clientError')) console.error('[ovenjs]', error);
    else void hooks.execute('clientError', { source: error.name, message: error.message, error });
  };
  client.on('error', onError);
  return () => {
    attached = false;
    client.off('error', onError);
  };
}
