import {
  StateActionVetoedError,
  StateMiddlewareError,
  Store,
  stateLoggingMiddleware,
  stateValidationMiddleware,
  type StateMiddleware,
} from '../../src/state';

type Counter = { n: number };
type CounterAction = { type: 'add'; by: number } | { type: 'double' };
const reducers = {
  add: (draft: { n: number }, action: { by: number }) => void (draft.n += action.by),
  double: (draft: { n: number }) => void (draft.n *= 2),
};

describe('middleware', () => {
  it('runs stages in order around the reducer and logs what changed', () => {
    const lines: string[] = [];
    const order: string[] = [];
    const trace: StateMiddleware<Counter, CounterAction> = (context, next) => {
      order.push(`before ${context.action.type} n=${context.getState().n}`);
      const change = next(context.action);
      order.push(`after v${change?.version}`);
      return change;
    };
    const store = new Store<Counter, CounterAction>({ initial: { n: 1 }, reducers, middleware: [trace, stateLoggingMiddleware((line) => lines.push(line))] });
    store.dispatch({ type: 'add', by: 2 });
    store.dispatch({ type: 'add', by: 0 });
    expect(order).toEqual(['before add n=1', 'after v1', 'before add n=3', 'after vundefined']);
    expect(lines).toEqual(['[store] add: v0 -> v1, 1 patch(es) at /n', '[store] add: no change']);
  });

  it('vetoes an invalid action with a typed error and an event, changing nothing', () => {
    const vetoes: string[] = [];
    const store = new Store<Counter, CounterAction>({
      name: 'counter',
      initial: { n: 1 },
      reducers,
      middleware: [stateValidationMiddleware((action) => (action.type === 'add' && action.by < 0 ? 'only positive amounts' : undefined))],
    });
    store.on('vetoed', ({ reason }) => vetoes.push(reason));
    expect(() => store.dispatch({ type: 'add', by: -1 })).toThrow(StateActionVetoedError);
    expect(() => store.dispatch({ type: 'add', by: -1 })).toThrow('Store "counter" refused action "add": only positive amounts');
    store.dispatch({ type: 'add', by: 1 });
    expect(store.getState().n).toBe(2);
    expect(vetoes).toEqual(['only positive amounts', 'only positive amounts']);
  });

  it('lets a stage replace the action', () => {
    const store = new Store<Counter, CounterAction>({
      initial: { n: 3 },
      reducers,
      middleware: [(context, next) => next(context.action.type === 'add' && context.action.by > 10 ? { type: 'add', by: 10 } : context.action)],
    });
    store.dispatch({ type: 'add', by: 50 });
    expect(store.getState().n).toBe(13);
  });

  it('refuses next() called twice', () => {
    const store = new Store<Counter, CounterAction>({
      initial: { n: 1 },
      reducers,
      middleware: [
        (context, next) => {
          next(context.action);
          return next(context.action);
        },
      ],
    });
    expect(() => store.dispatch({ type: 'double' })).toThrow(StateMiddlewareError);
  });

  it('vetoes optimistic actions too, before anything is applied', () => {
    const store = new Store<Counter, CounterAction>({ initial: { n: 1 }, reducers, middleware: [(context) => context.veto('read only')] });
    expect(() => store.optimistic({ type: 'double' }, Promise.resolve())).toThrow(StateActionVetoedError);
    expect(store.getState().n).toBe(1);
  });
});
