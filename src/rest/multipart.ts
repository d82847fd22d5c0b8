import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { RestUsageError } from './errors/rest-usage-error';

/** What a file's bytes can be: held in memory, a Blob, or a stream read once while sending. */
export type FileData = Buffer | Uint8Array | Blob | Readable;

/**
 * A file to upload. It goes out as the form part `files[n]` (`n` is its index unless `key` is
 * given), and Discord links it to `attachments[].id` in the body.
 *
 * @example
 * ```ts
 * await rest.channels.createMessage(channelId, { content: 'log' }, { files: [{ name: 'log.txt', data: Buffer.from('...') }] });
 * ```
 */
export interface RestFile {
  name: string;
  data: FileData;
  contentType?: string;
  /** The form field name; defaults to `files[<index>]`. */
  key?: string;
}

/** A multipart body: a stream to send, its boundary, and its length when every part has one. */
export interface MultipartBody {
  contentType: string;
  length: number | undefined;
  /**
   * Whether `open()` can produce the whole body again: true unless a stream part was cut off
   * mid-read (its bytes are recorded while first sent, so a 429 or a retry can resend them).
   */
  canReplay(): boolean;
  /** A fresh stream of the whole body. */
  open(): Readable;
}

const CRLF = '\r\n';

/**
 * Encodes `payload_json` and `files[n]` as a stream. A stream part is read while it is sent and its
 * bytes are kept, because Discord may answer 429 and the same upload must then go out again; a
 * Buffer, Uint8Array or Blob part is simply re-read.
 */
export function encodeMultipart(payload: unknown, files: readonly RestFile[]): MultipartBody {
  const boundary = `----OvenJSFormBoundary${randomBytes(12).toString('hex')}`;
  const heads: Buffer[] = [];
  let length: number | undefined = 0;
  const recorded = files.map(() => ({ chunks: [] as Buffer[], state: 'unread' as 'unread' | 'reading' | 'done' }));
  const payloadPart = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));

  files.forEach((file, index) => {
    if (typeof file.name !== 'string' || file.name === '') {
      throw new RestUsageError('OVEN_ERR_REST_BAD_FILE', `files[${index}] has no name; Discord requires a filename for every file part.`);
    }
    const size = sizeOf(file.data);
    if (size === null) {
      throw new RestUsageError(
        'OVEN_ERR_REST_BAD_FILE',
        `files[${index}] ("${file.name}") has data of an unsupported type; give a Buffer, Uint8Array, Blob or Readable stream.`,
      );
    }
    const head = Buffer.from(
      `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeQuoted(file.key ?? `files[${index}]`)}"; ` +
        `filename="${escapeQuoted(file.name)}"${CRLF}Content-Type: ${file.contentType ?? contentTypeOf(file)}${CRLF}${CRLF}`,
    );
    heads.push(head);
    length = length === undefined || size === undefined ? undefined : length + head.length + size + CRLF.length;
  });
  const payloadHead = Buffer.from(
    `--${boundary}${CRLF}Content-Disposition: form-data; name="payload_json"${CRLF}Content-Type: application/json${CRLF}${CRLF}`,
  );
  const tail = Buffer.from(`--${boundary}--${CRLF}`);
  if (length !== undefined) {
    length += tail.length + (payloadPart === undefined ? 0 : payloadHead.length + payloadPart.length + CRLF.length);
  }

  async function* parts(): AsyncGenerator<Buffer | Uint8Array> {
    if (payloadPart !== undefined) {
      yield payloadHead;
      yield payloadPart;
      yield Buffer.from(CRLF);
    }
    for (const [index, file] of files.entries()) {
      yield heads[index]!;
      const record = recorded[index]!;
      if (file.data instanceof Readable && record.state === 'done') {
        yield* record.chunks;
      } else if (file.data instanceof Readable) {
        record.state = 'reading';
        for await (const chunk of bytesOf(file.data)) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          record.chunks.push(bytes);
          yield bytes;
        }
        record.state = 'done';
      } else {
        yield* bytesOf(file.data);
      }
      yield Buffer.from(CRLF);
    }
    yield tail;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    canReplay: () => recorded.every((record) => record.state !== 'reading'),
    open: () => Readable.from(parts(), { objectMode: false }),
  };
}

/** The byte size, `undefined` for a stream of unknown size, `null` for something that is not file data. */
function sizeOf(data: unknown): number | undefined | null {
  if (data instanceof Uint8Array) return data.byteLength;
  if (data instanceof Blob) return data.size;
  if (data instanceof Readable) return undefined;
  return null;
}

async function* bytesOf(data: FileData): AsyncGenerator<Buffer | Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  if (data instanceof Blob) {
    yield new Uint8Array(await data.arrayBuffer());
    return;
  }
  for await (const chunk of data) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
}

function contentTypeOf(file: RestFile): string {
  if (file.data instanceof Blob && file.data.type !== '') return file.data.type;
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  json: 'application/json',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
};

function escapeQuoted(value: string): string {
  return value.replace(/["\r\n\\]/g, (char) => encodeURIComponent(char));
}
