import { decodeBody } from '../../src/proxy/forward-body';
import { ProxyError } from '../../src/proxy/proxy-error';

async function encode(form: FormData): Promise<{ raw: Buffer; contentType: string }> {
  const request = new Request('http://x.invalid/', { method: 'POST', body: form });
  return { raw: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof ProxyError ? error.code : 'not a ProxyError';
  }
  return undefined;
}

describe('decodeBody', () => {
  it('passes JSON and empty bodies', async () => {
    expect(await decodeBody(Buffer.from('{"content":"hi"}'), 'application/json; charset=utf-8')).toEqual({ body: { content: 'hi' }, files: undefined });
    expect(await decodeBody(Buffer.alloc(0), undefined)).toEqual({ body: undefined, files: undefined });
  });

  it('turns multipart into payload_json plus files that keep their field names, names and types', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'x', attachments: [{ id: 3 }] }));
    form.append('files[3]', new Blob([Buffer.from([0, 1, 2, 255])], { type: 'image/png' }), 'a.png');
    form.append('files[4]', new Blob(['plain']), 'b.txt');
    const { raw, contentType } = await encode(form);
    const decoded = await decodeBody(raw, contentType);
    expect(decoded.body).toEqual({ content: 'x', attachments: [{ id: 3 }] });
    expect(decoded.files?.map((file) => ({ key: file.key, name: file.name, contentType: file.contentType, data: [...(file.data as Buffer)] }))).toEqual([
      { key: 'files[3]', name: 'a.png', contentType: 'image/png', data: [0, 1, 2, 255] },
      // The web FormData gives a Blob without a type application/octet-stream as its File.
      { key: 'files[4]', name: 'b.txt', contentType: 'application/octet-stream', data: [...Buffer.from('plain')] },
    ]);
  });

  it('refuses bad JSON, bad payload_json, stray form fields, broken multipart and other media types', async () => {
    expect(await codeOf(decodeBody(Buffer.from('{'), 'application/json'))).toBe('OVEN_ERR_PROXY_BAD_BODY');
    const badPayload = new FormData();
    badPayload.append('payload_json', '{nope');
    const encodedBad = await encode(badPayload);
    expect(await codeOf(decodeBody(encodedBad.raw, encodedBad.contentType))).toBe('OVEN_ERR_PROXY_BAD_BODY');
    const stray = new FormData();
    stray.append('name', 'sticker');
    const encodedStray = await encode(stray);
    expect(await codeOf(decodeBody(encodedStray.raw, encodedStray.contentType))).toBe('OVEN_ERR_PROXY_BAD_BODY');
    expect(await codeOf(decodeBody(Buffer.from('garbage'), 'multipart/form-data; boundary=xyz'))).toBe('OVEN_ERR_PROXY_BAD_BODY');
    expect(await codeOf(decodeBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded'))).toBe('OVEN_ERR_PROXY_UNSUPPORTED_MEDIA_TYPE');
  });
});
