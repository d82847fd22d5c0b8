import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline, GatewayOptionError, type PipelineEvent, type PipelineHandlerError } from '../../../src/gateway';

let seq = 0;
function dispatch(t: string, d: unknown = {}): GatewayDispatchPayload {
  seq++;
  return { op: 0, t, s: seq, d } as unknown as GatewayDispatchPayload;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventPipeline', () => {
  it('stamps the dispatches of one tick with one clock reading, and a later tick (even after a filtered burst) with a fresh one', async () => {
    let clock = 1_000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const pipeline = new EventPipeline({ batch: false });
      pipeline.addFilter((event) => event.type !== 'TYPING_START');
      const stamps: number[] = [];
      pipeline.handle('MESSAGE_CREATE', (event) => stamps.push(event.receivedAt));
      pipeline.push(dispatch('MESSAGE_CREATE'), 0);
      clock = 1_005;
      pipeline.push(dispatch('MESSAGE_CREATE'), 0);
      await tick();
      // A burst that enqueues nothing (filtered) must not leave its reading behind.
      clock = 2_000;
      pipeline.push(dispatch('TYPING_START'), 0);
      await tick();
      clock = 3_000;
      pipeline.push(dispatch('MESSAGE_CREATE'), 0);
      await tick();
      expect(stamps).toEqual([1_000, 1_000, 3_000]);
      expect(now).toHaveBeenCalledTimes(3);
    } finally {
      now.mockRestore();
    }
  });

  it('delivers a burst by lane: interactions first, presence last, the rest in arrival order', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const order: string[] = [];
    for (const type of ['PRESENCE_UPDATE', 'MESSAGE_CREATE', 'GUILD_CREATE', 'INTERACTION_CREATE']) {
      pipeline.handle(type, (event) => order.push(`${event.type}:${event.sequence}`));
    }
    pipeline.push(dispatch('PRESENCE_UPDATE'), 0);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    pipeline.push(dispatch('INTERACTION_CREATE'), 0);
    expect(order).toEqual([]);
    await tick();
    expect(order.map((entry) => entry.split(':')[0])).toEqual([
      'INTERACTION_CREATE',
      'MESSAGE_CREATE',
      'GUILD_CREATE',
      'PRESENCE_UPDATE',
    ]);
  });

  it('honours custom priorities and handler priority within a type', async () => {
    const pipeline = new EventPipeline({ batch: false, priorities: { GUILD_CREATE: 'high' } });
    const order: string[] = [];
    pipeline.handle('MESSAGE_CREATE', () => order.push('message'));
    pipeline.handle('GUILD_CREATE', () => order.push('guild-low'), { priority: -1 });
    pipeline.handle('GUILD_CREATE', () => order.push('guild-high'), { priority: 5 });
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('GUILD_CREATE'), 0);
    await tick();
    expect(order).toEqual(['guild-high', 'guild-low', 'message']);
  });

  it('applies transformers in order and drops on null; filters drop before the log', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const seen: unknown[] = [];
    pipeline.addTransformer((event) => ({ ...event, data: { wrapped: event.data } }));
    const removeDrop = pipeline.addTransformer((event) => ((event.data as { wrapped: { drop?: boolean } }).wrapped.drop ? null : event));
    pipeline.addFilter((event) => event.shardId !== 9);
    pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event.data));
    pipeline.push(dispatch('MESSAGE_CREATE', { id: 1 }), 0);
    pipeline.push(dispatch('MESSAGE_CREATE', { id: 2, drop: true }), 0);
    pipeline.push(dispatch('MESSAGE_CREATE', { id: 3 }), 9);
    await tick();
    expect(seen).toEqual([{ wrapped: { id: 1 } }]);
    expect(pipeline.log.size).toBe(1);
    removeDrop();
    pipeline.push(dispatch('MESSAGE_CREATE', { id: 4, drop: true }), 0);
    await tick();
    expect(seen).toHaveLength(2);
  });

  it('isolates a throwing and a rejecting handler and reports both', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const failures: PipelineHandlerError[] = [];
    const delivered: string[] = [];
    pipeline.on('handlerError', (failure) => failures.push(failure));
    pipeline.handle('MESSAGE_CREATE', function throwsSync() {
      throw new Error('sync boom');
    }, { priority: 2 });
    pipeline.handle('MESSAGE_CREATE', async function rejects() {
      throw new Error('async boom');
    }, { priority: 1 });
    pipeline.handle('MESSAGE_CREATE', () => delivered.push('still called'));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(delivered).toEqual(['still called', 'still called']);
    expect(failures.map((f) => [f.handler, (f.error as Error).message])).toEqual([
      ['throwsSync', 'sync boom'],
      ['throwsSync', 'sync boom'],
      ['rejects', 'async boom'],
      ['rejects', 'async boom'],
    ]);
    expect(failures[0]?.event.type).toBe('MESSAGE_CREATE');
  });

  it('batches high-volume types until maxSize, and hands batch handlers the whole batch', async () => {
    const pipeline = new EventPipeline({ batch: { types: ['PRESENCE_UPDATE'], maxSize: 3, maxDelayMs: 60_000 } });
    const single: number[] = [];
    const batches: number[][] = [];
    pipeline.handle('PRESENCE_UPDATE', (event) => single.push(event.sequence));
    pipeline.onBatch('PRESENCE_UPDATE', (events) => batches.push(events.map((e) => e.sequence)));
    const first = dispatch('PRESENCE_UPDATE');
    pipeline.push(first, 0);
    pipeline.push(dispatch('PRESENCE_UPDATE'), 0);
    await tick();
    expect(single).toEqual([]);
    pipeline.push(dispatch('PRESENCE_UPDATE'), 0);
    await tick();
    expect(batches).toEqual([[first.s, first.s + 1, first.s + 2]]);
    expect(single).toEqual([first.s, first.s + 1, first.s + 2]);
  });

  it('releases a partial batch after maxDelayMs', async () => {
    jest.useFakeTimers();
    try {
      const pipeline = new EventPipeline({ batch: { maxDelayMs: 100 } });
      const single: string[] = [];
      pipeline.handle('TYPING_START', (event) => single.push(event.type));
      pipeline.push(dispatch('TYPING_START'), 0);
      await jest.advanceTimersByTimeAsync(99);
      expect(single).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(single).toEqual(['TYPING_START']);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the last 100 events by default', () => {
    const pipeline = new EventPipeline({ batch: false });
    const sent = Array.from({ length: 150 }, () => dispatch('MESSAGE_CREATE'));
    for (const payload of sent) pipeline.push(payload, 0);
    expect(pipeline.log.size).toBe(100);
    expect(pipeline.log.entries()[0]?.sequence).toBe(sent[50]?.s);
    pipeline.close();
  });

  it('keeps a bounded replay log and replays matching events to a handler', async () => {
    const pipeline = new EventPipeline({ batch: false, replayLogSize: 3 });
    const sent = [dispatch('MESSAGE_CREATE'), dispatch('GUILD_CREATE'), dispatch('MESSAGE_CREATE'), dispatch('MESSAGE_CREATE')];
    sent.forEach((payload, index) => pipeline.push(payload, index % 2));
    expect(pipeline.log.size).toBe(3);
    const replayed: PipelineEvent[] = [];
    expect(pipeline.replay((event) => replayed.push(event), { types: ['MESSAGE_CREATE'] })).toBe(2);
    expect(replayed.map((event) => event.sequence)).toEqual([sent[2]?.s, sent[3]?.s]);
    const onShard1: number[] = [];
    pipeline.replay((event) => onShard1.push(event.sequence), { shardId: 1 });
    expect(onShard1).toEqual([sent[1]?.s, sent[3]?.s]);
    const failures: unknown[] = [];
    pipeline.on('handlerError', (failure) => failures.push(failure.error));
    pipeline.replay(() => {
      throw new Error('replay boom');
    });
    expect(failures).toHaveLength(3);
  });

  it('runs each delivery inside the wrapper, once per event for all its handlers', async () => {
    const scopes: number[] = [];
    let current = 0;
    const pipeline = new EventPipeline({
      batch: false,
      wrap: (event, deliver) => {
        current = event.sequence;
        scopes.push(event.sequence);
        deliver();
        current = 0;
      },
    });
    const seenIn: number[] = [];
    pipeline.handle('MESSAGE_CREATE', () => seenIn.push(current));
    pipeline.handle('MESSAGE_CREATE', () => seenIn.push(current));
    const payload = dispatch('MESSAGE_CREATE');
    pipeline.push(payload, 0);
    await tick();
    expect(scopes).toEqual([payload.s]);
    expect(seenIn).toEqual([payload.s, payload.s]);
  });

  it('unsubscribes handlers', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const seen: number[] = [];
    const off = pipeline.handle('MESSAGE_CREATE', (event) => seen.push(event.sequence));
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(1);
    off();
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(0);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(seen).toEqual([]);
  });

  it('rejects invalid options with a typed error', () => {
    expect(() => new EventPipeline({ replayLogSize: -1 })).toThrow(GatewayOptionError);
    expect(() => new EventPipeline({ priorities: { X: 'urgent' as never } })).toThrow(/'high', 'normal' or 'low'/);
    expect(() => new EventPipeline({ batch: { maxSize: 0 } })).toThrow(GatewayOptionError);
  });
});
