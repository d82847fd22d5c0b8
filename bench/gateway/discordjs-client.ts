import { Client, Events } from 'discord.js';
import { INTENTS, type ThroughputInput } from './worker-input';

/** discord.js as a bot uses it: a Client with its default caches and one messageCreate listener. */
export async function startDiscordJs(input: ThroughputInput, onMessage: () => void): Promise<() => Promise<void>> {
  const client = new Client({ intents: INTENTS, rest: { api: input.restUrl }, shards: [input.shardId], shardCount: input.totalShards });
  client.on(Events.MessageCreate, (message) => {
    if (message.content.length > 0) onMessage();
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(input.token);
  await ready;
  return () => client.destroy();
}
