import type { APIInteraction, APIMessage, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import type { UploadedFile } from './uploaded-file';

/** One callback the bot made for an interaction (`POST /interactions/{id}/{token}/callback`). */
export interface RecordedInteractionResponse {
  readonly interactionId: string;
  readonly interactionType: InteractionType;
  /** The callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal... */
  readonly type: InteractionResponseType;
  /** The callback's `data`, as the bot sent it. */
  readonly data: unknown;
  readonly files: readonly UploadedFile[];
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
}

/** The fake's state for one interaction it created. */
export interface InteractionRecord {
  readonly interaction: APIInteraction;
  readonly createdAt: number;
  response?: RecordedInteractionResponse;
  /** Message created by the initial response or by editing `@original` after a deferral. */
  originalMessageId?: string;
  /** Ids of the original response and every follow-up, in order. */
  readonly messageIds: string[];
  /** Ephemeral responses and follow-ups live only here, never in the channel's history. */
  readonly ephemeral: Map<string, APIMessage>;
}

/** Interactions by id and by token, plus every callback in arrival order. */
export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly responses: RecordedInteractionResponse[] = [];

  public add(interaction: APIInteraction): InteractionRecord {
    const record: InteractionRecord = { interaction, createdAt: Date.now(), messageIds: [], ephemeral: new Map() };
    this.byId.set(interaction.id, record);
    this.byToken.set(interaction.token, record);
    return record;
  }

  public get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  public byInteractionToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  public recordResponse(record: InteractionRecord, response: RecordedInteractionResponse): void {
    record.response = response;
    this.responses.push(response);
  }

  public allResponses(): readonly RecordedInteractionResponse[] {
    return this.responses;
  }

  /** Every modal the bot opened, newest last, for `submitModal` to mirror its layout. */
  public modalsShown(): RecordedInteractionResponse[] {
    return this.responses.filter((r) => r.type === 9);
  }
}
