import { LeanSocket } from './lean-socket';
import type { GatewaySocket, GatewaySocketHandlers, GatewaySocketOptions, GatewayTransportKind } from './transport-types';
import { WsSocket } from './ws-socket';

/**
 * Opens a gateway WebSocket with the chosen transport (`'lean'` unless told otherwise).
 *
 * @example
 * ```ts
 * const socket = openGatewaySocket('lean', new URL(url), handlers);
 * ```
 */
export function openGatewaySocket(kind: GatewayTransportKind, url: URL, handlers: GatewaySocketHandlers, options?: GatewaySocketOptions): GatewaySocket {
  return kind === 'ws' ? new WsSocket(url, handlers, options) : new LeanSocket(url, handlers, options);
}
