import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '../../src';
import { ConfigService } from '../config/config.service';
import { lifecycleLog } from '../lifecycle-log';

/** Builds greetings; a singleton shared by everything that greets. */
@Injectable()
export class GreetingService implements OnApplicationBootstrap, OnModuleDestroy {
  public constructor(private readonly config: ConfigService) {}

  public greet(name: string): string {
    return `${this.config.greeting}, ${name}! (from ${this.config.botName})`;
  }

  public onApplicationBootstrap(): void {
    lifecycleLog('GreetingService', 'onApplicationBootstrap');
  }

  public onModuleDestroy(): void {
    lifecycleLog('GreetingService', 'onModuleDestroy');
  }
}
