import { GatewayOpcodes } from 'discord-api-types/v10';
import { FakeGatewayError } from './fake-gateway-error';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import { opFrame } from './gateway-frames';
import { describeSelector, matchesSelector, type SessionSelector } from './session-selector';

/**
 * Faults on demand, each aimed at the open sockets a selector matches and returning how many it
 * hit. A selector that matches nothing throws, so a test never passes by faulting nobody.
 *
 * @example
 * ```ts
 * gateway.faults.stopHeartbeatAcks({ shard: 0 }); // the client should detect a zombie and resume
 * gateway.faults.reconnect({ shard: 1 });        // op 7
 * gateway.faults.invalidateSession({}, false);   // op 9 d:false to everyone
 * ```
 */
export class GatewayFaults {
  public constructor(private readonly core: GatewayCore) {}

  /** Stops answering heartbeats with op 11 (a zombie connection, as the client sees it). */
  public stopHeartbeatAcks(selector: SessionSelector = {}): number {
    return this.each(selector, (connection) => {
      connection.ackHeartbeats = false;
    });
  }

  /** Answers heartbeats again. */
  public resumeHeartbeatAcks(selector: SessionSelector = {}): number {
    return this.each(selector, (connection) => {
      connection.ackHeartbeats = true;
    });
  }

  /** Drops the TCP connection without a close frame; the session stays resumable. */
  public drop(selector: SessionSelector = {}): number {
    return this.each(selector, (connection) => connection.terminate());
  }

  /** Sends op 7 Reconnect; closes with 4000 later if the client stays (`reconnectCloseDelayMs`). */
  public reconnect(selector: SessionSelector = {}): number {
    return this.each(selector, (connection) => {
      connection.send(opFrame(GatewayOpcodes.Reconnect, 'null'));
      connection.closeLater(this.core.options.reconnectCloseDelayMs, 4000, 'Reconnect requested');
    });
  }

  /** Sends op 9 Invalid Session; with `resumable: false` the session is gone. */
  public invalidateSession(selector: SessionSelector, resumable: boolean): number {
    return this.each(selector, (connection) =>
      this.core.invalidSession(connection, resumable, 'invalidated by a fault'),
    );
  }

  /** Sends op 1: the client must heartbeat at once. */
  public requestHeartbeat(selector: SessionSelector = {}): number {
    return this.each(selector, (connection) => connection.send(opFrame(GatewayOpcodes.Heartbeat, 'null')));
  }

  /** Delays everything the matched sockets send by `ms` (0 removes the delay). */
  public setLatency(selector: SessionSelector, ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new FakeGatewayError('OVEN_ERR_FAKE_GATEWAY_OPTIONS', `setLatency needs a delay in ms >= 0, got ${String(ms)}.`);
    }
    return this.each(selector, (connection) => {
      connection.latencyMs = ms;
    });
  }

  /** Closes the matched sockets with any code, e.g. 4000 or 4009, as the server would. */
  public close(selector: SessionSelector, code: number, reason = 'Closed by a fault'): number {
    if (!Number.isInteger(code) || code < 1000 || code > 4999 || (code >= 1004 && code <= 1006) || code === 1015) {
      throw new FakeGatewayError(
        'OVEN_ERR_FAKE_GATEWAY_OPTIONS',
        `close needs a code a server may send (1000-4999, not 1004-1006 or 1015), got ${String(code)}. Use drop() for a connection lost without a close frame.`,
      );
    }
    return this.each(selector, (connection) => this.core.protocolClose(connection, code, reason));
  }

  private each(selector: SessionSelector, act: (connection: GatewayConnection) => void): number {
    const targets = this.core.connections.filter((c) => c.isOpen && c.serverClose === null && matchesSelector(c, selector));
    if (targets.length === 0) {
      const open = this.core.connections
        .filter((c) => c.isOpen)
        .map((c) => `connection ${c.id}${c.session === null ? '' : ` (shard ${c.session.shardId}, session ${c.session.id})`}`);
      throw new FakeGatewayError(
        'OVEN_ERR_FAKE_GATEWAY_NO_MATCH',
        `No open gateway connection matches ${describeSelector(selector)}. Open: ${open.join(', ') || 'none'}. ` +
          'Wait for the client first, e.g. await gateway.waitFor("ready").',
      );
    }
    for (const target of targets) act(target);
    return targets.length;
  }
}
