import type { Client, ClientDebugInfo } from '../../client';
import type { HookManager } from '../hook-manager';
import type { ClientLoginPayload, ClientReadyPayload } from '../points/lifecycle';

/** The hook points `bridgeClientHooks` fires. */
export const CLIENT_BRIDGE_HOOKS = ['beforeClientLogin', 'beforeClientReady', 'afterClientReady', 'clientError', 'clientDebug'] as const;

/** Handlers may give intents as a list of bits; anything else than integers is left for the Client to refuse. */
function intentsOf(intents: ClientLoginPayload['intents']): number {
  if (typeof intents === 'number') return intents;
  return Array.isArray(intents) && intents.every((bit) => Number.isInteger(bit)) ? intents.reduce((all, bit) => all | bit, 0) : Number.NaN;
}

function readyPayload(client: Client): ClientReadyPayload {
  const user = client.user;
  return {
    user: user === undefined ? undefined : { id: user.id, username: user.username },
    shardCount: client.gateway.shards.size,
    guildCount: client.cache.guilds.size,
  };
}

/**
 * Fires the client lifecycle hook points from a `Client`: its login stage (`beforeClientLogin`,
 * awaited in `login()` before the shards connect; it may change the intents, as a number or a
 * list of bits, and the shard count), its ready phases (`beforeClientReady` is awaited before
 * `clientReady` is emitted and `login()` resolves), and its `error` and `debug` events. Pair
 * it with `bridgeRestHooks(client.rest)`, `bridgeGatewayHooks(client.gateway)` and
 * `bridgeEventHooks(client.pipeline)` (`HooksModule` does all four). The Client's `debug` event
 * is listened to only while a `clientDebug` handler exists. The returned function removes
 * everything it added.
 *
 * @example
 * ```ts
 * bridgeClientHooks(client, hooks);
 * hooks.register('beforeClientReady', async () => { await settings.loadAll(); });
 * ```
 */
export function bridgeClientHooks(client: Client, hooks: HookManager): () => void {
  const beforeReady = (): Promise<unknown> => hooks.execute('beforeClientReady', readyPayload(client));
  const afterReady = (): Promise<unknown> => hooks.execute('afterClientReady', readyPayload(client));
  client.addReadyHook('beforeClientReady', beforeReady);
  client.addReadyHook('afterClientReady', afterReady);
  const onError = (error: Error): void => {
    // Listening changes the Client's default of printing unhandled errors; keep it when nobody
    // handles clientError, so errors are never silent.
    if (!hooks.has('clientError')) console.error('[ovenjs]', error);
    else void hooks.execute('clientError', { source: error.name, message: error.message, error });
  };
  client.on('error', onError);
  const removeLogin = client.addLoginStage(async (login) => {
    if (!hooks.has('beforeClientLogin')) return login;
    const out = await hooks.execute('beforeClientLogin', { intents: login.intents, shardCount: login.shardCount });
    return { intents: intentsOf(out.intents), shardCount: out.shardCount };
  });
  // Listening to `debug` makes the Client format a line per heartbeat, identify and rate limit:
  // listen only while a clientDebug handler exists.
  const onDebug = ({ source, message }: ClientDebugInfo): void => void hooks.execute('clientDebug', { source, message });
  const stopDebug = hooks.whileHandled('clientDebug', () => {
    client.on('debug', onDebug);
    return () => client.off('debug', onDebug);
  });
  return () => {
    client.removeReadyHook('beforeClientReady', beforeReady);
    client.removeReadyHook('afterClientReady', afterReady);
    client.off('error', onError);
    stopDebug();
    removeLogin();
  };
}
