import { request } from 'node:http';
import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

let discord: FakeDiscord;
let channelId: string;

/** Sends raw bytes with exact headers (fetch would fix some of them up). */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${discord.restUrl}/v10${path}`, { method, headers: { Authorization: `Bot ${discord.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  discord = await FakeDiscord.start({ rateLimits: false, maxBodyBytes: 64 * 1024 });
  channelId = discord.createGuild({ name: 'Fuzz' }).system_channel_id as string;
});

afterAll(async () => {
  await discord.close();
});

describe('bad client input', () => {
  const json = { 'Content-Type': 'application/json' };
  const bodies: [string, string, string][] = [
    ['POST', '/channels/{c}/messages', 'null'],
    ['POST', '/channels/{c}/messages', '[]'],
    ['POST', '/channels/{c}/messages', '"text"'],
    ['POST', '/channels/{c}/messages', '{"embeds":[null,1,"x",{"fields":[null]}]}'],
    ['POST', '/channels/{c}/messages', '{"components":[null,{"type":1,"components":[null,{"type":2}]}]}'],
    ['POST', '/channels/{c}/messages', '{"attachments":[{"id":"x"}],"content":"x"}'],
    ['POST', '/channels/{c}/messages', `{"content":${'['.repeat(5000)}`],
    ['PUT', '/applications/{a}/commands', '[null,1,{"name":null}]'],
    ['POST', '/applications/{a}/commands', '{"name":"x","options":[{"options":[{"options":[null]}]}]}'],
    ['PATCH', '/channels/{c}', '{"permission_overwrites":[null]}'],
    ['POST', '/users/@me/channels', '{"recipient_id":{"a":1}}'],
    ['POST', '/channels/{c}/messages/bulk-delete', '{"messages":"all"}'],
    ['POST', '/interactions/1/x/callback', '{"type":"4"}'],
  ];

  it.each(bodies)('%s %s (malformed body %#) gets a 4xx Discord error, never a 500', async (method, template, body) => {
    const path = template.replace('{c}', channelId).replace('{a}', discord.applicationId);
    const reply = await raw(method, path, json, body);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(JSON.parse(reply.text)).toHaveProperty('code');
  });

  it('survives broken encodings, chunked oversize bodies and a body cut short', async () => {
    expect((await raw('GET', '/channels/%E0%A4%A/messages', {})).status).toBe(404);
    expect((await raw('POST', `/channels/${channelId}/messages`, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, Buffer.alloc(100 * 1024, 0x20))).status).toBe(413);
    const cut = await new Promise<string>((resolve) => {
      const req = request(`${discord.restUrl}/v10/channels/${channelId}/messages`, { method: 'POST', headers: { Authorization: `Bot ${discord.token}`, 'Content-Type': 'application/json', 'Content-Length': '100' } });
      req.on('error', () => resolve('client saw the drop'));
      req.write('{"content":');
      setImmediate(() => {
        req.destroy();
        resolve('dropped');
      });
    });
    expect(cut).toBeTruthy();
    await discord.waitForRequest((r) => r.route === 'POST /channels/{channel_id}/messages' && r.status === 0);
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
    expect(discord.requests().every((r) => r.status !== 500)).toBe(true);
  });
});
