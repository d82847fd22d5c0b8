import type { IncomingMessage } from 'node:http';
import { ProxyError } from './proxy-error';

/**
 * Reads the whole request body, refusing it as soon as it passes `limit` bytes: a declared
 * Content-Length over the limit is refused before a byte is read, and a chunked body is cut off
 * where it crosses the line, so an oversized upload never sits in memory.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, `${declared} bytes declared`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit, 'more than that sent');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number, seen: string): ProxyError {
  return new ProxyError(
    'OVEN_ERR_PROXY_BODY_TOO_LARGE',
    `The request body is over the proxy's limit of ${limit} bytes (${seen}). Send smaller files, or raise \`maxBodyBytes\` (--max-body-bytes) on the proxy.`,
  );
}
