import type { APIEmbed } from 'discord-api-types/v10';
import { BuilderLimitError } from './builder-errors';
import { checkCount, checkLength, codePointLength } from './check-length';
import { EMBED_LIMITS } from './limits';

/**
 * Characters (code points, as Discord counts them) of one embed that count towards Discord's 6000-character total.
 *
 * @example
 * ```ts
 * embedLength({ title: 'abc', fields: [{ name: 'n', value: 'v' }] }); // 5
 * ```
 */
export function embedLength(embed: APIEmbed): number {
  const count = (text: string | undefined): number => (text === undefined ? 0 : codePointLength(text));
  let total = count(embed.title) + count(embed.description) + count(embed.footer?.text) + count(embed.author?.name);
  for (const field of embed.fields ?? []) total += count(field.name) + count(field.value);
  return total;
}

/**
 * Checks one embed against Discord's per-embed limits. `path` prefixes error paths.
 *
 * @example
 * ```ts
 * validateEmbed({ title: 'Status', fields: [{ name: 'CPU', value: '12%' }] });
 * ```
 */
export function validateEmbed(embed: APIEmbed, path = 'embed'): void {
  if (embed.title !== undefined) checkLength(embed.title, EMBED_LIMITS.title, 'embed.title', `${path}.title`);
  if (embed.description !== undefined) {
    checkLength(embed.description, EMBED_LIMITS.description, 'embed.description', `${path}.description`);
  }
  const fields = embed.fields ?? [];
  checkCount(fields.length, EMBED_LIMITS.fields, 'embed.fields', `${path}.fields`, 'fields');
  fields.forEach((field, index) => {
    checkLength(field.name, EMBED_LIMITS.fieldName, 'embed.field.name', `${path}.fields[${index}].name`, 1);
    checkLength(field.value, EMBED_LIMITS.fieldValue, 'embed.field.value', `${path}.fields[${index}].value`, 1);
  });
  if (embed.footer !== undefined) checkLength(embed.footer.text, EMBED_LIMITS.footerText, 'embed.footer.text', `${path}.footer.text`);
  if (embed.author !== undefined) checkLength(embed.author.name, EMBED_LIMITS.authorName, 'embed.author.name', `${path}.author.name`);
  if (embed.color !== undefined && !(Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff)) {
    throw new BuilderLimitError('embed.color', `${path}.color`, `${embed.color} is not a colour: use an integer from 0 to 0xFFFFFF.`);
  }
  const total = embedLength(embed);
  if (total > EMBED_LIMITS.total) {
    throw new BuilderLimitError('embed.total', path, `holds ${total} characters in title, description, fields, footer and author; Discord allows ${EMBED_LIMITS.total} (embed.total).`);
  }
}

/**
 * Checks the embeds of one message: each embed, at most 10, and 6000 characters over all of them.
 *
 * @example
 * ```ts
 * validateEmbeds([embedA, embedB]);
 * ```
 */
export function validateEmbeds(embeds: readonly APIEmbed[], path = 'embeds'): void {
  checkCount(embeds.length, EMBED_LIMITS.embedsPerMessage, 'message.embeds', path, 'embeds');
  let total = 0;
  embeds.forEach((embed, index) => {
    validateEmbed(embed, `${path}[${index}]`);
    total += embedLength(embed);
  });
  if (total > EMBED_LIMITS.total) {
    throw new BuilderLimitError('embed.total', path, `hold ${total} characters together; Discord allows ${EMBED_LIMITS.total} over all embeds of a message (embed.total).`);
  }
}
