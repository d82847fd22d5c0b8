import type { APIPartialChannel } from 'discord-api-types/v10';
import { Channel, Command, Inject, Injectable, ServiceRegistry } from '../../src';

/** What the message-stats plugin offers the app (see sample/plugins/message-stats). */
interface MessageStats {
  count(channelId: string): number;
  total(): number;
}

/** `/stats`: reads a service that a plugin provides, through the plugin service registry. */
@Injectable()
export class StatsCommands {
  public constructor(@Inject(ServiceRegistry) private readonly services: ServiceRegistry) {}

  @Command({ name: 'stats', description: 'How many messages the bot has seen' })
  public stats(@Channel() channel: APIPartialChannel | undefined): string {
    const stats = this.services.get<MessageStats>('message-stats');
    const here = channel === undefined ? 0 : stats.count(channel.id);
    return `Messages seen: ${here} in this channel, ${stats.total()} in all.`;
  }
}
