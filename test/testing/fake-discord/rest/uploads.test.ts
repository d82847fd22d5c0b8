import { RESTJSONErrorCodes, type APIMessage } from 'discord-api-types/v10';
import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

let discord: FakeDiscord;
let channelId: string;

function form(payload: unknown, files: { field: string; name: string; data: Buffer | string; type?: string }[]): FormData {
  const body = new FormData();
  body.append('payload_json', JSON.stringify(payload));
  for (const file of files) body.append(file.field, new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
  return body;
}

async function send(method: string, path: string, body: FormData | string, contentType?: string): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { Authorization: `Bot ${discord.token}` };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(`${discord.restUrl}/v10${path}`, { method, headers, body });
  return { status: response.status, json: (await response.json()) as unknown };
}

beforeAll(async () => {
  discord = await FakeDiscord.start({ rateLimits: false, maxFileBytes: 1024, maxBodyBytes: 4096 });
  channelId = discord.createGuild({ name: 'Uploads' }).system_channel_id as string;
});

afterAll(async () => {
  await discord.close();
});

describe('multipart uploads', () => {
  it('links attachments[].id to files[n], keeps unlinked files, and records the bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const reply = await send('POST', `/channels/${channelId}/messages`, form({ content: 'pics', attachments: [{ id: 1, description: 'the logo', filename: 'logo.png' }] }, [
      { field: 'files[0]', name: 'notes.txt', data: 'hello', type: 'text/plain' },
      { field: 'files[1]', name: 'upload.png', data: png, type: 'image/png' },
    ]));
    expect(reply.status).toBe(200);
    const message = reply.json as APIMessage;
    expect(message.attachments.map((a) => [a.filename, a.description, a.content_type, a.size])).toEqual([
      ['logo.png', 'the logo', 'image/png', 8],
      ['notes.txt', undefined, 'text/plain', 5],
    ]);
    expect(discord.files(message.id).map((f) => [f.field, f.filename, f.data.toString('hex')])).toEqual([
      ['files[1]', 'upload.png', png.toString('hex')],
      ['files[0]', 'notes.txt', Buffer.from('hello').toString('hex')],
    ]);
    expect(discord.requests().at(-1)?.files).toHaveLength(2);
  });

  it('keeps only the listed attachments on edit and adds new files', async () => {
    const created = (await send('POST', `/channels/${channelId}/messages`, form({ content: 'two' }, [
      { field: 'files[0]', name: 'a.txt', data: 'a' },
      { field: 'files[1]', name: 'b.txt', data: 'b' },
    ]))).json as APIMessage;
    const keep = created.attachments.find((a) => a.filename === 'b.txt')?.id as string;
    const edited = (await send('PATCH', `/channels/${channelId}/messages/${created.id}`, form({ attachments: [{ id: keep }, { id: 0 }] }, [{ field: 'files[0]', name: 'c.txt', data: 'c' }]))).json as APIMessage;
    expect(edited.attachments.map((a) => a.filename)).toEqual(['b.txt', 'c.txt']);
  });

  it('refuses a file over the size limit and a body over the body limit with 413 / 40005', async () => {
    const big = await send('POST', `/channels/${channelId}/messages`, form({ content: 'big' }, [{ field: 'files[0]', name: 'big.bin', data: Buffer.alloc(2048) }]));
    expect(big).toMatchObject({ status: 413, json: { code: RESTJSONErrorCodes.RequestEntityTooLarge } });
    const huge = await send('POST', `/channels/${channelId}/messages`, JSON.stringify({ content: 'x'.repeat(5000) }), 'application/json');
    expect(huge).toMatchObject({ status: 413, json: { code: RESTJSONErrorCodes.RequestEntityTooLarge } });
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
  });

  it('names a missing files[n] part and rejects multipart where a route takes none', async () => {
    const missing = await send('POST', `/channels/${channelId}/messages`, form({ content: 'x', attachments: [{ id: 5 }] }, [{ field: 'files[0]', name: 'a.txt', data: 'a' }]));
    expect(missing).toMatchObject({ status: 400, json: { code: 50035, errors: { attachments: { '0': { id: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND' }] } } } } } });
    const wrongRoute = await send('PATCH', `/channels/${channelId}`, form({ name: 'x' }, []));
    expect(wrongRoute).toMatchObject({ status: 400, json: { code: 50035, errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID' }] } } });
    const truncated = await send('POST', `/channels/${channelId}/messages`, '--abc\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{}', 'multipart/form-data; boundary=abc');
    expect(truncated.status).toBe(400);
  });
});
