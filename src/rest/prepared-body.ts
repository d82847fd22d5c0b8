import { encodeMultipart, type MultipartBody } from './multipart';
import type { RestRequest } from './rest-request';

/** A request body encoded once, before queueing, so a retry or a 429 resend costs no re-encoding. */
export type PreparedBody = { kind: 'none' } | { kind: 'json'; text: string } | { kind: 'multipart'; body: MultipartBody };

export function prepareBody(request: RestRequest): PreparedBody {
  if (request.files !== undefined && request.files.length > 0) {
    return { kind: 'multipart', body: encodeMultipart(request.body, request.files) };
  }
  if (request.body === undefined) return { kind: 'none' };
  return { kind: 'json', text: JSON.stringify(request.body) };
}

/** Content headers of a prepared body. */
export function bodyHeaders(prepared: PreparedBody, headers: Record<string, string>): void {
  if (prepared.kind === 'json') headers['content-type'] = 'application/json';
  if (prepared.kind === 'multipart') {
    headers['content-type'] = prepared.body.contentType;
    if (prepared.body.length !== undefined) headers['content-length'] = String(prepared.body.length);
  }
}

/** What one attempt sends: the same text, or a fresh multipart stream. */
export function attemptBody(prepared: PreparedBody): string | ReturnType<MultipartBody['open']> | undefined {
  if (prepared.kind === 'none') return undefined;
  return prepared.kind === 'json' ? prepared.text : prepared.body.open();
}

/** False once a stream part was cut off mid-read: its bytes cannot be sent again. */
export function canResend(prepared: PreparedBody): boolean {
  return prepared.kind !== 'multipart' || prepared.body.canReplay();
}
