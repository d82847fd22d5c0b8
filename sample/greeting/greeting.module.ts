import { Module } from '../../src';
import { GreetingListener } from './greeting.listener';
import { GreetingService } from './greeting.service';

/** The feature: greeting users. ConfigService comes from the global ConfigModule. */
@Module({ providers: [GreetingService, GreetingListener], exports: [GreetingService] })
export class GreetingModule {}
