import type { APIEmoji } from 'discord-api-types/v10';

const CUSTOM = /^(?:a:)?([\w~-]{2,32}):(\d{1,20})$/;

/**
 * Reads an emoji as Discord's routes take it: a unicode emoji (`👍`) or a custom one as
 * `name:id`. Undefined when it is neither.
 */
export function parseEmoji(raw: string): APIEmoji | undefined {
  const custom = CUSTOM.exec(raw);
  if (custom !== null) return { id: custom[2] as string, name: custom[1] as string };
  // Unicode emoji are short and contain no ASCII word characters.
  if (raw.length === 0 || raw.length > 32 || /[\w:]/.test(raw)) return undefined;
  return { id: null, name: raw };
}
