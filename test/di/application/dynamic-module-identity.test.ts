import { Inject, Injectable, Module, OvenFactory, type DynamicModule } from '../../../src/di';

const CLIENT_OPTIONS = 'CLIENT_OPTIONS';

function clientModule(logins: string[]) {
  @Injectable()
  class Client {
    public constructor(@Inject(CLIENT_OPTIONS) public readonly options: { token: string }) {}
    public onApplicationListen(): void {
      logins.push(this.options.token);
    }
  }
  @Module({})
  class ClientModule {
    public static forRoot(options: { token: string }): DynamicModule {
      return { module: ClientModule, global: true, providers: [{ provide: CLIENT_OPTIONS, useValue: options }, Client], exports: [Client] };
    }
  }
  return { Client, ClientModule };
}

describe('a dynamic module imported in several places', () => {
  it('is one module, with one instance of each provider, when every forRoot() call gets equal options', async () => {
    const logins: string[] = [];
    const { Client, ClientModule } = clientModule(logins);
    @Injectable()
    class Feature {
      public constructor(@Inject(Client) public readonly client: object) {}
    }
    // The feature module re-exports what it imported, as libraries often do.
    @Module({ imports: [ClientModule.forRoot({ token: 'bot-token' })], providers: [Feature], exports: [Feature, ClientModule.forRoot({ token: 'bot-token' })] })
    class FeatureModule {}
    @Module({ imports: [ClientModule.forRoot({ token: 'bot-token' }), FeatureModule] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.listen();
    expect(logins).toEqual(['bot-token']); // one client, one login
    expect(app.get(Feature).client).toBe(app.get(Client));
    await app.close();
  });

  it('stays two modules when the options differ', async () => {
    const logins: string[] = [];
    const { ClientModule } = clientModule(logins);
    @Module({ imports: [{ ...ClientModule.forRoot({ token: 'a' }), global: false }] })
    class FeatureModule {}
    @Module({ imports: [{ ...ClientModule.forRoot({ token: 'b' }), global: false }, FeatureModule] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.listen();
    expect(logins.sort()).toEqual(['a', 'b']);
    await app.close();
  });
});
