import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Inject, Injectable, LifecycleHookFailedError, Module, OvenFactory } from '../../../src/di';
import { defineStore, RedisStateTransport, StateModule, StateRegistry, StateTransportUnavailableError, type StoreOf } from '../../../src/state';
import { until } from '../../state/converge';

const run = randomUUID();
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

const Settings = defineStore({
  name: 'settings',
  initial: { prefixes: {} as Record<string, string> },
  reducers: {
    setPrefix: (draft, action: { guildId: string; prefix: string }) => {
      draft.prefixes[action.guildId] = action.prefix;
    },
  },
});

@Injectable()
class PrefixService {
  public constructor(@Inject(Settings.token) public readonly settings: StoreOf<typeof Settings>) {}
}

function appModule(port: number, test: string) {
  @Module({
    imports: [
      StateModule.forRoot({
        stores: [Settings],
        sync: { transport: (name) => new RedisStateTransport({ url: `redis://127.0.0.1:${port}`, prefix: `oven:test:${run}:${test}:${name}` }) },
      }),
    ],
    providers: [PrefixService],
  })
  class AppModule {}
  return AppModule;
}

afterAll(async () => {
  const keys = await admin.keys(`oven:test:${run}:*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describe('StateModule over Redis', () => {
  it('keeps the stores of two applications in step, and a later application loads the shared state', async () => {
    const first = await OvenFactory.create(appModule(6379, 'apps'));
    const second = await OvenFactory.create(appModule(6379, 'apps'));
    await first.init();
    await second.init();
    first.get(PrefixService).settings.dispatch({ type: 'setPrefix', guildId: '1', prefix: '?' });
    second.get(PrefixService).settings.dispatch({ type: 'setPrefix', guildId: '2', prefix: '$' });
    const syncA = first.get(StateRegistry).syncOf(Settings)!;
    const syncB = second.get(StateRegistry).syncOf(Settings)!;
    await Promise.all([syncA.flushed(), syncB.flushed()]);
    await until([syncA, syncB], () => syncA.seq === 2 && syncB.seq === 2);
    expect(second.get(PrefixService).settings.getState()).toEqual(first.get(PrefixService).settings.getState());
    await first.close();
    await second.close();
    expect(await admin.hget(`oven:test:${run}:apps:settings:snapshot`, 'seq')).toBe('2'); // saved on close

    const late = await OvenFactory.create(appModule(6379, 'apps'));
    await late.init();
    expect(late.get(PrefixService).settings.getState().prefixes).toEqual({ '1': '?', '2': '$' });
    await late.close();
  });

  it('fails init with the transport error when Redis is down (its connections are released, so jest exits)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const app = await OvenFactory.create(appModule(port, 'dead'));
    const failure = await app.init().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LifecycleHookFailedError);
    expect((failure as Error).cause).toBeInstanceOf(StateTransportUnavailableError);
  });
});
