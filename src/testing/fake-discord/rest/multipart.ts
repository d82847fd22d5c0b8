import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { UploadedFile } from '../world/uploaded-file';
import { DiscordHttpError } from './discord-http-error';
import { FormErrorCollector } from './form-errors';

/** A parsed `multipart/form-data` body: the JSON part (or plain fields) and the files. */
export interface MultipartBody {
  readonly fields: Record<string, unknown>;
  readonly files: UploadedFile[];
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

function invalid(message: string): DiscordHttpError {
  const errors = new FormErrorCollector();
  errors.add([], 'CONTENT_TYPE_INVALID', message);
  return DiscordHttpError.invalidForm(errors.toTree());
}

function headerParam(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ?? new RegExp(`(?:^|;)\\s*${name}=([^;]+)`, 'i').exec(header);
  return match?.[1]?.trim();
}

/**
 * Splits a multipart body on its boundary. `payload_json` becomes the JSON body; other text parts
 * become fields (Discord accepts both forms); parts with a filename become uploads, bytes intact.
 */
export function parseMultipart(body: Buffer, contentType: string, maxFileBytes: number): MultipartBody {
  const boundary = headerParam(contentType, 'boundary');
  if (boundary === undefined || boundary === '') throw invalid('multipart/form-data needs a boundary parameter in Content-Type.');
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  let start = body.indexOf(delimiter);
  if (start === -1) throw invalid('multipart/form-data body does not contain its boundary.');
  while (true) {
    start += delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing `--boundary--`
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw invalid('multipart/form-data body is truncated (no closing boundary).');
    // Each part is `\r\n<headers>\r\n\r\n<data>\r\n`.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf(CRLF_CRLF);
    if (split === -1) throw invalid('A multipart part has no header section.');
    const headers = part.subarray(0, split).toString('utf8').split('\r\n');
    const data = part.subarray(split + 4);
    let disposition = '';
    let partType = 'application/octet-stream';
    for (const line of headers) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      if (name === 'content-disposition') disposition = line.slice(colon + 1);
      if (name === 'content-type') partType = line.slice(colon + 1).trim();
    }
    const field = headerParam(disposition, 'name');
    if (field === undefined) throw invalid('A multipart part has no name in its Content-Disposition.');
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined) {
      if (data.length > maxFileBytes) {
        throw new DiscordHttpError(413, RESTJSONErrorCodes.RequestEntityTooLarge, `Request entity too large: ${filename} is ${data.length} bytes, over the ${maxFileBytes}-byte upload limit`);
      }
      files.push({ field, filename, contentType: partType, data: Buffer.from(data) });
    } else if (field === 'payload_json') {
      try {
        Object.assign(fields, JSON.parse(data.toString('utf8')) as Record<string, unknown>);
      } catch {
        throw DiscordHttpError.badRequest(RESTJSONErrorCodes.RequestBodyContainsInvalidJSON, 'The request body contains invalid JSON.');
      }
    } else {
      const text = data.toString('utf8');
      try {
        fields[field] = JSON.parse(text) as unknown;
      } catch {
        fields[field] = text;
      }
    }
    start = next;
  }
  return { fields, files };
}
