import type { APIInteractionResponseCallbackData, APIMessage, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { FakeDiscord, FakeInteraction, SeededWorld } from '../../src/testing';

/** What one step of the demo showed: who did what, and what the bot answered. */
export interface DemoStep {
  readonly action: string;
  readonly answer: string;
}

/** The demo guild's people and places, taken from the `demo` seed. */
interface DemoCast {
  readonly alice: string;
  readonly bob: string;
  readonly general: string;
  readonly botCommands: string;
}

function castOf(world: SeededWorld): DemoCast {
  const [alice, bob] = world.users;
  const general = world.channels.find((channel) => channel.name === 'general');
  const botCommands = world.channels.find((channel) => channel.name === 'bot-commands');
  if (alice === undefined || bob === undefined || general === undefined || botCommands === undefined) {
    throw new Error('The demo needs the fake Discord seeded with "demo" (alice, bob, #general, #bot-commands).');
  }
  return { alice: alice.id, bob: bob.id, general: general.id, botCommands: botCommands.id };
}

async function answerOf(interaction: FakeInteraction): Promise<string> {
  const response = await interaction.response();
  const data = response.data as APIInteractionResponseCallbackData | null;
  const ephemeral = ((data?.flags ?? 0) & 64) !== 0 ? ' (only the user sees this)' : '';
  return `${data?.content ?? '(no text)'}${ephemeral}`;
}

/**
 * Plays a short scene as users of the demo guild, so that `npm start` shows the bot doing its
 * job: a greeting, slash commands with valid and invalid options, a button and a modal. The
 * answers come from the bot through the fake Discord, exactly as a real client would see them.
 */
export async function playDemo(discord: FakeDiscord, world: SeededWorld, show: (step: DemoStep) => void): Promise<DemoStep[]> {
  const cast = castOf(world);
  const steps: DemoStep[] = [];
  const record = (action: string, answer: string): void => {
    const step = { action, answer };
    steps.push(step);
    show(step);
  };

  const hello = discord.postMessage(cast.general, cast.alice, 'hello everyone!');
  const greeting = await discord.waitForMessage((message: APIMessage) => message.message_reference?.message_id === hello.id);
  record('alice says "hello everyone!" in #general', greeting.content);

  const source = { userId: cast.alice, channelId: cast.botCommands };
  record('alice runs /ping', await answerOf(discord.invokeCommand({ ...source, name: 'ping' })));
  record('alice runs /roll sides:20 count:3', await answerOf(discord.invokeCommand({ ...source, name: 'roll', options: { sides: 20, count: 3 } })));
  // Discord's client would refuse this value; a modified client or an old command version might not.
  const bob = { userId: cast.bob, channelId: cast.botCommands };
  record('bob runs /roll sides:1000 (too many sides)', await answerOf(discord.invokeCommand({ ...bob, name: 'roll', options: { sides: 1000 } })));

  const ticket = discord.invokeCommand({ ...source, name: 'ticket' });
  record('alice runs /ticket', await answerOf(ticket));
  const [ticketMessage] = ticket.messages();
  const row = ticketMessage?.components?.[0];
  const button = row !== undefined && 'components' in row ? row.components[0] : undefined;
  if (ticketMessage === undefined || button === undefined || !('custom_id' in button)) throw new Error('/ticket sent no button');
  record(`bob presses "Close ticket" (${button.custom_id})`, await answerOf(discord.pressButton({ userId: cast.bob, messageId: ticketMessage.id, customId: button.custom_id })));

  const feedback = discord.invokeCommand({ ...source, name: 'feedback' });
  const modal = (await feedback.response()).data as APIModalInteractionResponseCallbackData;
  record('alice runs /feedback', `a modal "${modal.title}" with ${modal.components.length} fields`);
  const fieldIds = modal.components.flatMap((row) => ('components' in row ? row.components.map((input) => ('custom_id' in input ? input.custom_id : '')) : []));
  const [textId, ratingId] = fieldIds;
  if (textId === undefined || ratingId === undefined) throw new Error('the feedback modal has fewer than two fields');
  const submitted = discord.submitModal({ ...source, customId: modal.custom_id, fields: { [textId]: 'Pleasant to write!', [ratingId]: '5' } });
  record('alice submits the modal (rating 5)', await answerOf(submitted));

  // A plugin counted the messages (a hook on every received message) and offers the counts as a service.
  record('alice runs /stats in #general', await answerOf(discord.invokeCommand({ userId: cast.alice, channelId: cast.general, name: 'stats' })));
  return steps;
}
