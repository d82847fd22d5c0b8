import { OvenError } from '../errors';

/**
 * The input of a {@link JsonDecoder} made with `rejectInvalidUtf8` is not valid UTF-8. A gateway
 * shard answers it as RFC 6455 requires for a text message: it closes the connection with 1007.
 *
 * @example
 * ```ts
 * try { decoder.decode(bytes); } catch (error) { if (error instanceof InvalidUtf8Error) socket.close(1007); }
 * ```
 */
export class InvalidUtf8Error extends OvenError {
  public constructor() {
    super('OVEN_ERR_JSON_INVALID_UTF8', 'The JSON text is not valid UTF-8; it was refused rather than decoded with replacement characters.');
  }
}
