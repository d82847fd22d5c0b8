import type { FakeDiscordOptions } from '../../src/testing';
import { FakeDiscord } from '../../src/testing';

/** Commands the benchmark sends to the fake in its own process, so server work does not share the client's event loop. */
export type FakeCommand =
  | { cmd: 'start'; options: FakeDiscordOptions; channels: number; guilds: number; latencyMs?: number }
  | { cmd: 'count429' }
  | { cmd: 'stop' };

export interface FakeWorld {
  restUrl: string;
  token: string;
  channels: string[];
  guilds: string[];
}

let discord: FakeDiscord | undefined;

process.on('message', (message: FakeCommand) => {
  void handle(message).catch((error: unknown) => {
    process.send?.({ error: String(error) });
  });
});

async function handle(message: FakeCommand): Promise<void> {
  if (message.cmd === 'start') {
    await discord?.close();
    discord = await FakeDiscord.start(message.options);
    // Every answer delayed by this much, as a stand-in for the round trip to Discord (20-100 ms in production).
    if (message.latencyMs !== undefined && message.latencyMs > 0) discord.restFaults.latency(message.latencyMs);
    const guilds = Array.from({ length: message.guilds }, (_, index) => discord!.createGuild({ name: `bench ${index}`, withGeneralChannel: false }).id);
    const channels = Array.from({ length: message.channels }, (_, index) => discord!.createChannel(guilds[index % guilds.length]!, { name: `c${index}` }).id);
    const world: FakeWorld = { restUrl: discord.restUrl, token: discord.token, channels, guilds };
    process.send?.(world);
    return;
  }
  if (message.cmd === 'count429') {
    process.send?.({ count: discord?.requests().filter((request) => request.status === 429).length ?? 0 });
    return;
  }
  await discord?.close();
  discord = undefined;
  process.send?.({ stopped: true });
  process.disconnect();
}
