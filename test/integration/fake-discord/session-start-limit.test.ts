import { WebSocket } from 'ws';
import { FakeDiscord } from '../../../src/testing';

/** Opens a socket, identifies with `token`, and resolves with the first op 0 READY, op 9 or close. */
async function identify(discord: FakeDiscord, token: string): Promise<{ op?: number; t?: string; d?: unknown; close?: number; socket: WebSocket }> {
  const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', (code) => resolve({ close: code, socket }));
    socket.on('message', (data: Buffer) => {
      const payload = JSON.parse(data.toString()) as { op: number; t?: string; d?: unknown };
      if (payload.op === 10) socket.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' } } }));
      if ((payload.op === 0 && payload.t === 'READY') || payload.op === 9) resolve({ ...payload, socket });
    });
  });
}

describe('FakeDiscord session start limit', () => {
  let discord: FakeDiscord;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets) socket.terminate();
    await discord.close();
  });

  it('terminates the sessions and resets the token when a bot identifies past its budget, so the old token fails on REST too', async () => {
    discord = await FakeDiscord.start({ port: 0, sessionStartLimit: { total: 1 } });
    const oldToken = discord.token;
    const first = await identify(discord, oldToken);
    sockets.push(first.socket);
    expect(first).toMatchObject({ op: 0, t: 'READY' });
    const invalidated = new Promise((resolve) => first.socket.on('message', (data: Buffer) => (JSON.parse(data.toString()) as { op: number }).op === 9 && resolve(true)));

    const second = await identify(discord, oldToken);
    sockets.push(second.socket);
    expect(second).toMatchObject({ op: 9, d: false });
    await expect(invalidated).resolves.toBe(true);
    expect(discord.gateway.sessions()).toEqual([]);
    expect(discord.gateway.violations().map((v) => v.kind)).toEqual(['session-start-limit']);

    expect(discord.token).not.toBe(oldToken);
    const old = await fetch(`${discord.restUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${oldToken}` } });
    expect(old.status).toBe(401);
    const fresh = await fetch(`${discord.restUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${discord.token}` } });
    expect(((await fresh.json()) as { session_start_limit: { remaining: number } }).session_start_limit.remaining).toBe(0);
    const third = await identify(discord, oldToken);
    sockets.push(third.socket);
    expect(third.close).toBe(4004);
  });
});
