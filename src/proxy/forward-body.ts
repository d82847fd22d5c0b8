import type { RestFile } from '../rest';
import { ProxyError } from './proxy-error';

/** What the proxy hands RestClient for an incoming body: JSON, or `payload_json` plus files. */
export interface ForwardBody {
  body: unknown;
  files: RestFile[] | undefined;
}

/**
 * Decodes an incoming body into what RestClient sends: JSON stays JSON, multipart becomes
 * `payload_json` plus `files` (each keeping its form field name, so `attachments[].id` still
 * points at the right part). RestClient re-encodes multipart itself, which is why other form
 * fields cannot be passed on and are refused instead of dropped silently.
 */
export async function decodeBody(raw: Buffer, contentType: string | undefined): Promise<ForwardBody> {
  if (raw.length === 0) return { body: undefined, files: undefined };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === '') return { body: parseJson(raw.toString('utf8'), 'the JSON body'), files: undefined };
  if (type === 'multipart/form-data') return decodeMultipart(raw, contentType!);
  throw new ProxyError(
    'OVEN_ERR_PROXY_UNSUPPORTED_MEDIA_TYPE',
    `Content-Type "${type}" is not forwarded; the proxy passes on application/json and multipart/form-data bodies (what Discord's bot API takes).`,
  );
}

async function decodeMultipart(raw: Buffer, contentType: string): Promise<ForwardBody> {
  let form: FormData;
  try {
    // The web Request parses multipart without a dependency; the URL is never contacted.
    form = await new Request('http://proxy.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  } catch (error) {
    throw new ProxyError('OVEN_ERR_PROXY_BAD_BODY', `The multipart body could not be parsed (${describe(error)}); check its boundary and part headers.`, {
      cause: error,
    });
  }
  let body: unknown;
  const files: RestFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') {
      files.push({ key, name: value.name === '' ? key : value.name, data: Buffer.from(await value.arrayBuffer()), ...(value.type === '' ? {} : { contentType: value.type }) });
    } else if (key === 'payload_json') {
      body = parseJson(value, 'the payload_json part');
    } else {
      throw new ProxyError(
        'OVEN_ERR_PROXY_BAD_BODY',
        `The multipart field "${key}" is neither a file nor payload_json; the proxy forwards only those. Put the JSON fields into payload_json.`,
      );
    }
  }
  return { body, files };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProxyError('OVEN_ERR_PROXY_BAD_BODY', `${what} is not valid JSON (${describe(error)}).`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
