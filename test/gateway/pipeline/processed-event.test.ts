import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline, type PipelineHandlerError, type PipelineProcessed } from '../../../src/gateway';

let seq = 0;
function dispatch(t: string, d: unknown = {}): GatewayDispatchPayload {
  seq++;
  return { op: 0, t, s: seq, d } as unknown as GatewayDispatchPayload;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventPipeline processed event', () => {
  it('fires after every synchronous handler of a dispatch ran, with the handler count', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const order: string[] = [];
    pipeline.handle('MESSAGE_CREATE', () => void order.push('first'));
    pipeline.handle('MESSAGE_CREATE', () => void order.push('second'));
    pipeline.on('processed', ({ event, handlerCount }) => void order.push(`processed ${event.type} ${handlerCount}`));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(order).toEqual(['first', 'second', 'processed MESSAGE_CREATE 2']);
  });

  it('waits for async handlers to settle, rejected ones included', async () => {
    const pipeline = new EventPipeline({ batch: false });
    pipeline.on('handlerError', () => undefined);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    pipeline.handle('MESSAGE_CREATE', async () => {
      await gate;
      order.push('slow done');
    });
    pipeline.handle('MESSAGE_CREATE', async () => {
      throw new Error('rejected');
    });
    const processed = new Promise<PipelineProcessed>((resolve) => pipeline.on('processed', resolve));
    pipeline.push(dispatch('MESSAGE_CREATE'), 3);
    await tick();
    expect(order).toEqual([]);
    release();
    const done = await processed;
    expect(order).toEqual(['slow done']);
    expect(done).toMatchObject({ handlerCount: 2, event: { type: 'MESSAGE_CREATE', shardId: 3 } });
  });

  it('waits for a single async handler, fulfilled or rejected', async () => {
    const pipeline = new EventPipeline({ batch: false });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    let fail = false;
    pipeline.on('handlerError', () => void order.push('reported'));
    pipeline.handle('MESSAGE_CREATE', async () => {
      await gate;
      if (fail) throw new Error('rejected');
      order.push('handler done');
    });
    pipeline.on('processed', () => void order.push('processed'));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(order).toEqual([]);
    release();
    await tick();
    fail = true;
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(order).toEqual(['handler done', 'processed', 'reported', 'processed']);
  });

  it('reports dispatches nobody handles with a count of 0, but not filtered ones or replays', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const seen: string[] = [];
    pipeline.addFilter((event) => event.type !== 'TYPING_START');
    pipeline.on('processed', ({ event, handlerCount }) => void seen.push(`${event.type} ${handlerCount}`));
    pipeline.push(dispatch('GUILD_ROLE_CREATE'), 0);
    pipeline.push(dispatch('TYPING_START'), 0);
    await tick();
    expect(pipeline.replay(() => undefined)).toBe(1);
    await tick();
    expect(seen).toEqual(['GUILD_ROLE_CREATE 0']);
  });

  it('reports a throwing processed listener as a handler error and keeps delivering', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const failures: PipelineHandlerError[] = [];
    pipeline.on('handlerError', (failure) => void failures.push(failure));
    const delivered: number[] = [];
    pipeline.handle('MESSAGE_CREATE', (event) => void delivered.push(event.sequence));
    pipeline.on('processed', () => {
      throw new Error('listener broke');
    });
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(delivered).toHaveLength(2);
    expect(failures.map((failure) => `${failure.handler}: ${(failure.error as Error).message}`)).toEqual([
      'processed listener: listener broke',
      'processed listener: listener broke',
    ]);
  });

  it('does no tracking without a listener: a handler promise is not held for it', async () => {
    const pipeline = new EventPipeline({ batch: false });
    const settled = jest.spyOn(Promise, 'allSettled');
    // Two async handlers: their promises are joined with allSettled only while tracking.
    pipeline.handle('MESSAGE_CREATE', async () => undefined);
    pipeline.handle('MESSAGE_CREATE', async () => undefined);
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    await tick();
    expect(settled).not.toHaveBeenCalled();
    const processed = new Promise<number>((resolve) => pipeline.on('processed', ({ handlerCount }) => resolve(handlerCount)));
    pipeline.push(dispatch('MESSAGE_CREATE'), 0);
    expect(await processed).toBe(2);
    expect(settled).toHaveBeenCalledTimes(1);
    settled.mockRestore();
  });
});
