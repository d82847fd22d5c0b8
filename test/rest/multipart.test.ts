import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Routes } from 'discord-api-types/v10';
import { RestClient } from '../../src/rest';
import { encodeMultipart } from '../../src/rest/multipart';
import { json, limits, startLocalServer, type LocalServer } from './support/local-server';

async function parse(contentType: string, body: Buffer): Promise<FormData> {
  return new Response(body, { headers: { 'content-type': contentType } }).formData();
}

describe('multipart uploads', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((_request, response) => json(response, 200, { id: '1' }));
    rest = new RestClient({ token: 't', baseURL: server.baseURL });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('sends payload_json and files[n] from a Buffer, a Uint8Array, a Blob and a stream, byte for byte', async () => {
    const big = Buffer.alloc(300_000);
    for (let index = 0; index < big.length; index += 1) big[index] = (index * 31) % 256;
    await rest.channels.createMessage(
      '111111111111111111',
      { content: 'files', attachments: [{ id: 0, filename: 'a.png' }] },
      {
        files: [
          { name: 'a.png', data: Buffer.from([1, 2, 3]) },
          { name: 'b.bin', data: new Uint8Array([4, 5]) },
          { name: 'c.txt', data: new Blob(['blob text'], { type: 'text/plain' }) },
          { name: 'd.bin', data: Readable.from([big.subarray(0, 100_000), big.subarray(100_000)]) },
        ],
      },
    );
    const [request] = server.received;
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parse(String(request?.headers['content-type']), request!.body);
    expect(JSON.parse(String(form.get('payload_json')))).toEqual({ content: 'files', attachments: [{ id: 0, filename: 'a.png' }] });
    const a = form.get('files[0]') as File;
    expect(a.name).toBe('a.png');
    expect(a.type).toBe('image/png');
    expect([...new Uint8Array(await a.arrayBuffer())]).toEqual([1, 2, 3]);
    expect([...new Uint8Array(await (form.get('files[1]') as File).arrayBuffer())]).toEqual([4, 5]);
    expect(await (form.get('files[2]') as File).text()).toBe('blob text');
    const d = Buffer.from(await (form.get('files[3]') as File).arrayBuffer());
    expect(d.equals(big)).toBe(true);
  });

  it('declares an exact Content-Length when every part has a known size', async () => {
    await rest.post(Routes.channelMessages('111111111111111111'), { body: { content: 'x' }, files: [{ name: 'x.txt', data: Buffer.from('hello') }] });
    const [request] = server.received;
    expect(Number(request?.headers['content-length'])).toBe(request?.body.length);
  });

  it('resends a stream upload intact after a 429', async () => {
    let first = true;
    server.setHandler((_request, response) => {
      if (first) {
        first = false;
        return json(response, 429, { message: 'You are being rate limited.', retry_after: 0.01, global: false }, {
          ...limits('upload', 5, 0, 0.01),
          'x-ratelimit-scope': 'user',
        });
      }
      return json(response, 200, { id: '1' });
    });
    await rest.post(Routes.channelMessages('111111111111111111'), {
      body: { content: 'stream' },
      files: [{ name: 's.txt', data: Readable.from([Buffer.from('part one, '), Buffer.from('part two')]) }],
    });
    expect(server.received).toHaveLength(2);
    for (const request of server.received) {
      const form = await parse(String(request.headers['content-type']), request.body);
      expect(await (form.get('files[0]') as File).text()).toBe('part one, part two');
    }
  });

  it('refuses to resend a stream that a 429 cut off mid-upload instead of sending a truncated file', async () => {
    // Discord (or its edge) may answer before reading the whole upload; the stream is then half read.
    let requests = 0;
    const early = createServer((_request, response) => {
      requests += 1;
      response.writeHead(429, { 'content-type': 'application/json', 'x-ratelimit-scope': 'user' });
      response.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 0.01, global: false }));
    });
    await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve));
    const client = new RestClient({ token: 't', baseURL: `http://127.0.0.1:${(early.address() as AddressInfo).port}/api` });
    async function* slowUpload(): AsyncGenerator<Buffer> {
      for (let index = 0; index < 50; index += 1) {
        yield Buffer.alloc(64 * 1024, index);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    try {
      const error = await client
        .post(Routes.channelMessages('111111111111111111'), { body: { content: 'big' }, files: [{ name: 'big.bin', data: Readable.from(slowUpload()) }] })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'OVEN_ERR_REST_BAD_FILE' });
      expect((error as Error).message).toMatch(/429/);
      expect((error as Error).message).toMatch(/Buffer or Blob/);
      expect(requests).toBe(1);
    } finally {
      await client.close();
      early.closeAllConnections();
      await new Promise<void>((resolve) => early.close(() => resolve()));
    }
  });

  it('names the bad file in a typed error', () => {
    expect(() => encodeMultipart({}, [{ name: '', data: Buffer.from('x') }])).toThrow(expect.objectContaining({ code: 'OVEN_ERR_REST_BAD_FILE' }));
    expect(() => encodeMultipart({}, [{ name: 'x', data: 'text' as unknown as Buffer }])).toThrow(/files\[0\] \("x"\)/);
  });
});
