import { OvenApplication } from '../../di';

/**
 * A compiled test application: `get`, `resolve`, `init`, `listen` and `close` work as on an
 * `OvenApplication`. `compile()` has already run the start-up hooks (`init()`), not `listen()`.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({ imports: [GreetingModule] }).compile();
 * expect(moduleRef.get(GreetingService).greet('Ada')).toBe('Hello, Ada!');
 * await moduleRef.close();
 * ```
 */
export class TestingModule extends OvenApplication {}
