import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import type { RawGatewayClient } from './raw-gateway-client';
import { GatewayHarness } from './gateway-harness';
import { TEST_TOKEN, TestWorld, guildIdForKey } from './test-world';

const GUILD = guildIdForKey(0);

function typing(n: number): { t: GatewayDispatchEvents; d: unknown; guildId: string; intents: number } {
  return { t: GatewayDispatchEvents.TypingStart, d: { n }, guildId: GUILD, intents: 0 };
}

describe('FakeGateway sessions and resume', () => {
  let harness: GatewayHarness;

  beforeEach(async () => {
    harness = await GatewayHarness.start(new TestWorld([0]), { replayBufferSize: 8 });
  });

  afterEach(async () => {
    await harness.stop();
  });

  async function readySession(): Promise<{ client: RawGatewayClient; sessionId: string }> {
    const client = await harness.ready();
    await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_CREATE');
    const ready = client.dispatches('READY')[0]?.d as GatewayReadyDispatchData;
    return { client, sessionId: ready.session_id };
  }

  async function resume(sessionId: string, seq: number): Promise<RawGatewayClient> {
    const client = await harness.connect();
    await client.waitFor((p) => p.op === 10);
    client.send({ op: 6, d: { token: TEST_TOKEN, session_id: sessionId, seq } });
    return client;
  }

  it('numbers dispatches with increasing s and keeps them while the socket is gone, then replays them once, in order', async () => {
    const { client, sessionId } = await readySession();
    harness.world.emitDispatch(typing(1));
    await client.waitFor((p) => p.op === 0 && p.t === 'TYPING_START');
    const lastSeen = client.payloads.at(-1)?.s as number;
    expect(lastSeen).toBe(3);
    const closed = harness.gateway.waitFor('close');
    client.terminate();
    expect(await closed).toMatchObject({ sessionId, sessionEnded: false, initiator: 'client' });
    harness.world.emitDispatch(typing(2));
    harness.world.emitDispatch(typing(3));
    expect(harness.gateway.sessions()[0]).toMatchObject({ connectionId: null, seq: 5 });

    const resumed = await resume(sessionId, lastSeen);
    await resumed.waitFor((p) => p.op === 0 && p.t === 'RESUMED');
    harness.world.emitDispatch(typing(4));
    await resumed.waitFor((p) => p.op === 0 && p.t === 'TYPING_START', 3);
    expect(resumed.dispatches().map((p) => [p.s, p.t, (p.d as { n?: number } | null)?.n ?? null])).toEqual([
      [4, 'TYPING_START', 2],
      [5, 'TYPING_START', 3],
      [6, 'RESUMED', null],
      [7, 'TYPING_START', 4],
    ]);
    expect(harness.gateway.sessions()[0]?.resumes).toBe(1);
  });

  it('resumes on the same socket after op 9 true, as @discordjs/ws does', async () => {
    const { client, sessionId } = await readySession();
    harness.gateway.faults.invalidateSession({ sessionId }, true);
    await client.waitFor((p) => p.op === 9);
    expect(client.payloads.at(-1)).toEqual({ op: 9, d: true, s: null, t: null });
    client.send({ op: 6, d: { token: TEST_TOKEN, session_id: sessionId, seq: 2 } });
    await expect(client.waitFor((p) => p.op === 0 && p.t === 'RESUMED')).resolves.toMatchObject({ s: 3 });
  });

  it('answers a resume of an unknown session with op 9 false and lets the client identify', async () => {
    const client = await resume('0'.repeat(32), 0);
    await expect(client.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    client.identify();
    await expect(client.waitFor((p) => p.op === 0 && p.t === 'READY')).resolves.toBeDefined();
  });

  it('closes a resume with a seq the session never reached with 4007 and ends the session', async () => {
    const { client, sessionId } = await readySession();
    client.terminate();
    await harness.gateway.waitFor('close');
    const resumed = await resume(sessionId, 99);
    expect((await resumed.closed).code).toBe(4007);
    expect(harness.gateway.sessions()).toEqual([]);
  });

  it('refuses with op 9 false once missed dispatches overflowed the replay buffer', async () => {
    const { client, sessionId } = await readySession();
    client.terminate();
    await harness.gateway.waitFor('close');
    for (let n = 0; n < 10; n += 1) harness.world.emitDispatch(typing(n));
    const resumed = await resume(sessionId, 2);
    await expect(resumed.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
    expect(harness.gateway.sessions()).toEqual([]);
  });

  it('ends the session when the client closes with 1000, keeps it for any other code', async () => {
    const first = await readySession();
    const second = await readySession();
    const ended = harness.gateway.waitFor('close', (e) => e.sessionId === first.sessionId);
    await first.client.close(1000);
    expect(await ended).toMatchObject({ code: 1000, sessionEnded: true });
    const kept = harness.gateway.waitFor('close', (e) => e.sessionId === second.sessionId);
    await second.client.close(4200);
    expect(await kept).toMatchObject({ code: 4200, sessionEnded: false });
    expect(harness.gateway.sessions().map((s) => s.sessionId)).toEqual([second.sessionId]);
  });

  it('forgets a detached session when its resume window elapses', async () => {
    await harness.stop();
    harness = await GatewayHarness.start(new TestWorld([0]), { resumeWindowMs: 30 });
    const { client, sessionId } = await readySession();
    const ended = harness.gateway.waitFor('sessionEnd');
    client.terminate();
    expect(await ended).toEqual({ sessionId, reason: 'resume window elapsed' });
    const resumed = await resume(sessionId, 2);
    await expect(resumed.waitFor((p) => p.op === 9)).resolves.toMatchObject({ d: false });
  });

  it('moves a session to the resuming socket and cuts the old one still open', async () => {
    const { client, sessionId } = await readySession();
    const resumed = await resume(sessionId, 2);
    await resumed.waitFor((p) => p.op === 0 && p.t === 'RESUMED');
    expect((await client.closed).code).toBe(1006);
    harness.world.emitDispatch(typing(1));
    await resumed.waitFor((p) => p.op === 0 && p.t === 'TYPING_START');
    expect(client.dispatches('TYPING_START')).toEqual([]);
  });
});
