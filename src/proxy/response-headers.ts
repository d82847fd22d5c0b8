import type { OutgoingHttpHeaders } from 'node:http';

/**
 * Headers of Discord's answer that must not reach the client. Hop-by-hop ones describe the
 * proxy-to-Discord connection only (RFC 9110 section 7.6.1); the length and encoding change because
 * the body is re-encoded; rate-limit headers describe the proxy's queues, which already waited for
 * them, and a client that obeyed them too would wait twice; cookies are Cloudflare's for the proxy.
 */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'content-type',
  'retry-after',
  'set-cookie',
  'date',
]);

/** The headers of an upstream answer worth passing on (`x-ratelimit-*` and hop-by-hop ones removed). */
export function passThroughHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  // `Connection: x, y` names more hop-by-hop headers for this one message.
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || DROPPED.has(lower) || named.has(lower) || lower.startsWith('x-ratelimit-')) continue;
    kept[lower] = value;
  }
  return kept;
}
