import { DiscordAPIError, type DiscordErrorBody } from './errors/discord-api-error';
import { HTTPError } from './errors/http-error';
import type { RawResponse } from './http-transport';

/** DiscordAPIError when the body is Discord's `{ code, message }`, HTTPError for anything else. */
export function errorFor(raw: RawResponse, method: string, path: string): Error {
  const data = raw.data as Partial<DiscordErrorBody> | undefined;
  if (raw.json && data !== null && typeof data === 'object' && typeof data.code === 'number' && typeof data.message === 'string') {
    return new DiscordAPIError(data as DiscordErrorBody, raw.status, method, path);
  }
  return new HTTPError(raw.status, method, path, raw.json ? JSON.stringify(raw.data) : raw.text);
}
