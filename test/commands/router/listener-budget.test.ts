import { InteractionResponseType } from 'discord-api-types/v10';
import type { CommandRouterEvents } from '../../../src/commands';
import { Command, CommandRouter, CommandsModuleError, TypedEvents } from '../../../src/commands';
import { RecordingRest, slash } from '../interaction-fixtures';

let handled = 0;

class Ping {
  @Command({ name: 'ping', description: 'Pong' })
  public ping(): string {
    handled += 1;
    return 'Pong!';
  }
}

/** A listener that never settles: the worst case of a slow logger or metrics call. */
const forever = (): Promise<void> => new Promise<void>(() => undefined);

describe('CommandRouter listener budget', () => {
  beforeEach(() => {
    handled = 0;
  });

  it('runs the handler and answers even though a beforeCommand listener never settles, and reports it', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest, listenerBudgetMs: 20 }).register([Ping]);
    const order: string[] = [];
    router.events.on('beforeCommand', () => void order.push('fast listener'));
    router.events.on('beforeCommand', forever);
    router.events.on('beforeCommand', () => void order.push('listener after the slow one'));
    const slow: unknown[] = [];
    router.events.on('listenersSlow', ({ event, budgetMs, ctx }) => void slow.push({ event, budgetMs, id: ctx.interaction.id }));
    const interaction = slash('ping');
    await router.handle(interaction);
    expect(handled).toBe(1);
    expect(rest.calls).toEqual([expect.objectContaining({ body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'Pong!' } } })]);
    // Listeners still run in order; the one behind the slow listener waits for it, not the handler.
    expect(order).toEqual(['fast listener']);
    expect(slow).toEqual([{ event: 'beforeCommand', budgetMs: 20, id: interaction.id }]);
  });

  it('bounds the events before the router\'s own answers too (unknown command)', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest, listenerBudgetMs: 10 }).register([Ping]);
    router.events.on('unhandled', forever);
    const slow: string[] = [];
    router.events.on('listenersSlow', ({ event }) => void slow.push(event));
    await router.handle(slash('nope'));
    expect(rest.calls).toHaveLength(1);
    expect(slow).toEqual(['unhandled']);
  });

  it('waits for listeners within the budget and reports nothing', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest, listenerBudgetMs: 5_000 }).register([Ping]);
    const order: string[] = [];
    router.events.on('beforeCommand', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('listener');
    });
    router.events.on('afterCommand', () => void order.push('after'));
    const slow: unknown[] = [];
    router.events.on('listenersSlow', (event) => void slow.push(event));
    await router.handle(slash('ping'));
    expect(order).toEqual(['listener', 'after']);
    expect(slow).toEqual([]);
  });

  it('with listenerBudgetMs: false waits however long the listeners take', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest, listenerBudgetMs: false }).register([Ping]);
    let release: () => void = () => undefined;
    router.events.on('beforeCommand', () => new Promise<void>((resolve) => (release = resolve)));
    const done = router.handle(slash('ping'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(handled).toBe(0);
    release();
    await done;
    expect(handled).toBe(1);
  });

  it('refuses a budget that is not a non-negative number', () => {
    expect(() => new CommandRouter({ rest: new RecordingRest(), listenerBudgetMs: -1 })).toThrow(CommandsModuleError);
    expect(() => new CommandRouter({ rest: new RecordingRest(), listenerBudgetMs: Number.NaN })).toThrow(/listenerBudgetMs must be a number/);
  });
});

describe('TypedEvents.emitWithin', () => {
  it('reports a listener error that happens after the budget ran out', async () => {
    const errors: unknown[] = [];
    const events = new TypedEvents<Pick<CommandRouterEvents, 'unhandled'>>((error) => void errors.push(error));
    let fail: () => void = () => undefined;
    events.on('unhandled', () => new Promise<void>((_, reject) => (fail = () => reject(new Error('late')))));
    const overruns: string[] = [];
    await events.emitWithin(5, (event) => void overruns.push(event), 'unhandled', { ctx: undefined as never, kind: 'command', key: 'x' });
    expect(overruns).toEqual(['unhandled']);
    fail();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([new Error('late')]);
  });
});
