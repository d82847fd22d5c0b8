import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client, EVENT_CONTEXT, Inject, Injectable, OnEvent, type EventContext } from '../../src';
import { GreetingService } from './greeting.service';

const GREETING = /^(hi|hello|hey)\b/i;

/**
 * Answers "hello" in any channel. Scoped per event: each message gets its own instance with that
 * event's context injected, so nothing from one message can leak into the next.
 */
@Injectable({ scope: 'event' })
export class GreetingListener {
  public constructor(
    @Inject(EVENT_CONTEXT) private readonly event: EventContext,
    private readonly greetings: GreetingService,
    private readonly client: Client,
  ) {}

  @OnEvent('messageCreate')
  public async onMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
    if (message.author.bot === true || !GREETING.test(message.content)) return;
    const name = message.author.global_name ?? message.author.username;
    await this.client.rest.channels.createMessage(message.channel_id, {
      content: `${this.greetings.greet(name)} (shard ${this.event.shardId})`,
      message_reference: { message_id: message.id },
    });
  }
}
