import { Inject, Injectable, Module, OvenFactory } from '../../src/di';
import {
  defineStore,
  MemoryStateHub,
  MemoryStateTransport,
  StateModule,
  StateRegistry,
  StateInvalidOptionError,
  type StateAction,
  type StateTransport,
  type Store,
  type StoreOf,
} from '../../src/state';
import { until } from './converge';

const Settings = defineStore({
  name: 'settings',
  initial: { prefixes: {} as Record<string, string> },
  reducers: {
    setPrefix: (draft, action: { guildId: string; prefix: string }) => {
      draft.prefixes[action.guildId] = action.prefix;
    },
  },
});

const Tickets = defineStore({
  name: 'tickets',
  initial: { open: 0 },
  reducers: { open: (draft) => void (draft.open += 1) },
});

@Injectable()
class PrefixService {
  public constructor(@Inject(Settings.token) public readonly settings: StoreOf<typeof Settings>) {}
  public set(guildId: string, prefix: string): void {
    this.settings.dispatch({ type: 'setPrefix', guildId, prefix });
  }
}

@Injectable()
class TicketService {
  public constructor(
    @Inject(Tickets.token) public readonly tickets: StoreOf<typeof Tickets>,
    @Inject(Settings.token) public readonly settings: StoreOf<typeof Settings>,
  ) {}
}

@Module({ imports: [StateModule.forFeature([Tickets])], providers: [TicketService], exports: [TicketService] })
class TicketsModule {}

function appModule(transport?: (name: string) => StateTransport) {
  @Module({
    imports: [StateModule.forRoot({ stores: [Settings], ...(transport === undefined ? {} : { sync: { transport } }) }), TicketsModule],
    providers: [PrefixService],
  })
  class AppModule {}
  return AppModule;
}

describe('StateModule', () => {
  it('injects stores by token, root stores everywhere and feature stores in their module, one instance per app', async () => {
    const app = await OvenFactory.create(appModule());
    const other = await OvenFactory.create(appModule());
    const prefixes = app.get(PrefixService);
    const tickets = app.get(TicketService);
    prefixes.set('1', '?');
    tickets.tickets.dispatch({ type: 'open' });
    expect(tickets.settings).toBe(prefixes.settings);
    expect(tickets.settings.getState().prefixes['1']).toBe('?');
    expect(app.get(StateRegistry).storeOf(Settings)).toBe(prefixes.settings);
    expect(app.get(StateRegistry).syncOf(Settings)).toBeUndefined();
    expect(other.get(PrefixService).settings.getState().prefixes).toEqual({});
    await app.close();
    await other.close();
  });

  it('syncs the stores of two applications and closes the transports on shutdown', async () => {
    const hub = new MemoryStateHub();
    const closed: string[] = [];
    const transport = (name: string): StateTransport => {
      const inner = new MemoryStateTransport(hub);
      return Object.assign(Object.create(inner) as MemoryStateTransport, {
        close: async () => {
          closed.push(name);
          await inner.close();
        },
      });
    };
    const first = await OvenFactory.create(appModule(transport));
    const second = await OvenFactory.create(appModule(transport));
    await first.init();
    await second.init();
    first.get(PrefixService).set('1', '$');
    const sync = second.get(StateRegistry).syncOf(Settings);
    expect(sync).toBeDefined();
    await until([sync!], () => sync!.seq === 1);
    expect(second.get(PrefixService).settings.getState().prefixes['1']).toBe('$');
    await first.close();
    await second.close();
    // Each app closed the transport of its root store and of its feature store.
    expect(closed.sort()).toEqual(['settings', 'settings', 'tickets', 'tickets']);
  });

  it('stops every sync on close even when one transport fails to close, then reports that failure', async () => {
    const hub = new MemoryStateHub();
    const closed: string[] = [];
    const stores = new Map<string, Store<unknown, StateAction>>([
      ['settings', Settings.create() as unknown as Store<unknown, StateAction>],
      ['tickets', Tickets.create() as unknown as Store<unknown, StateAction>],
    ]);
    const registry = new StateRegistry(stores, {
      transport: (name) => {
        const inner = new MemoryStateTransport(hub);
        return Object.assign(inner, {
          close: async () => {
            closed.push(name);
            if (name === 'settings') throw new Error('socket already gone');
          },
        });
      },
    });
    await registry.onModuleInit();
    await expect(registry.onModuleDestroy()).rejects.toThrow('socket already gone');
    expect(closed.sort()).toEqual(['settings', 'tickets']);
  });

  it('refuses two stores with one name', () => {
    expect(() => StateModule.forRoot({ stores: [Settings, Settings] })).toThrow(StateInvalidOptionError);
  });
});
