import { join } from 'node:path';
import { HooksModule, Module, PluginsModule } from '../../src';
import { StatsCommands } from './stats.commands';

/**
 * Hooks and plugins: loads the local plugins in sample/plugins (edit one while the bot runs and
 * it hot reloads, keeping its counts), and a command that uses the service a plugin provides.
 */
@Module({
  imports: [
    HooksModule.forRoot(),
    PluginsModule.forRoot({ directories: [join(__dirname, '..', 'plugins')], nodeModules: [], hotReload: process.env['SAMPLE_HOT_RELOAD'] !== '0' }),
  ],
  providers: [StatsCommands],
})
export class StatsModule {}
