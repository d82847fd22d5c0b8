import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command, CommandRouter, CommandsModuleError, Ctx, HttpInteractions } from '../../../src/commands';
import type { CommandContext } from '../../../src/commands';
import { RecordingRest, slash } from '../interaction-fixtures';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');

class Commands {
  @Command({ name: 'ping', description: 'Pong' })
  async ping(@Ctx() ctx: CommandContext) {
    await ctx.reply('Pong!');
    await ctx.followUp('after the HTTP response');
  }

  @Command({ name: 'silent', description: 'Never answers' })
  silent() {}
}

let server: Server;
let url: string;
const rest = new RecordingRest();

beforeAll(async () => {
  const http = new HttpInteractions({ publicKey: publicHex, rest });
  const router = new CommandRouter({ rest: http.rest }).register([Commands]);
  server = createServer(http.listener(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(body: unknown, tamper?: (headers: Record<string, string>) => void, signedAt = Math.floor(Date.now() / 1000)) {
  const raw = JSON.stringify(body);
  const timestamp = String(signedAt);
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  tamper?.(headers);
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe('HttpInteractions', () => {
  it('answers PING with PONG', async () => {
    expect(await post({ id: '1', type: 1, application_id: '1', token: 't', version: 1 })).toEqual({ status: 200, json: { type: 1 } });
  });

  it('returns the initial response as the HTTP body and sends the rest through REST', async () => {
    const interaction = slash('ping');
    expect(await post(interaction)).toEqual({ status: 200, json: { type: 4, data: { content: 'Pong!' } } });
    await rest.waitFor((c) => c.kind === 'followup');
    expect(rest.calls).toEqual([{ kind: 'followup', body: { content: 'after the HTTP response' } }]);
  });

  it('refuses bad signatures and stale timestamps', async () => {
    const now = Math.floor(Date.now() / 1000);
    const earlier = [...rest.calls];
    expect((await post(slash('ping'), (h) => (h['x-signature-ed25519'] = '0'.repeat(128)))).status).toBe(401);
    expect((await post(slash('ping'), (h) => delete h['x-signature-timestamp'])).status).toBe(401);
    // A genuine signature of another body (a replayed signature on a forged interaction).
    const forged = sign(null, Buffer.from(`${now}{}`), privateKey).toString('hex');
    expect((await post(slash('ping'), (h) => (h['x-signature-ed25519'] = forged))).status).toBe(401);
    // Correctly signed, but outside the 300 s skew either way: only the timestamp check refuses these.
    expect((await post(slash('ping'), undefined, now - 3600)).status).toBe(401);
    expect((await post(slash('ping'), undefined, now + 3600)).status).toBe(401);
    expect(rest.calls).toEqual(earlier); // no handler ran
    // Inside the skew it is accepted, so the refusals above were the timestamp's doing.
    expect((await post(slash('ping'), undefined, now - 200)).status).toBe(200);
    await rest.waitFor((c) => !earlier.includes(c));
  });

  it('answers 500 when the handler never responds', async () => {
    expect(await post(slash('silent'))).toEqual({ status: 500, json: { message: 'The bot did not answer this interaction' } });
  });

  it('answers 500 and reports the error when serving fails outside a handler', async () => {
    const errors: unknown[] = [];
    const http = new HttpInteractions({ publicKey: publicHex, rest, onError: (error) => errors.push(error) });
    const broken = { handle: () => Promise.reject(new Error('routing exploded')) } as unknown as CommandRouter;
    const other = createServer(http.listener(broken));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const raw = JSON.stringify(slash('ping'));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex');
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
        body: raw,
      });
      expect(response.status).toBe(500);
      expect(errors).toEqual([new Error('routing exploded')]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('rejects a malformed public key with a typed error', () => {
    expect(() => new HttpInteractions({ publicKey: 'abc', rest })).toThrow(CommandsModuleError);
  });
});
