import type { APIMessage } from 'discord-api-types/v10';
import type { RecordedRequest } from './rest/request-log';
import type { FakeRestServer } from './rest/rest-server';
import { waitForMatch } from './waiter';
import type { RecordedInteractionResponse } from './world/interaction-store';
import type { World } from './world/world';

/**
 * The façade's waits for messages, interaction callbacks and requests. It keeps every pending
 * wait so that `close()` can reject them instead of leaving tests hanging until their timeout.
 */
export class FakeDiscordWaits {
  private readonly pending = new Set<(error: Error) => void>();

  public constructor(
    private readonly world: World,
    private readonly rest: FakeRestServer,
  ) {}

  public message(predicate: (message: APIMessage) => boolean, timeoutMs: number): Promise<APIMessage> {
    return waitForMatch({
      emitter: this.world,
      event: 'message',
      existing: () => this.world.messages.everything(),
      predicate,
      timeoutMs,
      description: 'a message matching the predicate',
      pending: this.pending,
    });
  }

  public interactionResponse(which: string | ((response: RecordedInteractionResponse) => boolean), timeoutMs: number): Promise<RecordedInteractionResponse> {
    const predicate = typeof which === 'string' ? (r: RecordedInteractionResponse) => r.interactionId === which : which;
    return waitForMatch({
      emitter: this.world,
      event: 'interactionResponse',
      existing: () => this.world.interactions.allResponses(),
      predicate,
      timeoutMs,
      description: typeof which === 'string' ? `the bot's response to interaction ${which}` : 'an interaction response matching the predicate',
      pending: this.pending,
    });
  }

  public request(predicate: (request: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    return waitForMatch({ emitter: this.world, event: 'request', existing: () => this.rest.requests(), predicate, timeoutMs, description: 'a REST request matching the predicate', pending: this.pending });
  }

  /** Rejects every pending wait with `error`. */
  public abortAll(error: Error): void {
    for (const abort of [...this.pending]) abort(error);
  }
}
