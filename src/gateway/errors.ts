import { OvenError } from '../errors';

/**
 * Discord closed the gateway with a code that must not be retried (bad token, bad intents,
 * sharding required, ...). Retrying these would only burn the daily identify budget, so the shard
 * stops and reports this error instead.
 *
 * @example
 * ```ts
 * manager.on('error', (error) => {
 *   if (error instanceof GatewayCloseError && error.closeCode === 4004) process.exit(1);
 * });
 * ```
 */
export class GatewayCloseError extends OvenError {
  public readonly closeCode: number;
  public readonly shardId: number;

  public constructor(code: `OVEN_ERR_GATEWAY_${string}`, message: string, closeCode: number, shardId: number) {
    super(code, message);
    this.closeCode = closeCode;
    this.shardId = shardId;
  }
}

/**
 * Options given to a `Shard`, a `ShardManager` or an `EventPipeline` were invalid; the message
 * names the option and what is accepted.
 *
 * @example
 * ```ts
 * new ShardManager({ token: '', intents: 0, fetchGatewayInfo }); // throws OVEN_ERR_GATEWAY_INVALID_OPTION
 * ```
 */
export class GatewayOptionError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_GATEWAY_INVALID_OPTION', message);
  }
}

/**
 * A payload could not be sent: the shard is not connected, or the payload is larger than the
 * 4096 bytes Discord accepts (it would close the connection with 4002).
 *
 * @example
 * ```ts
 * try { shard.send(payload); } catch (error) { if (error instanceof GatewaySendError) ... }
 * ```
 */
export class GatewaySendError extends OvenError {
  public constructor(code: 'OVEN_ERR_GATEWAY_PAYLOAD_TOO_LARGE' | 'OVEN_ERR_GATEWAY_NOT_CONNECTED', message: string) {
    super(code, message);
  }
}

/**
 * A stage installed on the gateway (identify or send transform) threw or returned something that
 * is not a payload. For identify the shard reports it on `error` and identifies with the payload
 * unchanged, so a broken stage cannot keep a bot offline; for send, `send()` throws it and
 * nothing is sent.
 *
 * @example
 * ```ts
 * manager.addSendTransform(() => { throw new Error('no'); });
 * manager.send(0, payload); // throws OVEN_ERR_GATEWAY_TRANSFORM_FAILED, cause: Error('no')
 * ```
 */
export class GatewayTransformError extends OvenError {
  public constructor(message: string, cause?: unknown) {
    super('OVEN_ERR_GATEWAY_TRANSFORM_FAILED', message, cause === undefined ? undefined : { cause });
  }
}

/**
 * The shard or manager was destroyed while an operation was waiting (connect, identify turn).
 *
 * @example
 * ```ts
 * const pending = manager.connect();
 * await manager.destroy(); // pending rejects with OVEN_ERR_GATEWAY_DESTROYED
 * ```
 */
export class GatewayDestroyedError extends OvenError {
  public constructor(what: string) {
    super('OVEN_ERR_GATEWAY_DESTROYED', `${what} was cancelled because the gateway was destroyed.`);
  }
}

/**
 * A gateway frame could not be decoded (not JSON, or a corrupt zlib stream). The shard reports
 * it and keeps going; a corrupt compressed stream also forces a reconnect.
 *
 * @example
 * ```ts
 * shard.on('error', (error) => { if (error instanceof GatewayDecodeError) metrics.decodeErrors++; });
 * ```
 */
export class GatewayDecodeError extends OvenError {
  public constructor(message: string, cause?: unknown) {
    super('OVEN_ERR_GATEWAY_DECODE', message, { cause });
  }
}

/**
 * The gateway connection broke the WebSocket protocol (RFC 6455): a bad handshake answer, a frame
 * with reserved bits, a masked or oversized frame, a malformed close frame, invalid UTF-8 text.
 * The transport closes the connection with `closeCode` (1002, 1007 or 1009) and the shard
 * reconnects; this error is reported on the shard's `error` event.
 *
 * @example
 * ```ts
 * shard.on('error', (error) => {
 *   if (error instanceof GatewayProtocolError) console.warn(error.code, error.closeCode);
 * });
 * ```
 */
export class GatewayProtocolError extends OvenError {
  /** The WebSocket close code sent to the peer (1002 protocol error, 1007 bad data, 1009 too big); 1006 for a failed handshake. */
  public readonly closeCode: number;

  public constructor(code: 'OVEN_ERR_GATEWAY_PROTOCOL' | 'OVEN_ERR_GATEWAY_HANDSHAKE' | 'OVEN_ERR_GATEWAY_TLS_UNTRUSTED', message: string, closeCode: number, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause });
    this.closeCode = closeCode;
  }
}

/**
 * The gateway's TLS certificate was not trusted (self-signed, unknown issuer, expired, or issued
 * for another host), so no WebSocket was opened. `connect()` / `client.login()` rejects with it
 * and the shard stops, since retrying cannot make a certificate trusted; once a shard has been
 * ready, a later failure is reported on `error` and the shard keeps retrying with backoff.
 * `tlsCode` is Node's code (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, ...).
 *
 * @example
 * ```ts
 * await manager.connect().catch((error) => {
 *   if (error instanceof GatewayTlsError) console.error(`pass the gateway's CA as tls.ca (${error.tlsCode})`);
 * });
 * ```
 */
export class GatewayTlsError extends GatewayProtocolError {
  public readonly tlsCode: string;

  public constructor(host: string, tlsCode: string, detail: string, cause?: unknown) {
    super(
      'OVEN_ERR_GATEWAY_TLS_UNTRUSTED',
      `Gateway TLS: the certificate of ${host} is not trusted (${tlsCode}: ${detail}). For a gateway behind your own CA (a proxy, a test server), pass that CA as the gateway option tls.ca; check the system clock for expiry errors. Do not turn off tls.rejectUnauthorized outside tests.`,
      1015,
      cause,
    );
    this.tlsCode = tlsCode;
  }
}
