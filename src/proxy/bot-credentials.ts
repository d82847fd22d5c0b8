import { createHash } from 'node:crypto';

/** A token the proxy forwards with, and the id its rate-limit state is kept under. */
export interface BotCredentials {
  prefix: 'Bot' | 'Bearer';
  token: string;
  /**
   * A hash of the token: the key its rate-limit state is kept under (in Redis keys, so never the
   * token itself). Not the bot id a token claims: anyone can send a made-up token that claims a
   * bot's id, and its 401s must not count against that bot's invalid-request budget.
   */
  key: string;
  /** For metrics and logs: the bot's user id when the token shows it (its first segment, base64), else `key`. */
  label: string;
}

/** Reads `Authorization: Bot <token>` or `Bearer <token>`; undefined when absent or empty. */
export function credentialsFrom(header: string | undefined): BotCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(Bot|Bearer)\s+(\S+)\s*$/i.exec(header) ?? /^\s*(\S+)\s*$/.exec(header);
  if (match === null) return undefined;
  const [, first, second] = match;
  // A bare token is what some clients send for bots; Discord reads it as a bot token too.
  const prefix = second === undefined || first!.toLowerCase() === 'bot' ? 'Bot' : 'Bearer';
  const token = second ?? first!;
  const key = `${prefix.toLowerCase()}-${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
  return { prefix, token, key, label: labelOf(prefix, token) ?? key };
}

function labelOf(prefix: 'Bot' | 'Bearer', token: string): string | undefined {
  if (prefix !== 'Bot') return undefined;
  const decoded = Buffer.from(token.split('.')[0] ?? '', 'base64').toString('utf8');
  return /^\d{15,21}$/.test(decoded) ? decoded : undefined;
}
