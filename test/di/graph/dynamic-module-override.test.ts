import { Inject, Injectable, Module, type DynamicModule } from '../../../src/di';
import { buildGraph } from '../../../src/di/application/oven-factory';

const SETTINGS = 'SETTINGS';

@Injectable()
class Reader {
  public constructor(@Inject(SETTINGS) public readonly settings: { source: string }) {}
}

@Module({})
class SettingsModule {
  public static forRoot(source: string): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: SETTINGS, useValue: { source } }, Reader], exports: [Reader] };
  }
}

@Module({ imports: [SettingsModule.forRoot('file')] })
class AppModule {}

describe('overriding a dynamic module', () => {
  it('applies to the import written with an equal forRoot(...) call, not only to that very object', async () => {
    const replacement: DynamicModule = SettingsModule.forRoot('test double');
    const { graph, lifecycle } = await buildGraph(AppModule, { modules: new Map([[SettingsModule.forRoot('file'), replacement]]) });
    try {
      expect(graph.scanned.usedModuleOverrides.size).toBe(1);
      const reader = graph.get(graph.root, Reader, false);
      expect(reader.settings.source).toBe('test double');
    } finally {
      await lifecycle.close(undefined);
    }
  });

  it('leaves an import with other options alone', async () => {
    const { graph, lifecycle } = await buildGraph(AppModule, {
      modules: new Map([[SettingsModule.forRoot('elsewhere'), SettingsModule.forRoot('test double')]]),
    });
    try {
      expect(graph.scanned.usedModuleOverrides.size).toBe(0);
      expect(graph.get(graph.root, Reader, false).settings.source).toBe('file');
    } finally {
      await lifecycle.close(undefined);
    }
  });
});
