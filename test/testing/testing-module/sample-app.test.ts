import { EventScope, ProviderNotExportedError, Module } from '../../../src/di';
import { Test } from '../../../src/testing';
import { AppModule } from '../../../sample/app.module';
import { BOT_CONFIG } from '../../../sample/config/config-options';
import { GreetingHandler } from '../../../sample/greeting/greeting.handler';
import { GreetingService } from '../../../sample/greeting/greeting.service';
import { ConfigModule } from '../../../sample/config/config.module';

describe('the sample bot under the testing module', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('greets with configuration overridden inside the forRootAsync dynamic module', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(BOT_CONFIG)
      .useValue({ botName: 'TestBot', greeting: 'Hi' })
      .compile();
    expect(moduleRef.get(GreetingService).greet('Ada')).toBe('Hi, Ada! (from TestBot)');
    const reply = EventScope.run({ userName: 'Grace' }, () => moduleRef.get(GreetingHandler).handle());
    expect(reply).toBe('Hi, Grace! (from TestBot)');
    await moduleRef.close();
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      '[ConfigService] onModuleInit (bot "TestBot")',
      '[AppModule] onModuleInit (root module last)',
      '[GreetingService] onApplicationBootstrap',
      '[GreetingService] onModuleDestroy',
      '[AppModule] onApplicationShutdown (closed by the app)',
    ]);
  });

  it('stops start-up when the configuration is invalid, naming the hook', async () => {
    await expect(
      Test.createTestingModule({ imports: [AppModule] }).overrideProvider(BOT_CONFIG).useValue({ botName: ' ', greeting: 'Hi' }).compile(),
    ).rejects.toThrow('ConfigService.onModuleInit() in ConfigModule (TestingRootModule -> AppModule -> ConfigModule) failed: Error: botName is empty');
  });

  it('keeps ConfigModule internals private: BOT_CONFIG is not exported to importers', async () => {
    @Module({
      imports: [ConfigModule.forRoot({ botName: 'B', greeting: 'G' })],
      providers: [{ provide: 'peek', useFactory: (config: unknown) => config, inject: [BOT_CONFIG] }],
    })
    class PeekModule {}
    await expect(Test.createTestingModule({ imports: [PeekModule] }).compile()).rejects.toThrow(ProviderNotExportedError);
  });
});
