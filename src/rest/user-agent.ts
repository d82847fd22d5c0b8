/** The library URL and version Discord's required `DiscordBot ($url, $versionNumber)` format names. */
export const OVEN_URL = 'https://github.com/ovenjs/ovenjs';
export const OVEN_VERSION = '0.1.0';

/**
 * Discord requires `User-Agent: DiscordBot ($url, $versionNumber)`; anything after it is free, so
 * the Node version and the caller's appendix follow for Discord-side debugging.
 */
export function userAgent(appendix: string | undefined): string {
  const base = `DiscordBot (${OVEN_URL}, ${OVEN_VERSION}) Node.js/${process.version}`;
  return appendix === undefined || appendix === '' ? base : `${base} ${appendix}`;
}
