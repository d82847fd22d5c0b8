import { Inject, Injectable, type OnModuleInit } from '../../src';
import { BOT_CONFIG, type BotConfig } from './config-options';
import { lifecycleLog } from '../lifecycle-log';

/** Read access to the bot's configuration, checked once at start-up. */
@Injectable()
export class ConfigService implements OnModuleInit {
  public constructor(@Inject(BOT_CONFIG) private readonly config: BotConfig) {}

  public get botName(): string {
    return this.config.botName;
  }

  public get greeting(): string {
    return this.config.greeting;
  }

  public onModuleInit(): void {
    // Failing here stops start-up with an error naming ConfigModule and this hook.
    if (this.config.botName.trim() === '') throw new Error('botName is empty: set BOT_NAME');
    lifecycleLog('ConfigService', `onModuleInit (bot "${this.config.botName}")`);
  }
}
