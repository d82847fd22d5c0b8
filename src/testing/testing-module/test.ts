import type { OvenApplicationOptions } from '../../di';
import { TestingModuleBuilder, type TestingModuleMetadata } from './testing-module-builder';

/**
 * Entry point of the testing module: build the modules under test with some providers or
 * modules replaced, wherever they are in the graph.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
 *   .overrideProvider(RestClient).useValue(fakeRest)
 *   .compile();
 * await moduleRef.get(GreetingService).greet('Ada');
 * await moduleRef.close();
 * ```
 */
export class Test {
  public static createTestingModule(metadata: TestingModuleMetadata, options: OvenApplicationOptions = {}): TestingModuleBuilder {
    return new TestingModuleBuilder(metadata, options);
  }
}
