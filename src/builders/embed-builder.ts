import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { BuilderLimitError } from './builder-errors';
import { checkCount, checkLength } from './check-length';
import { EMBED_LIMITS } from './limits';
import { validateEmbed } from './validate-embeds';

/**
 * Builds an embed, checking each of Discord's limits as you go (the setter that breaks one
 * throws `BuilderLimitError`) and the 6000-character total at `toJSON()`.
 *
 * @example
 * ```ts
 * const embed = new EmbedBuilder()
 *   .setTitle('Server status')
 *   .setColor(0x57f287)
 *   .addFields({ name: 'Members', value: '1 204', inline: true })
 *   .toJSON();
 * ```
 */
export class EmbedBuilder {
  private readonly data: APIEmbed;

  public constructor(from: APIEmbed = {}) {
    this.data = structuredClone(from);
  }

  public setTitle(title: string): this {
    checkLength(title, EMBED_LIMITS.title, 'embed.title', 'embed.title');
    this.data.title = title;
    return this;
  }

  public setDescription(description: string): this {
    checkLength(description, EMBED_LIMITS.description, 'embed.description', 'embed.description');
    this.data.description = description;
    return this;
  }

  public setURL(url: string): this {
    this.data.url = checkUrl(url, 'embed.url');
    return this;
  }

  /** A colour as `0xRRGGBB`. */
  public setColor(color: number): this {
    if (!(Number.isInteger(color) && color >= 0 && color <= 0xffffff)) {
      throw new BuilderLimitError('embed.color', 'embed.color', `${color} is not a colour: use an integer from 0 to 0xFFFFFF.`);
    }
    this.data.color = color;
    return this;
  }

  public setTimestamp(at: Date | number = Date.now()): this {
    this.data.timestamp = new Date(at).toISOString();
    return this;
  }

  public setFooter(footer: { text: string; iconURL?: string }): this {
    checkLength(footer.text, EMBED_LIMITS.footerText, 'embed.footer.text', 'embed.footer.text');
    this.data.footer = footer.iconURL === undefined ? { text: footer.text } : { text: footer.text, icon_url: checkUrl(footer.iconURL, 'embed.footer.icon_url') };
    return this;
  }

  public setAuthor(author: { name: string; url?: string; iconURL?: string }): this {
    checkLength(author.name, EMBED_LIMITS.authorName, 'embed.author.name', 'embed.author.name');
    this.data.author = {
      name: author.name,
      ...(author.url === undefined ? {} : { url: checkUrl(author.url, 'embed.author.url') }),
      ...(author.iconURL === undefined ? {} : { icon_url: checkUrl(author.iconURL, 'embed.author.icon_url') }),
    };
    return this;
  }

  public setImage(url: string): this {
    this.data.image = { url: checkUrl(url, 'embed.image.url') };
    return this;
  }

  public setThumbnail(url: string): this {
    this.data.thumbnail = { url: checkUrl(url, 'embed.thumbnail.url') };
    return this;
  }

  public addFields(...fields: APIEmbedField[]): this {
    const existing = this.data.fields ?? [];
    checkCount(existing.length + fields.length, EMBED_LIMITS.fields, 'embed.fields', 'embed.fields', 'fields');
    fields.forEach((field, offset) => {
      const index = existing.length + offset;
      checkLength(field.name, EMBED_LIMITS.fieldName, 'embed.field.name', `embed.fields[${index}].name`, 1);
      checkLength(field.value, EMBED_LIMITS.fieldValue, 'embed.field.value', `embed.fields[${index}].value`, 1);
    });
    this.data.fields = [...existing, ...fields.map((f) => ({ ...f }))];
    return this;
  }

  /** The embed JSON, after checking the whole embed (including the 6000-character total). */
  public toJSON(): APIEmbed {
    validateEmbed(this.data);
    return structuredClone(this.data);
  }
}

function checkUrl(url: string, path: string): string {
  // Discord accepts http(s) and attachment:// (files uploaded with the same message).
  if (!/^(https?|attachment):\/\/\S+$/.test(url)) {
    throw new BuilderLimitError('embed.url', path, `"${url}" is not a URL Discord accepts: use http://, https:// or attachment://.`);
  }
  return url;
}
