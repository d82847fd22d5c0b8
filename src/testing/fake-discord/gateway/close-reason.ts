/** A WebSocket close frame carries at most 123 bytes of reason (RFC 6455, 5.5: 125 minus the code). */
const MAX_REASON_BYTES = 123;

/**
 * The reason cut to fit a close frame, counting UTF-8 bytes, not characters: `ws` throws on a
 * longer one, and reasons quote client input (an opcode, a query parameter) that may be non-ASCII.
 */
export function fitCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let kept = '';
  let bytes = 0;
  // Whole code points only, leaving room for the ellipsis (3 bytes).
  for (const char of reason) {
    const size = Buffer.byteLength(char);
    if (bytes + size > MAX_REASON_BYTES - 3) break;
    kept += char;
    bytes += size;
  }
  return `${kept}...`;
}
