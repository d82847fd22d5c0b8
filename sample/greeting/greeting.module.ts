import { Module } from '../../src';
import { GreetingHandler } from './greeting.handler';
import { GreetingService } from './greeting.service';

/** The feature: greeting users. ConfigService comes from the global ConfigModule. */
@Module({ providers: [GreetingService, GreetingHandler], exports: [GreetingService, GreetingHandler] })
export class GreetingModule {}
