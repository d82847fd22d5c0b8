import { EVENT_CONTEXT, Inject, Injectable, Module, ModuleRef, OvenFactory, UnknownProviderError } from '../../../src/di';

@Injectable()
class AuditLog {
  public readonly lines: string[] = [];
}

@Injectable()
class PrivateHelper {}

@Module({ providers: [AuditLog, PrivateHelper], exports: [AuditLog] })
class AuditModule {}

@Injectable({ scope: 'event' })
class Current {
  public constructor(@Inject(EVENT_CONTEXT) public readonly id: string) {}
}

@Injectable()
class Dispatcher {
  public constructor(public readonly moduleRef: ModuleRef) {}
  public handle(): void {
    this.moduleRef.get(AuditLog).lines.push('handled');
  }
}

@Module({ imports: [AuditModule], providers: [Dispatcher, Current] })
class AppModule {}

describe('ModuleRef', () => {
  it('looks up what its module can see, lazily', async () => {
    const app = await OvenFactory.create(AppModule);
    const dispatcher = app.get(Dispatcher);
    dispatcher.handle();
    expect(app.get(AuditLog).lines).toEqual(['handled']);
    expect(dispatcher.moduleRef.moduleName).toBe('AppModule');
    await app.close();
  });

  it('is strict by default: a private provider of an imported module is not visible', async () => {
    const app = await OvenFactory.create(AppModule);
    const moduleRef = app.get(Dispatcher).moduleRef;
    expect(() => moduleRef.get(PrivateHelper)).toThrow(UnknownProviderError);
    expect(() => moduleRef.get(PrivateHelper)).toThrow(/AppModule cannot see PrivateHelper/);
    expect(moduleRef.get(PrivateHelper, { strict: false })).toBe(app.get(PrivateHelper));
    await app.close();
  });

  it('resolve() builds per-event providers in a scope of their own', async () => {
    const app = await OvenFactory.create(AppModule);
    const current = await app.get(Dispatcher).moduleRef.resolve(Current, { context: 'evt-7' });
    expect(current.id).toBe('evt-7');
    await app.close();
  });
});
