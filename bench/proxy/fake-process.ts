import { FakeDiscord, type FakeDiscordOptions } from '../../src/testing';
import { serve } from './child';
import type { World } from './request-mix';

/** The fake Discord in its own process, so its work does not share a core's event loop with a client. */
export type FakeCommand = { cmd: 'start'; options: FakeDiscordOptions; channels: number; guilds: number } | { cmd: 'counts' } | { cmd: 'stop' };

/** Requests the fake answered so far, and how many of them were 429s. */
export interface FakeCounts {
  total: number;
  tooMany: number;
}

let discord: FakeDiscord | undefined;

serve<FakeCommand>(async (command) => {
  if (command.cmd === 'start') {
    await discord?.close();
    discord = await FakeDiscord.start(command.options);
    const guilds = Array.from({ length: command.guilds }, (_, index) => discord!.createGuild({ name: `bench ${index}`, withGeneralChannel: false }).id);
    const channels = Array.from({ length: command.channels }, (_, index) => discord!.createChannel(guilds[index % guilds.length]!, { name: `c${index}` }).id);
    const world: World = { restUrl: discord.restUrl, token: discord.token, channels, guilds };
    return world;
  }
  if (command.cmd === 'counts') {
    const requests = discord?.requests() ?? [];
    const counts: FakeCounts = { total: requests.length, tooMany: requests.filter((request) => request.status === 429).length };
    return counts;
  }
  await discord?.close();
  discord = undefined;
  return { stopped: true };
});
