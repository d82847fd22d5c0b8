import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline, GatewayOptionError, type PipelineEvent, type PipelineProcessed } from '../../../src/gateway';

let seq = 0;
function dispatch(t: string, d: unknown = {}): GatewayDispatchPayload {
  seq++;
  return { op: 0, t, s: seq, d } as unknown as GatewayDispatchPayload;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventPipeline routes (lane, batching and handlers looked up once per event type)', () => {
  it('delivers to a handler subscribed after the event was queued, and not to one removed before delivery', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const seen: string[] = [];
    const offEarly = pipeline.handle('MESSAGE_CREATE', () => seen.push('early'));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    offEarly();
    pipeline.handle('MESSAGE_CREATE', () => seen.push('late message'));
    pipeline.handle('GUILD_CREATE', () => seen.push('late guild'));
    await tick();
    expect(seen).toEqual(['late message', 'late guild']);
  });

  it('keeps a type that lost all its handlers routable: processed reports 0, a new handler gets later events', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const processed: PipelineProcessed[] = [];
    pipeline.on('processed', (event) => processed.push(event));
    const seen: number[] = [];
    const off = pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event.sequence));
    off();
    off();
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(0);
    const unhandled = dispatch('MESSAGE_CREATE');
    pipeline.push(unhandled, 0);
    await tick();
    expect(processed.map((p) => [p.event.sequence, p.handlerCount])).toEqual([[unhandled.s, 0]]);
    pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event.sequence));
    const handled = dispatch('MESSAGE_CREATE');
    pipeline.push(handled, 0);
    await tick();
    expect(seen).toEqual([handled.s]);
  });

  it('past the bound on cached routes, a type first seen there still gets a handler subscribed before delivery, in its lane', async () => {
    const pipeline = new EventPipeline({ batch: false, replayLogSize: 0, priorities: { LATE_HIGH: 'high' } });
    for (let i = 0; i < 1500; i++) pipeline.push(dispatch(`UNKNOWN_${i}`), 0);
    await tick();
    const order: string[] = [];
    pipeline.push(dispatch('LATE_NORMAL'), 0);
    pipeline.push(dispatch('LATE_NORMAL'), 0);
    pipeline.push(dispatch('LATE_HIGH'), 0);
    pipeline.handle('LATE_NORMAL', (event) => order.push(event.type));
    pipeline.handle('LATE_HIGH', (event) => order.push(event.type));
    expect(pipeline.handlerCount('LATE_NORMAL')).toBe(1);
    await tick();
    expect(order).toEqual(['LATE_HIGH', 'LATE_NORMAL', 'LATE_NORMAL']);
    pipeline.push(dispatch('LATE_NORMAL'), 0);
    await tick();
    expect(order).toEqual(['LATE_HIGH', 'LATE_NORMAL', 'LATE_NORMAL', 'LATE_NORMAL']);
  });

  it('keeps each type on its own lane and handlers when types from parsed frames alternate and repeat', async () => {
    const pipeline = new EventPipeline({ batch: false, priorities: { GUILD_CREATE: 'low' } });
    const seen: string[] = [];
    for (const type of ['MESSAGE_CREATE', 'INTERACTION_CREATE', 'GUILD_CREATE']) pipeline.handle(type, (event) => seen.push(`${type}<-${event.type}:${event.sequence}`));
    // Each `t` is a fresh string from JSON.parse, as read from the socket, not a literal.
    const parsed = (t: string): GatewayDispatchPayload => {
      seq++;
      return JSON.parse(JSON.stringify({ op: 0, t, s: seq, d: {} })) as GatewayDispatchPayload;
    };
    const sent = ['MESSAGE_CREATE', 'MESSAGE_CREATE', 'GUILD_CREATE', 'GUILD_CREATE', 'INTERACTION_CREATE', 'MESSAGE_CREATE', 'INTERACTION_CREATE'].map(parsed);
    for (const payload of sent) pipeline.push(payload, 0);
    await tick();
    const expected = [4, 6, 0, 1, 5, 2, 3].map((i) => `${sent[i]?.t}<-${sent[i]?.t}:${sent[i]?.s}`);
    expect(seen).toEqual(expected);
  });

  it('routes a type named like an Object.prototype member to the normal lane instead of dropping it', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const seen: string[] = [];
    for (const type of ['constructor', 'toString', '__proto__']) pipeline.handle(type, (event) => seen.push(event.type));
    for (const type of ['constructor', 'toString', '__proto__']) pipeline.push(dispatch(type), 0);
    await tick();
    expect(seen).toEqual(['constructor', 'toString', '__proto__']);
  });

  it('refuses a priority named like an Object.prototype member with a typed error', () => {
    expect(() => new EventPipeline({ priorities: { MESSAGE_CREATE: 'toString' as never } })).toThrow(GatewayOptionError);
  });

  it('batches exactly the configured types and nothing else', async () => {
    const pipeline = new EventPipeline({ batch: { types: ['TYPING_START'], maxSize: 2, maxDelayMs: 60_000 } });
    const seen: string[] = [];
    for (const type of ['TYPING_START', 'PRESENCE_UPDATE']) pipeline.handle(type, (event) => seen.push(event.type));
    pipeline.push(dispatch('TYPING_START'), 0);
    pipeline.push(dispatch('PRESENCE_UPDATE'), 0);
    await tick();
    expect(seen).toEqual(['PRESENCE_UPDATE']);
    pipeline.push(dispatch('TYPING_START'), 0);
    await tick();
    expect(seen).toEqual(['PRESENCE_UPDATE', 'TYPING_START', 'TYPING_START']);
  });
});

describe('EventPipeline wrap (one bound deliver for every event)', () => {
  it('delivers the right event to each handler when a handler replays inside a wrapped delivery', async () => {
    const wrapped: string[] = [];
    const pipeline = new EventPipeline({
      batch: false,
      wrap: (event, deliver) => {
        wrapped.push(`${event.type} in`);
        deliver();
        wrapped.push(`${event.type} out`);
      },
    });
    const seen: string[] = [];
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    await tick();
    pipeline.handle('MESSAGE_CREATE', (event) => {
      seen.push(`first ${event.type}`);
      pipeline.replay((old) => seen.push(`replayed ${old.type}`), { types: ['GUILD_CREATE'] });
    });
    pipeline.handle('MESSAGE_CREATE', (event) => seen.push(`second ${event.type}`), { priority: -1 });
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(seen).toEqual(['first MESSAGE_CREATE', 'replayed GUILD_CREATE', 'second MESSAGE_CREATE']);
    expect(wrapped).toEqual(['MESSAGE_CREATE in', 'GUILD_CREATE in', 'GUILD_CREATE out', 'MESSAGE_CREATE out']);
  });

  it('reports a wrapper that calls deliver twice with a typed error and delivers once', async () => {
    const failures: Array<{ handler: string; error: unknown }> = [];
    const pipeline = new EventPipeline({
      batch: false,
      wrap: function twice(_event, deliver) {
        deliver();
        deliver();
      },
    });
    pipeline.on('handlerError', ({ handler, error }) => failures.push({ handler, error }));
    const seen: PipelineEvent[] = [];
    pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(seen).toHaveLength(2);
    expect(failures).toHaveLength(2);
    expect(failures[0]?.handler).toBe('twice');
    expect(failures[0]?.error).toBeInstanceOf(GatewayOptionError);
    expect((failures[0]?.error as Error).message).toMatch(/exactly once, synchronously/);
  });

  it('refuses a deliver called after the wrapper returned with a typed error, without delivering a later event', async () => {
    let kept: (() => void) | undefined;
    const pipeline = new EventPipeline({
      batch: false,
      wrap: (_event, deliver) => {
        if (kept === undefined) kept = deliver;
        else deliver();
      },
    });
    const seen: number[] = [];
    pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event.sequence));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    const second = dispatch('MESSAGE_CREATE');
    pipeline.push(second, 0);
    await tick();
    expect(seen).toEqual([second.s]);
    expect(() => kept?.()).toThrow(GatewayOptionError);
    expect(seen).toEqual([second.s]);
  });
});
