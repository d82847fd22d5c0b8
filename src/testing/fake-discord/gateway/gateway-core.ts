import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayIntentBits } from 'discord-api-types/v10';
import type { WebSocket } from 'ws';
import type { GatewayWorldView, WorldDispatch } from '../world-events';
import { BoundedLog } from './bounded-log';
import { closeEndsSession } from './session-close-policy';
import type { FakeGatewayEvents, GatewaySessionSnapshot, GatewayViolation } from './gateway-events';
import { GatewayConnection, type ConnectionHost, type ConnectionQuery } from './gateway-connection';
import { opFrame } from './gateway-frames';
import type { GatewaySession } from './gateway-session';
import { IdentifyThrottle } from './identify-throttle';
import type { ResolvedGatewayOptions } from './fake-gateway-options';
import { handlePayload } from './inbound-payload';

type Emit = <K extends keyof FakeGatewayEvents>(event: K, ...args: FakeGatewayEvents[K]) => void;

/**
 * The fake gateway's state and mechanics: sockets, sessions, routing of world dispatches. The public
 * `FakeGateway` wraps it; protocol handlers (`inbound-payload`, `identify-handler`, ...) act on it.
 */
export class GatewayCore implements ConnectionHost {
  public readonly sessions = new Map<string, GatewaySession>();
  public readonly connections: GatewayConnection[] = [];
  public readonly violations = new BoundedLog<GatewayViolation>(1000);
  public readonly identifyThrottle: IdentifyThrottle;
  public readonly recordFrames: boolean;
  public readonly recordLimit: number;
  public readonly heartbeatTimeoutMs: number;
  public readonly sendLimit: { readonly count: number; readonly windowMs: number };
  /** When each guild's member list was last requested in full (op 8 `query: ""`, `limit: 0`). */
  public readonly allMembersRequestedAt = new Map<string, number>();
  private readonly resumeUrls = new WeakMap<GatewayConnection, string>();
  private nextConnectionId = 1;
  private shuttingDown = false;

  public constructor(
    public readonly world: GatewayWorldView,
    public readonly options: ResolvedGatewayOptions,
    public readonly emit: Emit,
  ) {
    this.identifyThrottle = new IdentifyThrottle(options.identifyIntervalMs);
    this.recordFrames = options.recordFrames;
    this.recordLimit = options.recordLimit;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs;
    this.sendLimit = options.sendLimit;
  }

  /** Takes over an upgraded socket: Hello first, then every client frame through the protocol. */
  public accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, query: ConnectionQuery): GatewayConnection {
    const connection = new GatewayConnection(this.nextConnectionId++, ws, socket, query, this);
    this.connections.push(connection);
    // A client that reached us over TLS resumes over TLS too.
    const scheme = (request.socket as { encrypted?: boolean }).encrypted === true ? 'wss' : 'ws';
    const base = this.options.publicUrl ?? `${scheme}://${request.headers.host ?? '127.0.0.1'}`;
    this.resumeUrls.set(connection, base + this.options.resumeUrlPath);
    ws.on('message', (data, isBinary) => handlePayload(this, connection, toBuffer(data), isBinary));
    ws.on('close', (code, reason) => this.onSocketClosed(connection, code, reason.toString()));
    // Socket errors (a client vanishing mid-frame) end in 'close'; nothing else to do here.
    ws.on('error', () => undefined);
    this.emit('connection', { connectionId: connection.id, query });
    connection.send(opFrame(10, `{"heartbeat_interval":${this.options.heartbeatIntervalMs}}`));
    return connection;
  }

  /** READY's `resume_gateway_url` for a client on `connection`: the address it reached us at. */
  public resumeUrlFor(connection: GatewayConnection): string {
    return this.resumeUrls.get(connection) ?? this.options.publicUrl ?? 'ws://127.0.0.1';
  }

  /** Closes a socket for a protocol error; the session's fate is decided when the close completes. */
  public protocolClose(connection: GatewayConnection, code: number, reason: string): void {
    connection.close(code, reason);
  }

  /** Sends op 9 and detaches the socket from its session (ending the session unless resumable). */
  public invalidSession(connection: GatewayConnection, resumable: boolean, reason: string): void {
    connection.send(opFrame(9, resumable ? 'true' : 'false'));
    const session = connection.session;
    if (session === null) return;
    connection.session = null;
    session.connection = null;
    if (resumable) session.startExpiry(this.options.resumeWindowMs, () => this.endSession(session, 'resume window elapsed'));
    else this.endSession(session, reason);
  }

  /** Ends every session, live or waiting to resume: live sockets get op 9 `false` and lose theirs. */
  public terminateAllSessions(reason: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.connection !== null) this.invalidSession(session.connection, false, reason);
      else this.endSession(session, reason);
    }
  }

  public violation(violation: GatewayViolation): void {
    this.violations.push(violation);
    this.emit('violation', violation);
  }

  /** Binds a session to a socket, taking it away from any older socket still open. */
  public attach(session: GatewaySession, connection: GatewayConnection): void {
    const previous = session.connection;
    if (previous !== null && previous !== connection) {
      previous.session = null;
      previous.terminate();
    }
    session.stopExpiry();
    session.connection = connection;
    connection.session = session;
    connection.payloadCompression = session.identify.compress === true && connection.query.compress === null;
  }

  public endSession(session: GatewaySession, reason: string): void {
    if (this.sessions.get(session.id) !== session) return;
    session.stopExpiry();
    this.sessions.delete(session.id);
    if (session.connection !== null) session.connection.session = null;
    session.connection = null;
    this.emit('sessionEnd', { sessionId: session.id, reason });
  }

  /** The heartbeat timeout fired: Discord closes with 4009 and the session is gone. */
  public onHeartbeatTimeout(connection: GatewayConnection): void {
    this.violation({
      kind: 'heartbeat-timeout',
      connectionId: connection.id,
      shard: connection.session === null ? null : [connection.session.shardId, connection.session.shardCount],
      message: `No heartbeat within ${this.heartbeatTimeoutMs} ms`,
      response: { close: 4009 },
    });
    this.protocolClose(connection, 4009, 'Session timed out: no heartbeat received in time');
  }

  /** Fans one world event out to every session whose shard owns the guild and whose intents allow it. */
  public route(dispatch: WorldDispatch): void {
    if (this.sessions.size === 0) return;
    let json: string | undefined;
    let redacted: string | undefined;
    const high = dispatch.guildId === null ? null : BigInt(dispatch.guildId) >> 22n;
    for (const session of this.sessions.values()) {
      if ((session.intents & dispatch.intents) !== dispatch.intents) continue;
      const shard = high === null || session.shardCount === 1 ? 0 : Number(high % BigInt(session.shardCount));
      if (shard !== session.shardId) continue;
      if (dispatch.withoutMessageContent !== undefined && (session.intents & GatewayIntentBits.MessageContent) === 0) {
        redacted ??= JSON.stringify(dispatch.withoutMessageContent);
        session.dispatch(dispatch.t, redacted);
      } else {
        json ??= JSON.stringify(dispatch.d);
        session.dispatch(dispatch.t, json);
      }
    }
  }

  public snapshot(session: GatewaySession): GatewaySessionSnapshot {
    return {
      sessionId: session.id,
      shard: [session.shardId, session.shardCount],
      intents: session.intents,
      identify: session.identify,
      seq: session.seq,
      connectionId: session.connection?.id ?? null,
      resumes: session.resumes,
      presence: session.presence,
    };
  }

  /** Drops every socket and forgets every session; the fake is shutting down. */
  public closeAll(): void {
    this.shuttingDown = true;
    for (const connection of this.connections) connection.terminate();
    for (const session of this.sessions.values()) session.stopExpiry();
    this.sessions.clear();
  }

  private forgetOldClosedConnections(): void {
    let closed = 0;
    for (const connection of this.connections) if (!connection.isOpen) closed += 1;
    for (let i = 0; closed > this.options.closedConnectionLimit && i < this.connections.length; ) {
      if ((this.connections[i] as GatewayConnection).isOpen) i += 1;
      else {
        this.connections.splice(i, 1);
        closed -= 1;
      }
    }
  }

  private onSocketClosed(connection: GatewayConnection, clientCode: number, clientReason: string): void {
    const initiator = connection.serverClose === null ? 'client' : 'server';
    const code = connection.serverClose?.code ?? clientCode;
    const reason = connection.serverClose?.reason ?? clientReason;
    connection.dispose();
    this.forgetOldClosedConnections();
    const session = connection.session;
    let sessionEnded = false;
    if (session !== null) {
      connection.session = null;
      session.connection = null;
      sessionEnded = this.shuttingDown || closeEndsSession(initiator, code);
      if (sessionEnded) this.endSession(session, this.shuttingDown ? 'the fake gateway closed' : `socket closed with ${code}`);
      else session.startExpiry(this.options.resumeWindowMs, () => this.endSession(session, 'resume window elapsed'));
    }
    this.emit('close', {
      connectionId: connection.id,
      sessionId: session?.id ?? null,
      code,
      reason,
      initiator,
      sessionEnded,
    });
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
