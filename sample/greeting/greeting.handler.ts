import { EVENT_CONTEXT, Inject, Injectable } from '../../src';
import type { GreetingEvent } from './greeting-event';
import { GreetingService } from './greeting.service';

/** Per event: one instance for each event it handles, with that event injected. */
@Injectable({ scope: 'event' })
export class GreetingHandler {
  public constructor(
    @Inject(EVENT_CONTEXT) private readonly event: GreetingEvent,
    private readonly greetings: GreetingService,
  ) {}

  public handle(): string {
    return this.greetings.greet(this.event.userName);
  }
}
