import type { IncomingMessage } from 'node:http';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { UploadedFile } from '../world/uploaded-file';
import { DiscordHttpError } from './discord-http-error';
import { FormErrorCollector } from './form-errors';
import { parseMultipart } from './multipart';

/** A request body after parsing: a JSON value (or undefined) and any uploads. */
export interface ParsedBody {
  readonly body: unknown;
  readonly files: UploadedFile[];
}

const EMPTY = Buffer.alloc(0);

/** The client went away before its body arrived: there is no one left to answer. */
export class ClientGoneError extends Error {
  public constructor() {
    super('The client closed the connection before sending its whole body');
    this.name = 'ClientGoneError';
  }
}

/** Reads the raw body, refusing (413 / 40005) once it passes `maxBytes` instead of buffering it all. */
export function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const length = request.headers['content-length'];
  // Most GET and DELETE requests carry no body: skip the stream machinery entirely.
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) {
    if (!request.complete) request.resume();
    return Promise.resolve(EMPTY);
  }
  return new Promise((resolve, reject) => {
    const declared = Number(length ?? '0');
    if (declared > maxBytes) {
      request.resume();
      reject(new DiscordHttpError(413, RESTJSONErrorCodes.RequestEntityTooLarge, `Request entity too large: ${declared} bytes, the limit is ${maxBytes}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        request.removeAllListeners('data');
        request.resume();
        reject(new DiscordHttpError(413, RESTJSONErrorCodes.RequestEntityTooLarge, `Request entity too large: over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    request.on('error', () => reject(new ClientGoneError()));
    request.on('close', () => {
      if (!request.complete) reject(new ClientGoneError());
    });
  });
}

function contentTypeError(): DiscordHttpError {
  const errors = new FormErrorCollector();
  errors.add([], 'CONTENT_TYPE_INVALID', `Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`);
  return DiscordHttpError.invalidForm(errors.toTree());
}

/**
 * Parses a body by its Content-Type as Discord does: JSON, url-encoded form or multipart (only on
 * routes that take files). An empty body is no body; any other type is 50035 `CONTENT_TYPE_INVALID`.
 */
export function parseBody(raw: Buffer, contentType: string | undefined, multipartAllowed: boolean, maxFileBytes: number): ParsedBody {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    try {
      return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
    } catch {
      throw DiscordHttpError.badRequest(RESTJSONErrorCodes.RequestBodyContainsInvalidJSON, 'The request body contains invalid JSON.');
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  if (type === 'multipart/form-data') {
    if (!multipartAllowed) throw contentTypeError();
    const { fields, files } = parseMultipart(raw, contentType ?? '', maxFileBytes);
    return { body: fields, files };
  }
  throw contentTypeError();
}
