import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GatewayDispatchEvents, GatewayReceivePayload } from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import type { GatewayWorldView, WorldDispatch } from '../world-events';
import { parseConnectionQuery } from './connection-query';
import { FakeGatewayError } from './fake-gateway-error';
import { resolveGatewayOptions, type FakeGatewayOptions, type ResolvedGatewayOptions } from './fake-gateway-options';
import type { ConnectionQuery } from './gateway-connection';
import { GatewayCore } from './gateway-core';
import type { FakeGatewayEvents, GatewaySessionSnapshot, GatewayViolation } from './gateway-events';
import { GatewayFaults } from './gateway-faults';
import type { GatewaySession } from './gateway-session';
import { matchesSelector, type SessionSelector } from './session-selector';
import { fitCloseReason } from './close-reason';

/** A socket as tests read it back: what it connected with, sent and received. */
export interface GatewayConnectionSnapshot {
  readonly connectionId: number;
  readonly sessionId: string | null;
  readonly query: ConnectionQuery;
  readonly open: boolean;
  /** Payloads the client sent, parsed (empty when `recordFrames` is off). */
  readonly received: readonly unknown[];
  /** Payloads the server sent, before transport compression (empty when `recordFrames` is off). */
  readonly sent: readonly GatewayReceivePayload[];
}

/** A dispatch injected straight into the gateway, bypassing the world. */
export interface GatewayDispatchInput {
  /** Guild that owns the event (decides the shard); omit for DMs and other shard-0 events. */
  readonly guildId?: string | null;
  /** Intent bits a session needs to receive it. @defaultValue 0 */
  readonly intents?: number;
  /** Replaces `d` for sessions without MESSAGE_CONTENT. */
  readonly withoutMessageContent?: unknown;
}

const MAX_WAIT_MS = 2_147_483_647;

/**
 * The fake Discord gateway: a `ws` server (no own port) that speaks gateway v10 on the upgrade
 * requests of an existing `node:http` server. It runs sessions from the world's state, routes the
 * world's dispatches by shard and intents, enforces Discord's limits and close codes, injects faults
 * and records everything for assertions.
 *
 * @example
 * ```ts
 * const gateway = new FakeGateway(world, { heartbeatIntervalMs: 1000 });
 * gateway.attach(httpServer);
 * const ready = await gateway.waitFor('ready');
 * gateway.faults.drop({ sessionId: ready.sessionId });
 * await gateway.waitFor('resumed');
 * await gateway.close();
 * ```
 */
export class FakeGateway extends EventEmitter<FakeGatewayEvents> {
  /** Faults on demand: zombie, drop, op 7, op 9, op 1, latency, close codes. */
  public readonly faults: GatewayFaults;
  public readonly options: ResolvedGatewayOptions;
  private readonly core: GatewayCore;
  private readonly wss: WebSocketServer;
  private readonly servers = new Set<Server>();
  private readonly onWorldDispatch = (dispatch: WorldDispatch): void => this.core.route(dispatch);
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void =>
    this.handleUpgrade(request, socket, head);
  private closed = false;
  private closing: Promise<void> | undefined;

  public constructor(
    private readonly world: GatewayWorldView,
    options: FakeGatewayOptions = {},
  ) {
    super();
    this.options = resolveGatewayOptions(options);
    this.core = new GatewayCore(world, this.options, (event, ...args) => {
      (this.emit as (name: string, ...rest: unknown[]) => boolean)(event, ...args);
    });
    this.faults = new GatewayFaults(this.core);
    // Above the 4096-byte gateway limit so oversized payloads reach us and get Discord's 4002
    // instead of ws's own 1009; the cap still bounds memory.
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
    world.on('dispatch', this.onWorldDispatch);
  }

  /**
   * Serves the gateway on every WebSocket upgrade request `server` receives.
   *
   * @example
   * ```ts
   * const gateway = new FakeGateway(world).attach(createServer(handleRest));
   * ```
   */
  public attach(server: Server): this {
    this.assertOpen('attach');
    server.on('upgrade', this.onUpgrade);
    this.servers.add(server);
    return this;
  }

  /** Handles one upgrade request (for servers that route upgrades themselves). */
  public handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const query = parseConnectionQuery(request.url);
      if (!query.ok) {
        ws.close(query.code, fitCloseReason(query.reason));
        return;
      }
      this.core.accept(ws, socket, request, query.value);
    });
  }

  /**
   * Sends one dispatch through the same routing as the world's events.
   *
   * @example
   * ```ts
   * gateway.dispatch(GatewayDispatchEvents.TypingStart, { channel_id, user_id, timestamp }, { guildId, intents: 1 << 11 });
   * ```
   */
  public dispatch(t: GatewayDispatchEvents, d: unknown, input: GatewayDispatchInput = {}): void {
    this.assertOpen('dispatch');
    if (input.guildId !== undefined && input.guildId !== null && !/^\d{1,20}$/.test(input.guildId)) {
      throw new FakeGatewayError(
        'OVEN_ERR_FAKE_GATEWAY_OPTIONS',
        `dispatch() needs guildId to be a snowflake string (digits only), got "${input.guildId}"; pass null for events without a guild.`,
      );
    }
    const routed: WorldDispatch = {
      t,
      d,
      guildId: input.guildId ?? null,
      intents: input.intents ?? 0,
      ...(input.withoutMessageContent === undefined ? {} : { withoutMessageContent: input.withoutMessageContent }),
    };
    this.core.route(routed);
  }

  /**
   * Sends `count` copies of one dispatch to every session connected when it starts that the
   * selector matches, as fast as the sockets take them (for benchmarks and load tests). Resolves
   * with the number of dispatches numbered (buffered for replay if a socket dropped meanwhile).
   *
   * @example
   * ```ts
   * await gateway.flood(GatewayDispatchEvents.TypingStart, { channel_id: '1' }, 100_000);
   * ```
   */
  public async flood(t: GatewayDispatchEvents, d: unknown, count: number, selector: SessionSelector = {}): Promise<number> {
    this.assertOpen('flood');
    if (!Number.isInteger(count) || count < 0) {
      throw new FakeGatewayError('OVEN_ERR_FAKE_GATEWAY_OPTIONS', `flood needs a count that is an integer >= 0, got ${String(count)}.`);
    }
    const json = JSON.stringify(d);
    // Sessions, not sockets: like any dispatch, the flood keeps numbering and buffering for a
    // session whose socket dropped, so a resume replays the rest of it.
    const targets = this.core.connections
      .filter((c) => c.isOpen && c.session !== null && matchesSelector(c, selector))
      .map((c) => c.session as GatewaySession);
    let sent = 0;
    for (let done = 0; done < count; ) {
      const batch = Math.min(1024, count - done);
      for (const session of targets) {
        if (this.core.sessions.get(session.id) !== session) continue;
        for (let i = 0; i < batch; i += 1) session.dispatch(t, json);
        sent += batch;
      }
      done += batch;
      // Yield so the kernel takes the corked batch; wait for drain instead when a socket backs up.
      const backed = targets.find((session) => (session.connection?.bufferedBytes ?? 0) > 4 * 1024 * 1024)?.connection;
      if (backed !== undefined && backed !== null) await backed.drained();
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return sent;
  }

  /**
   * Every live session (connected or waiting to be resumed).
   *
   * @example
   * ```ts
   * expect(gateway.sessions({ shard: 0 })[0]?.identify.intents).toBe(GatewayIntentBits.Guilds);
   * ```
   */
  public sessions(selector: Omit<SessionSelector, 'connectionId'> = {}): GatewaySessionSnapshot[] {
    const { shard, sessionId } = selector;
    return [...this.core.sessions.values()]
      .filter((session) => (shard === undefined || session.shardId === shard) && (sessionId === undefined || session.id === sessionId))
      .map((session) => this.core.snapshot(session));
  }

  /**
   * Sockets opened on this gateway (all open ones and the newest `closedConnectionLimit` closed
   * ones), oldest first, with the newest `recordLimit` frames each sent and received.
   *
   * @example
   * ```ts
   * const [first] = gateway.connections();
   * expect(first?.sent.filter((p) => p.op === 0).map((p) => p.t)).toEqual(['READY', 'GUILD_CREATE']);
   * ```
   */
  public connections(selector: SessionSelector = {}): GatewayConnectionSnapshot[] {
    return this.core.connections
      .filter((c) => matchesSelector(c, selector))
      .map((connection) => ({
        connectionId: connection.id,
        sessionId: connection.session?.id ?? null,
        query: connection.query,
        open: connection.isOpen,
        received: connection.received.toArray(),
        sent: connection.sent.toArray().map((text) => JSON.parse(text) as GatewayReceivePayload),
      }));
  }

  /**
   * The last 1000 limits clients broke (identify rate, session starts, send rate, heartbeat
   * timeout, sharding required), oldest first; each is also emitted as a `violation` event.
   *
   * @example
   * ```ts
   * expect(gateway.violations().map((v) => v.kind)).toEqual(['identify-rate-limit']);
   * ```
   */
  public violations(): GatewayViolation[] {
    return this.core.violations.toArray();
  }

  /**
   * Resolves with the next event of `name` that satisfies `predicate`; rejects with
   * `OVEN_ERR_FAKE_GATEWAY_WAIT_TIMEOUT` after `timeoutMs`.
   *
   * @example
   * ```ts
   * const close = await gateway.waitFor('close', (event) => event.code === 4004);
   * ```
   */
  public waitFor<K extends keyof FakeGatewayEvents>(
    name: K,
    predicate: (...args: FakeGatewayEvents[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<FakeGatewayEvents[K][0]> {
    return new Promise((resolve, reject) => {
      const listener = (...args: FakeGatewayEvents[K]): void => {
        if (!predicate(...args)) return;
        clearTimeout(timer);
        this.off(name, listener as never);
        resolve(args[0]);
      };
      const timer = setTimeout(() => {
        this.off(name, listener as never);
        reject(
          new FakeGatewayError(
            'OVEN_ERR_FAKE_GATEWAY_WAIT_TIMEOUT',
            `No matching "${String(name)}" gateway event within ${timeoutMs} ms. Check that the client connects to this fake's gatewayUrl and that the predicate can match.`,
          ),
        );
      }, Math.min(timeoutMs, MAX_WAIT_MS)).unref();
      this.on(name, listener as never);
    });
  }

  /** Drops every socket, forgets every session and stops listening to the world. */
  public close(): Promise<void> {
    // A second caller waits for the same close rather than resolving with sockets still open.
    this.closing ??= (async () => {
      this.closed = true;
      this.world.off('dispatch', this.onWorldDispatch);
      for (const server of this.servers) server.off('upgrade', this.onUpgrade);
      this.servers.clear();
      this.core.closeAll();
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    })();
    return this.closing;
  }

  private assertOpen(method: string): void {
    if (this.closed) {
      throw new FakeGatewayError('OVEN_ERR_FAKE_GATEWAY_CLOSED', `FakeGateway.${method}() was called after close(); start a new fake.`);
    }
  }
}
