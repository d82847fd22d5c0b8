import { ComponentType, EmbedType, MessageFlags, RESTJSONErrorCodes, type APIEmbed } from 'discord-api-types/v10';
import type { UploadedFile } from '../world/uploaded-file';
import { DiscordHttpError } from './discord-http-error';
import { FormErrorCollector } from './form-errors';
import { validate, type ValidationSchema } from './validation';

/** The message fields the fake understands on create and edit (a subset Discord documents). */
export interface MessageBody {
  content?: string;
  nonce?: string | number;
  tts?: boolean;
  embeds?: APIEmbed[];
  components?: unknown[];
  attachments?: { id: string | number; filename?: string; description?: string }[];
  flags?: number;
  sticker_ids?: string[];
  poll?: unknown;
  message_reference?: { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean };
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
}

const embedSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    title: { kind: 'string', max: 256 },
    description: { kind: 'string', max: 4096 },
    url: { kind: 'string', max: 2048 },
    color: { kind: 'integer', min: 0, max: 0xffffff },
    timestamp: { kind: 'string' },
    footer: { kind: 'object', fields: { text: { kind: 'string', required: true, max: 2048 }, icon_url: { kind: 'string' } } },
    author: { kind: 'object', fields: { name: { kind: 'string', required: true, max: 256 }, url: { kind: 'string' }, icon_url: { kind: 'string' } } },
    image: { kind: 'object', fields: { url: { kind: 'string', required: true } } },
    thumbnail: { kind: 'object', fields: { url: { kind: 'string', required: true } } },
    fields: {
      kind: 'array',
      max: 25,
      items: { kind: 'object', fields: { name: { kind: 'string', required: true, max: 256 }, value: { kind: 'string', required: true, max: 1024 }, inline: { kind: 'boolean' } } },
    },
  },
};

/** Body schema shared by message create, edit, webhook execute and interaction responses. */
export const messageSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    content: { kind: 'string', max: 2000 },
    nonce: { kind: 'any' },
    tts: { kind: 'boolean' },
    embeds: { kind: 'array', max: 10, items: embedSchema },
    components: { kind: 'array', max: 40, items: { kind: 'object', fields: { type: { kind: 'integer', required: true } } } },
    attachments: {
      kind: 'array',
      max: 10,
      items: { kind: 'object', fields: { id: { kind: 'snowflake', required: true }, filename: { kind: 'string', max: 1024 }, description: { kind: 'string', max: 1024 } } },
    },
    flags: { kind: 'integer', min: 0 },
    sticker_ids: { kind: 'array', max: 3, items: { kind: 'snowflake' } },
    poll: { kind: 'object', fields: { question: { kind: 'object', required: true, fields: { text: { kind: 'string', required: true, max: 300 } } } } },
    message_reference: { kind: 'object', fields: { message_id: { kind: 'snowflake' }, channel_id: { kind: 'snowflake' }, fail_if_not_exists: { kind: 'boolean' } } },
    allowed_mentions: {
      kind: 'object',
      fields: {
        parse: { kind: 'array', items: { kind: 'choice', values: ['roles', 'users', 'everyone'] } },
        users: { kind: 'array', max: 100, items: { kind: 'snowflake' } },
        roles: { kind: 'array', max: 100, items: { kind: 'snowflake' } },
        replied_user: { kind: 'boolean' },
      },
    },
  },
};

interface RawComponent {
  type?: unknown;
  style?: unknown;
  custom_id?: unknown;
  label?: unknown;
  url?: unknown;
  sku_id?: unknown;
  options?: unknown;
  components?: unknown;
}

const SELECTS = new Set<number>([ComponentType.StringSelect, ComponentType.UserSelect, ComponentType.RoleSelect, ComponentType.MentionableSelect, ComponentType.ChannelSelect]);

/** Legacy layouts: up to 5 action rows of up to 5 buttons or one select; custom ids unique. */
function checkComponents(components: unknown[], flags: number, errors: FormErrorCollector): void {
  if ((flags & MessageFlags.IsComponentsV2) !== 0) return;
  if (components.length > 5) {
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    return;
  }
  const seen = new Set<string>();
  components.forEach((raw, rowIndex) => {
    const row = raw as RawComponent;
    if (row.type !== ComponentType.ActionRow) {
      errors.add(['components', rowIndex, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${ComponentType.ActionRow},).`);
      return;
    }
    const children = Array.isArray(row.components) ? (row.components as RawComponent[]) : [];
    if (children.length < 1 || children.length > 5) {
      errors.add(['components', rowIndex, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
      return;
    }
    children.forEach((child, index) => {
      const path = ['components', rowIndex, 'components', index];
      if (child.type === ComponentType.Button) {
        if (typeof child.style !== 'number' || child.style < 1 || child.style > 6) errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
        if (typeof child.label === 'string' && child.label.length > 80) errors.add([...path, 'label'], 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
        if (child.style === 5 && typeof child.url !== 'string') errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        if (child.style !== 5 && child.style !== 6 && typeof child.custom_id !== 'string') errors.add([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else if (SELECTS.has(child.type as number)) {
        if (children.length > 1) errors.add([...path], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        if (typeof child.custom_id !== 'string') errors.add([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        if (child.type === ComponentType.StringSelect && (!Array.isArray(child.options) || child.options.length < 1 || child.options.length > 25)) {
          errors.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
        }
      } else {
        errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
      }
      if (typeof child.custom_id === 'string') {
        if (child.custom_id.length > 100) errors.add([...path, 'custom_id'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        if (seen.has(child.custom_id)) errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        seen.add(child.custom_id);
      }
    });
  });
}

function embedLength(embed: APIEmbed): number {
  let total = (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Validates a message body as Discord does and returns it typed. `requireContent` is false for
 * edits, where an empty patch is legal.
 */
export function parseMessageBody(body: unknown, files: readonly UploadedFile[], requireContent: boolean): MessageBody {
  const errors = validate(body ?? {}, messageSchema);
  const message = (body ?? {}) as MessageBody;
  if (errors.size === 0) {
    if (message.components !== undefined) checkComponents(message.components, message.flags ?? 0, errors);
    const total = (message.embeds ?? []).reduce((sum, embed) => sum + embedLength(embed), 0);
    if (total > 6000) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
  if (requireContent) {
    const empty =
      (message.content ?? '') === '' &&
      (message.embeds ?? []).length === 0 &&
      files.length === 0 &&
      (message.components ?? []).length === 0 &&
      (message.sticker_ids ?? []).length === 0 &&
      message.poll === undefined;
    if (empty) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
  }
  return message;
}

/** An embed as Discord stores it: `type: 'rich'` and every field's `inline` explicit. */
export function normalizeEmbed(embed: APIEmbed): APIEmbed {
  const normalized: APIEmbed = { type: EmbedType.Rich, ...embed };
  if (embed.fields !== undefined) normalized.fields = embed.fields.map((field) => ({ ...field, inline: field.inline ?? false }));
  return normalized;
}
