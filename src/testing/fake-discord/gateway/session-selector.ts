import type { GatewayConnection } from './gateway-connection';

/**
 * Picks connected sockets for faults and read-back. Every given field must match; `{}` matches all.
 *
 * @example
 * ```ts
 * gateway.faults.reconnect({ shard: 1 });
 * ```
 */
export interface SessionSelector {
  readonly shard?: number;
  readonly sessionId?: string;
  readonly connectionId?: number;
}

/** True when `connection` matches every field of `selector`. */
export function matchesSelector(connection: GatewayConnection, selector: SessionSelector): boolean {
  if (selector.connectionId !== undefined && connection.id !== selector.connectionId) return false;
  if (selector.sessionId !== undefined && connection.session?.id !== selector.sessionId) return false;
  if (selector.shard !== undefined && connection.session?.shardId !== selector.shard) return false;
  return true;
}

/** `{ shard: 1 }` for error messages. */
export function describeSelector(selector: SessionSelector): string {
  return JSON.stringify(selector);
}
