import type { APIAttachment } from 'discord-api-types/v10';
import type { UploadedFile } from '../world/uploaded-file';
import type { World } from '../world/world';
import { DiscordHttpError } from './discord-http-error';
import { FormErrorCollector } from './form-errors';
import type { MessageBody } from './message-body';

/**
 * Turns uploads into attachment objects: `attachments[i].id` names the `files[n]` part it
 * describes; files no entry mentions are attached as they are. Kept attachments (on edit) are
 * passed through when their id is in `existing`.
 */
export function buildAttachments(world: World, channelId: string, body: MessageBody, files: readonly UploadedFile[], existing: readonly APIAttachment[] = []): { attachments: APIAttachment[]; stored: UploadedFile[] } {
  const attachments: APIAttachment[] = [];
  const stored: UploadedFile[] = [];
  const used = new Set<UploadedFile>();
  const make = (file: UploadedFile, description: string | undefined, filename: string | undefined): void => {
    const id = world.ids.next();
    const name = filename ?? file.filename;
    const url = `${world.httpBase}/attachments/${channelId}/${id}/${encodeURIComponent(name)}`;
    const attachment: APIAttachment = { id, filename: name, size: file.data.length, url, proxy_url: url, content_type: file.contentType };
    if (description !== undefined) attachment.description = description;
    attachments.push(attachment);
    stored.push(file);
    world.attachments.set(id, file);
    used.add(file);
  };
  const errors = new FormErrorCollector();
  (body.attachments ?? []).forEach((entry, index) => {
    const keep = existing.find((a) => a.id === String(entry.id));
    if (keep !== undefined) {
      attachments.push(keep);
      return;
    }
    const file = files.find((f) => f.field === `files[${String(entry.id)}]`);
    if (file === undefined) {
      errors.add(['attachments', index, 'id'], 'ATTACHMENT_NOT_FOUND', `No file part named files[${String(entry.id)}] in this request.`);
      return;
    }
    make(file, entry.description, entry.filename);
  });
  if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
  for (const file of files) if (!used.has(file)) make(file, undefined, undefined);
  return { attachments, stored };
}
