import type { APIInteraction } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { Client } from 'discord.js';
import type { RecordedReply } from './payload';

interface InternalActions {
  readonly actions: { readonly InteractionCreate: { handle(data: APIInteraction): void } };
}

/**
 * discord.js without a network: a Client that never logs in, fed the raw payload through the
 * same action its WebSocket handler calls for INTERACTION_CREATE (which builds the
 * ChatInputCommandInteraction and emits `interactionCreate`), with `client.rest.post` replaced by
 * a recorder. The handler reads and checks the options as a discord.js bot would.
 */
export function discordjsRoute(replies: RecordedReply[]): { route: (interaction: APIInteraction) => Promise<void>; close: () => Promise<void> } {
  const client = new Client({ intents: [] });
  const rest = client.rest as unknown as { post: (route: string, options: { body?: unknown }) => Promise<unknown> };
  rest.post = async (route, options) => {
    replies.push({ interactionId: route.split('/')[2] ?? '', body: options.body });
    return undefined;
  };
  let pending: Promise<unknown> | undefined;
  const give = async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const target = interaction.options.getUser('target', true);
    const amount = interaction.options.getInteger('amount', true);
    const note = interaction.options.getString('note');
    if (amount < 1 || amount > 50 || (note !== null && note.length > 100)) {
      await interaction.reply({ content: 'Invalid options', flags: 64 });
      return;
    }
    await interaction.reply({ content: `${interaction.user.username} gave ${amount} coins to ${target.username}: ${note ?? ''}` });
  };
  client.on('interactionCreate', (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    switch (interaction.commandName) {
      case 'give':
        pending = give(interaction);
        break;
      default:
        break;
    }
  });
  const actions = (client as unknown as InternalActions).actions;
  return {
    route: (interaction) => {
      actions.InteractionCreate.handle(interaction);
      const done = pending ?? Promise.resolve();
      pending = undefined;
      return done.then(() => undefined);
    },
    close: () => client.destroy(),
  };
}
