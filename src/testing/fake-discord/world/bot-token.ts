import { randomBytes } from 'node:crypto';

/** Discord's token shape: base64 of the bot id, a timestamp part and an HMAC part. */
export function makeBotToken(botId: string): string {
  return `${Buffer.from(botId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}
