import { Module, ProviderNotExportedError } from '../../../src/di';
import { Test } from '../../../src/testing';
import { ConfigModule } from '../../../sample/config/config.module';
import { BOT_CONFIG } from '../../../sample/config/config-options';
import { ConfigService } from '../../../sample/config/config.service';
import { GreetingService } from '../../../sample/greeting/greeting.service';

// The sample's configuration and greeting service, tested the way a bot author would test theirs.
describe('the sample bot modules under the testing module', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  const configFromEnvironment = ConfigModule.forRootAsync({
    useFactory: async () => ({ botName: 'EnvBot', greeting: 'Hello' }),
  });

  it('greets with configuration overridden inside the forRootAsync dynamic module', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [configFromEnvironment], providers: [GreetingService] })
      .overrideProvider(BOT_CONFIG)
      .useValue({ botName: 'TestBot', greeting: 'Hi' })
      .compile();
    expect(moduleRef.get(GreetingService).greet('Ada')).toBe('Hi, Ada! (from TestBot)');
    expect(moduleRef.get(ConfigService).botName).toBe('TestBot');
    await moduleRef.close();
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      '[ConfigService] onModuleInit (bot "TestBot")',
      '[GreetingService] onApplicationBootstrap',
      '[GreetingService] onModuleDestroy',
    ]);
  });

  it('stops start-up when the configuration is invalid, naming the module and the hook', async () => {
    await expect(
      Test.createTestingModule({ imports: [configFromEnvironment] }).overrideProvider(BOT_CONFIG).useValue({ botName: ' ', greeting: 'Hi' }).compile(),
    ).rejects.toThrow('ConfigService.onModuleInit() in ConfigModule (TestingRootModule -> ConfigModule) failed: Error: botName is empty');
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
