import type { FakeDiscord } from '../../../../src/testing/fake-discord';

/** What a test sees of one HTTP answer from the fake. */
export interface HttpReply {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
  readonly headers: Headers;
}

/** A tiny fetch wrapper for tests that need exact statuses and headers, not a REST client's retries. */
export async function http(discord: FakeDiscord, method: string, path: string, init: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}): Promise<HttpReply> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? discord.token : init.token;
  if (token !== null) headers.Authorization = `Bot ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${discord.restUrl}/v10${path}`, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
