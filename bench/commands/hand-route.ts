import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionResponse,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import type { RecordedReply } from './payload';

/**
 * The minimum a bot does by hand: switch on the name, read the options it knows with the checks
 * the DTO declares (type, required, range, the business rule), call the handler, send its reply.
 */
export function handRoute(replies: RecordedReply[]): (interaction: APIInteraction) => Promise<void> {
  const send = async (interactionId: string, body: APIInteractionResponse): Promise<void> => void replies.push({ interactionId, body });
  const give = async (interaction: APIChatInputApplicationCommandInteraction): Promise<void> => {
    let targetId: string | undefined;
    let amount: number | undefined;
    let note: string | undefined;
    for (const option of (interaction.data.options ?? []) as APIApplicationCommandInteractionDataBasicOption[]) {
      if (option.name === 'target' && option.type === ApplicationCommandOptionType.User) targetId = option.value;
      else if (option.name === 'amount' && option.type === ApplicationCommandOptionType.Integer && typeof option.value === 'number') amount = option.value;
      else if (option.name === 'note' && option.type === ApplicationCommandOptionType.String) note = option.value;
    }
    const target = targetId === undefined ? undefined : interaction.data.resolved?.users?.[targetId];
    if (target === undefined || amount === undefined || !Number.isInteger(amount) || amount < 1 || amount > 50 || (note !== undefined && note.length > 100)) {
      return send(interaction.id, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'Invalid options', flags: 64 } });
    }
    const from = interaction.member?.user.username ?? interaction.user?.username ?? '';
    return send(interaction.id, {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: `${from} gave ${amount} coins to ${target.username}: ${note ?? ''}` },
    });
  };
  return async (interaction) => {
    if (interaction.type !== InteractionType.ApplicationCommand || interaction.data.type !== ApplicationCommandType.ChatInput) return;
    switch (interaction.data.name) {
      case 'give':
        return give(interaction as APIChatInputApplicationCommandInteraction);
      default:
        return undefined;
    }
  };
}
