import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  GatewayVersion,
  type GatewayDispatchPayload,
  type GatewayIdentifyData,
  type GatewayReceivePayload,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import { InvalidUtf8Error, JsonDecoder } from '../json';
import { classifyCloseCode, fatalCloseError } from './close-codes';
import {
  GatewayCloseError,
  GatewayDecodeError,
  GatewayTlsError,
  GatewayDestroyedError,
  GatewayOptionError,
  GatewayProtocolError,
  GatewaySendError,
  GatewayTransformError,
} from './errors';
import { SendQueue } from './send-queue';
import type { IdentifyTransform, ReconnectReason, SendTransform, ShardEvents, ShardOptions, ShardSession, ShardStatus } from './shard-types';
import { checkTlsOptions, openGatewaySocket, type GatewaySocket } from './transport';
import { TypedEmitter } from './typed-emitter';
import { ZlibInflater } from './zlib-inflater';

/**
 * Learns the shapes of gateway payloads (per event name, `t`) and decodes them about twice as fast
 * as JSON.parse. One for every shard in the process: they see the same shapes, and decoding calls
 * no user code, so one shard's decode never runs inside another's.
 */
const decoder = new JsonDecoder({ tagKey: 't', rejectInvalidUtf8: true });

/** Any code except 1000/1001 keeps the session resumable (Discord docs, "Initiating a disconnect"). */
const RESUMABLE_CLOSE = 4900;
// Local copies: through the CommonJS re-exports of discord-api-types each `GatewayOpcodes.X` is a
// chain of getters, and these are read on every frame.
const Opcodes = { ...GatewayOpcodes } as typeof GatewayOpcodes;
const Events = { ...GatewayDispatchEvents } as typeof GatewayDispatchEvents;
const MAX_PAYLOAD_BYTES = 4096;
/** Largest message accepted from Discord; GUILD_CREATEs of the largest guilds run to tens of MB. */
const DEFAULT_MAX_PAYLOAD = 128 * 1024 * 1024;

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return 'a promise (the stage must be synchronous)';
  return typeof value === 'object' ? 'an object without the required fields' : `a ${typeof value}`;
}

function isIdentifyData(value: unknown): value is GatewayIdentifyData {
  if (typeof value !== 'object' || value === null) return false;
  const { intents, properties } = value as Partial<GatewayIdentifyData>;
  return Number.isInteger(intents) && (intents as number) >= 0 && typeof properties === 'object' && properties !== null;
}

function defaultReconnectDelay(attempt: number): number {
  return attempt === 0 ? 0 : Math.min(1000 * 2 ** (attempt - 1), 30_000);
}

/**
 * One gateway connection: Hello, jittered heartbeats with zombie detection, identify or resume,
 * op 7 / op 9 handling, close-code classification and reconnection. Fatal close codes (4004,
 * 4010-4014) stop the shard with a {@link GatewayCloseError} and are never retried.
 *
 * @example
 * ```ts
 * const shard = new Shard({ id: 0, totalShards: 1, token, intents: GatewayIntentBits.Guilds, url: 'wss://gateway.discord.gg' });
 * shard.on('dispatch', (payload) => console.log(payload.t));
 * await shard.connect(); // resolves on READY
 * await shard.destroy();
 * ```
 */
export class Shard extends TypedEmitter<ShardEvents> {
  public readonly id: number;
  private readonly options: ShardOptions;
  private readonly queue: SendQueue;
  private socket: GatewaySocket | undefined;
  private inflater: ZlibInflater | undefined;
  private session: ShardSession | undefined;
  private sequenceValue = 0;
  private statusValue: ShardStatus = 'idle';
  private latencyValue = -1;
  private acked = true;
  private lastBeatAt = 0;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private replayed = 0;
  /** Discord accepted the token on some connection of this shard, so a later 4004 means it was reset. */
  private tokenAccepted = false;
  private destroyed = false;
  private pendingConnect: { resolve: () => void; reject: (error: Error) => void } | undefined;

  public constructor(options: ShardOptions) {
    super();
    if (typeof options.token !== 'string' || options.token.length === 0) {
      throw new GatewayOptionError('Shard: token must be a non-empty string (the bot token, without "Bot ").');
    }
    if (!Number.isInteger(options.totalShards) || options.totalShards < 1) {
      throw new GatewayOptionError(`Shard: totalShards must be a positive integer, got ${String(options.totalShards)}.`);
    }
    if (!Number.isInteger(options.id) || options.id < 0 || options.id >= options.totalShards) {
      throw new GatewayOptionError(
        `Shard: id must be an integer in [0, ${options.totalShards - 1}] for totalShards ${options.totalShards}, got ${String(options.id)}.`,
      );
    }
    if (options.largeThreshold !== undefined && (options.largeThreshold < 50 || options.largeThreshold > 250)) {
      throw new GatewayOptionError(`Shard: largeThreshold must be between 50 and 250, got ${options.largeThreshold}.`);
    }
    checkTlsOptions(options.tls, 'Shard');
    this.id = options.id;
    this.options = options;
    this.session = options.session;
    if (options.session !== undefined) this.sequenceValue = options.session.sequence;
    this.queue = new SendQueue((data) => this.write(data), options.sendLimit);
  }

  /** Current state. */
  public get status(): ShardStatus {
    return this.statusValue;
  }

  /** Round trip of the last heartbeat in ms, or -1 before the first ACK. */
  public get latency(): number {
    return this.latencyValue;
  }

  /** Last dispatch sequence number seen in this session. */
  public get sequence(): number {
    return this.sequenceValue;
  }

  /** The current resumable session, if any. */
  public get sessionInfo(): ShardSession | undefined {
    return this.session === undefined ? undefined : { ...this.session, sequence: this.sequenceValue };
  }

  /**
   * Opens the connection; resolves when READY (or RESUMED) arrives, rejects with a
   * `GatewayCloseError` on a fatal close code or `GatewayDestroyedError` if destroyed first.
   */
  public connect(): Promise<void> {
    if (this.destroyed) return Promise.reject(new GatewayDestroyedError(`Connecting shard ${this.id}`));
    if (this.statusValue === 'ready') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pendingConnect = { resolve, reject };
      if (this.socket === undefined && this.reconnectTimer === undefined) this.open();
    });
  }

  /**
   * Queues a payload within the 120-per-minute budget (heartbeats keep their reserved room).
   * Throws `OVEN_ERR_GATEWAY_PAYLOAD_TOO_LARGE` above 4096 bytes.
   */
  public send(payload: GatewaySendPayload): void {
    if (this.destroyed) {
      throw new GatewaySendError('OVEN_ERR_GATEWAY_NOT_CONNECTED', `Shard ${this.id} is destroyed; create a new one to send.`);
    }
    const transform = this.options.sendTransform;
    const data = JSON.stringify(transform === undefined ? payload : this.transformSend(transform, payload));
    if (Buffer.byteLength(data) > MAX_PAYLOAD_BYTES) {
      throw new GatewaySendError(
        'OVEN_ERR_GATEWAY_PAYLOAD_TOO_LARGE',
        `Shard ${this.id}: op ${payload.op} payload is ${Buffer.byteLength(data)} bytes; Discord closes the connection (4002) above ${MAX_PAYLOAD_BYTES}. Split the request.`,
      );
    }
    this.queue.push(data);
  }

  private transformSend(transform: SendTransform, payload: GatewaySendPayload): GatewaySendPayload {
    let out: unknown;
    try {
      out = transform(payload, this.id);
    } catch (error) {
      throw new GatewayTransformError(`Shard ${this.id}: the send transform threw on an op ${payload.op} payload; nothing was sent.`, error);
    }
    // The op must stay: a stage rewrites a request, it may not turn a presence update into an
    // identify or a resume, which Discord answers by closing the connection.
    if (typeof out !== 'object' || out === null || (out as { op?: unknown }).op !== payload.op) {
      throw new GatewayTransformError(
        `Shard ${this.id}: the send transform returned ${describe(out)} for an op ${payload.op} payload; it must return a payload with the same op. Nothing was sent.`,
      );
    }
    return out as GatewaySendPayload;
  }

  /**
   * Closes the connection and resolves once the socket is closed. By default closes with 1000,
   * which ends the session (the bot goes offline); `{ resumable: true }` keeps the session so
   * another process can resume it from {@link Shard.sessionInfo}.
   */
  public async destroy(options: { resumable?: boolean } = {}): Promise<ShardSession | undefined> {
    const session = this.sessionInfo;
    if (this.destroyed && this.socket === undefined) return session;
    this.destroyed = true;
    this.clearTimers();
    this.queue.destroy();
    this.inflater?.close();
    this.inflater = undefined;
    this.statusValue = 'closed';
    this.pendingConnect?.reject(new GatewayDestroyedError(`Connecting shard ${this.id}`));
    this.pendingConnect = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) {
      await socket.close(options.resumable === true ? RESUMABLE_CLOSE : 1000);
      this.emit('close', { shardId: this.id, code: options.resumable === true ? RESUMABLE_CLOSE : 1000, reason: 'destroyed', action: 'destroyed' });
    }
    return options.resumable === true ? session : undefined;
  }

  private open(): void {
    this.reconnectTimer = undefined;
    const resuming = this.session !== undefined;
    const url = new URL(resuming ? (this.session as ShardSession).resumeUrl : this.options.url);
    url.searchParams.set('v', GatewayVersion);
    url.searchParams.set('encoding', 'json');
    if (this.options.compress === true) url.searchParams.set('compress', 'zlib-stream');
    this.statusValue = 'connecting';
    this.acked = true;
    // Handlers close over this connection's socket: events of a replaced one are ignored.
    let socket: GatewaySocket | undefined;
    const inflater =
      this.options.compress === true
        ? new ZlibInflater(
            (data, start, end) => this.onMessage(data, start, end, socket),
            (error) => {
              this.emit('error', new GatewayDecodeError(`Shard ${this.id}: the zlib-stream could not be inflated; reconnecting.`, error));
              this.reconnect(true, 'close');
            },
            // One bound for a message, compressed or not.
            { maxMessageBytes: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD },
          )
        : undefined;
    this.inflater = inflater;
    socket = openGatewaySocket(
      this.options.transport ?? 'lean',
      url,
      {
        open: () => {
          if (socket !== this.socket) return;
          this.emit('connect', { shardId: this.id, url: url.toString(), resuming });
          this.helloTimer = setTimeout(() => this.reconnect(true, 'hello-timeout'), this.options.helloTimeoutMs ?? 30_000);
          this.helloTimer.unref();
        },
        text: (data, start, end) => this.onMessage(data, start, end, socket),
        binary: (data) => {
          if (socket === this.socket && inflater !== undefined) inflater.push(data);
        },
        // Every error is followed by close, where recovery happens; protocol errors are worth reporting.
        error: (error) => {
          if (socket !== this.socket) return;
          // While connect() waits, an untrusted certificate is a setting to fix, not a network blip.
          if (error instanceof GatewayTlsError && this.pendingConnect !== undefined) {
            this.stop(error);
            return;
          }
          if (error instanceof GatewayProtocolError && this.listenerCount('error') > 0) this.emit('error', error);
        },
        close: (code, reason) => this.onClose(socket as GatewaySocket, code, reason),
      },
      // The decoder checks UTF-8 as it goes (rejectInvalidUtf8), where a transport would make a pass of its own.
      { maxPayload: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD, skipUtf8Validation: true, ...(this.options.tls === undefined ? {} : { tls: this.options.tls }) },
    );
    this.socket = socket;
  }

  /** One gateway message, text frame or inflated zlib-stream piece: UTF-8 JSON in `data[start, end)`. */
  private onMessage(data: Buffer, start: number, end: number, socket: GatewaySocket | undefined): void {
    if (socket !== this.socket) return;
    let payload: GatewayReceivePayload;
    try {
      payload = decoder.decode(data, start, end) as GatewayReceivePayload;
    } catch (cause) {
      if (cause instanceof InvalidUtf8Error) {
        // RFC 6455 8.1: a text message that is not UTF-8 fails the connection with 1007; the shard resumes.
        if (this.listenerCount('error') > 0) this.emit('error', new GatewayProtocolError('OVEN_ERR_GATEWAY_PROTOCOL', `Shard ${this.id}: a gateway message is not valid UTF-8; closing with 1007 and resuming.`, 1007, cause));
        void socket?.close(1007);
        return;
      }
      this.emit('error', new GatewayDecodeError(`Shard ${this.id}: received a gateway frame that is not JSON; it was skipped.`, cause));
      return;
    }
    this.onPayload(payload);
  }

  private onPayload(payload: GatewayReceivePayload): void {
    switch (payload.op) {
      case Opcodes.Dispatch:
        this.onDispatch(payload);
        return;
      case Opcodes.Hello:
        this.onHello(payload.d.heartbeat_interval);
        return;
      case Opcodes.HeartbeatAck:
        this.acked = true;
        this.latencyValue = Date.now() - this.lastBeatAt;
        this.emit('heartbeatAck', { shardId: this.id, latency: this.latencyValue });
        return;
      case Opcodes.Heartbeat:
        this.sendHeartbeat();
        return;
      case Opcodes.Reconnect:
        this.reconnect(true, 'reconnect-request');
        return;
      case Opcodes.InvalidSession:
        // Discord read the identify or resume, token included, before refusing the session.
        if (this.statusValue === 'identifying' || this.statusValue === 'resuming') this.tokenAccepted = true;
        this.emit('invalidSession', { shardId: this.id, resumable: payload.d });
        this.reconnect(payload.d, 'invalid-session');
        return;
    }
  }

  private onDispatch(payload: GatewayDispatchPayload): void {
    // A resume replays what was missed; anything at or below our sequence was already delivered.
    if (payload.s <= this.sequenceValue) return;
    this.sequenceValue = payload.s;
    if (payload.t === Events.Ready) {
      this.session = { sessionId: payload.d.session_id, resumeUrl: payload.d.resume_gateway_url, sequence: payload.s };
      this.becomeReady();
      this.emit('ready', { shardId: this.id, data: payload.d });
    } else if (payload.t === Events.Resumed) {
      const replayed = this.replayed;
      this.becomeReady();
      this.emit('resumed', { shardId: this.id, replayed });
    } else if (this.statusValue === 'resuming') {
      this.replayed++;
    }
    this.emit('dispatch', payload, this.id);
  }

  private becomeReady(): void {
    this.statusValue = 'ready';
    this.tokenAccepted = true;
    this.attempts = 0;
    this.replayed = 0;
    this.queue.open();
    const pending = this.pendingConnect;
    this.pendingConnect = undefined;
    pending?.resolve();
  }

  private onHello(interval: number): void {
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.emit('hello', { shardId: this.id, heartbeatInterval: interval });
    this.queue.setHeartbeatInterval(interval);
    this.stopHeartbeat();
    const jitter = (this.options.random ?? Math.random)();
    this.heartbeatTimer = setTimeout(() => {
      this.beat();
      this.heartbeatTimer = setInterval(() => this.beat(), interval);
      this.heartbeatTimer.unref();
    }, Math.floor(interval * jitter));
    this.heartbeatTimer.unref();
    if (this.session !== undefined) this.resume(this.session);
    else void this.identify();
  }

  private beat(): void {
    if (!this.acked) {
      this.reconnect(true, 'zombie');
      return;
    }
    this.acked = false;
    this.sendHeartbeat();
  }

  private sendHeartbeat(): void {
    this.lastBeatAt = Date.now();
    const sequence = this.sequenceValue === 0 ? null : this.sequenceValue;
    this.queue.direct(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: sequence }));
    this.emit('heartbeat', { shardId: this.id, sequence });
  }

  private async identify(): Promise<void> {
    const socket = this.socket;
    this.statusValue = 'identifying';
    let d: GatewayIdentifyData = {
      token: this.options.token,
      intents: this.options.intents,
      properties: this.options.properties ?? { os: process.platform, browser: 'ovenjs', device: 'ovenjs' },
      shard: [this.id, this.options.totalShards],
      compress: false,
      ...(this.options.largeThreshold === undefined ? {} : { large_threshold: this.options.largeThreshold }),
      ...(this.options.presence === undefined ? {} : { presence: this.options.presence }),
    };
    // Before the identify turn, not after: a slow stage would otherwise push this identify towards
    // the next shard's turn, and Discord counts identifies when it receives them.
    const transform = this.options.identifyTransform;
    if (transform !== undefined) d = await this.transformIdentify(transform, d);
    try {
      await this.options.waitForIdentify?.(this.id);
    } catch (error) {
      // The scheduler was destroyed with the manager: nothing left to identify for.
      if (error instanceof GatewayDestroyedError) return;
      // The token is known dead (reset after the session start limit): identifying would only get 4004.
      if (error instanceof GatewayCloseError) {
        if (socket === this.socket) this.stop(error);
        return;
      }
      throw error;
    }
    if (socket !== this.socket || socket?.isOpen !== true) return;
    this.sequenceValue = 0;
    this.queue.direct(JSON.stringify({ op: GatewayOpcodes.Identify, d }));
    this.emit('identify', { shardId: this.id });
  }

  /** Runs the identify stage; a failure is reported and the shard identifies with `d` unchanged. */
  private async transformIdentify(transform: IdentifyTransform, d: GatewayIdentifyData): Promise<GatewayIdentifyData> {
    try {
      // A copy: stages may edit in place, and `presence` / `properties` are shared by every shard.
      const out: unknown = await transform(structuredClone(d), this.id);
      if (!isIdentifyData(out)) {
        throw new GatewayTransformError(
          `Shard ${this.id}: the identify transform returned ${describe(out)}; it must return identify data with integer intents >= 0 and properties. Identifying unchanged.`,
        );
      }
      // The session belongs to this token and shard slot, and this shard cannot decode per-payload
      // compression, whatever a stage returns.
      return { ...out, token: this.options.token, shard: [this.id, this.options.totalShards], compress: false };
    } catch (error) {
      const failure =
        error instanceof GatewayTransformError
          ? error
          : new GatewayTransformError(`Shard ${this.id}: the identify transform threw; identifying with the untransformed payload.`, error);
      if (this.listenerCount('error') > 0) this.emit('error', failure);
      return d;
    }
  }

  private resume(session: ShardSession): void {
    this.statusValue = 'resuming';
    this.replayed = 0;
    this.queue.direct(
      JSON.stringify({
        op: GatewayOpcodes.Resume,
        d: { token: this.options.token, session_id: session.sessionId, seq: this.sequenceValue },
      }),
    );
  }

  /** Drops the current connection (keeping the session unless `resume` is false) and opens another. */
  private reconnect(resume: boolean, reason: ReconnectReason): void {
    if (this.destroyed) return;
    if (!resume) {
      this.session = undefined;
      this.sequenceValue = 0;
    }
    // Before the event: a listener must not find the shard still 'ready' and send into a dead socket.
    this.statusValue = 'reconnecting';
    this.emit('reconnect', { shardId: this.id, resume, reason });
    const socket = this.socket;
    this.detach();
    if (socket !== undefined) {
      // A zombie peer will not answer a close frame: drop the TCP connection, which also keeps the session.
      if (reason === 'zombie' || reason === 'hello-timeout') socket.terminate();
      else void socket.close(RESUMABLE_CLOSE);
    }
    this.scheduleOpen();
  }

  private onClose(socket: GatewaySocket, code: number, reason: string): void {
    if (socket !== this.socket || this.destroyed) return;
    this.detach();
    const action = classifyCloseCode(code);
    // Before the events: listeners see what the shard is doing now, not 'ready'.
    this.statusValue = action === 'fatal' ? 'closed' : 'reconnecting';
    this.emit('close', { shardId: this.id, code, reason, action });
    if (action === 'fatal') {
      this.stop(fatalCloseError(code, this.id, { tokenAccepted: this.tokenAccepted }) as Error);
      return;
    }
    if (action === 'reidentify') {
      this.session = undefined;
      this.sequenceValue = 0;
    }
    this.emit('reconnect', { shardId: this.id, resume: this.session !== undefined, reason: 'close' });
    this.scheduleOpen();
  }

  /** Ends the shard for good: rejects a waiting connect() with `error` and reports it on `error`. */
  private stop(error: Error): void {
    this.destroyed = true;
    this.statusValue = 'closed';
    const socket = this.socket;
    this.detach();
    // Still open when the shard stops before identifying; no session to keep.
    if (socket !== undefined) void socket.close(1000);
    this.clearTimers();
    this.queue.destroy();
    const pending = this.pendingConnect;
    this.pendingConnect = undefined;
    pending?.reject(error);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private scheduleOpen(): void {
    this.statusValue = 'reconnecting';
    const delay = (this.options.reconnectDelayMs ?? defaultReconnectDelay)(this.attempts++);
    // Not unref'd: a bot between two connections must keep its process alive.
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  /** Forgets the current socket and everything tied to it, without touching the session. */
  private detach(): void {
    this.socket = undefined;
    this.stopHeartbeat();
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.queue.close();
    this.inflater?.close();
    this.inflater = undefined;
  }

  private write(data: string): void {
    const socket = this.socket;
    if (socket === undefined || !socket.isOpen) return;
    socket.send(data);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private clearTimers(): void {
    this.stopHeartbeat();
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.helloTimer = undefined;
    this.reconnectTimer = undefined;
  }
}
