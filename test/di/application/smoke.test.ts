import { EVENT_CONTEXT, EventScope, Inject, Injectable, InjectionToken, Module, OvenFactory } from '../../../src/di';

const PREFIX = new InjectionToken<string>('PREFIX');

@Injectable()
class Config { constructor(@Inject(PREFIX) readonly prefix: string) {} }

@Injectable({ scope: 'event' })
class Ctx { constructor(@Inject(EVENT_CONTEXT) readonly ctx: unknown) {} }

@Injectable()
class Greeter { constructor(readonly config: Config) {} }

@Module({ providers: [{ provide: PREFIX, useFactory: async () => '!' }, Config], exports: [Config] })
class ConfigModule {}

@Module({ imports: [ConfigModule], providers: [Greeter, Ctx] })
class AppModule {}

test('smoke', async () => {
  const app = await OvenFactory.create(AppModule);
  await app.init();
  expect(app.get(Greeter).config.prefix).toBe('!');
  expect(EventScope.run({ a: 1 }, () => app.get(Ctx).ctx)).toEqual({ a: 1 });
  expect(() => app.get(Ctx)).toThrow(/EventScope/);
  await app.close();
});
