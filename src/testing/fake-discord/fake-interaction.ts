import type { APIInteraction, APIMessage } from 'discord-api-types/v10';
import type { InteractionRecord, RecordedInteractionResponse } from './world/interaction-store';
import type { World } from './world/world';

/**
 * An interaction a test started (`invokeCommand`, `pressButton`, ...): its real id and token, the
 * exact payload the bot received, and what the bot answered.
 *
 * @example
 * ```ts
 * const interaction = discord.invokeCommand({ name: 'ping', userId, channelId });
 * const response = await interaction.response();
 * expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
 * ```
 */
export class FakeInteraction {
  public readonly id: string;
  public readonly token: string;
  /** The INTERACTION_CREATE payload. */
  public readonly payload: APIInteraction;

  public constructor(
    private readonly record: InteractionRecord,
    private readonly wait: (id: string, timeoutMs: number) => Promise<RecordedInteractionResponse>,
    private readonly world: World,
  ) {
    this.id = record.interaction.id;
    this.token = record.interaction.token;
    this.payload = record.interaction;
  }

  /** The bot's callback (resolves at once if it already answered). @defaultValue timeout 5000 ms */
  public response(timeoutMs = 5000): Promise<RecordedInteractionResponse> {
    return this.wait(this.id, timeoutMs);
  }

  /** Messages the interaction produced so far (original response and follow-ups, ephemeral ones included), current state. */
  public messages(): APIMessage[] {
    const found: APIMessage[] = [];
    for (const id of this.record.messageIds) {
      const message = this.record.ephemeral.get(id) ?? this.world.messages.findById(id);
      if (message !== undefined) found.push(structuredClone(message));
    }
    return found;
  }
}
