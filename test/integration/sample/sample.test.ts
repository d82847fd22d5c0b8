import { Client } from '../../../src';
import { playDemo, type DemoStep } from '../../../sample/demo/demo-user';
import { startSample, type RunningSample } from '../../../sample/start-sample';

// `npm start` is the first thing a newcomer runs: this is that run, checked line by line.
describe('the sample bot against its embedded fake Discord', () => {
  let sample: RunningSample | undefined;
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);

  afterEach(async () => {
    await sample?.close();
    sample = undefined;
  });
  afterAll(() => log.mockRestore());

  it('logs in, registers its commands once, and plays the demo scene', async () => {
    sample = await startSample({ env: {} });
    const discord = sample.discord;
    if (discord === undefined || sample.world === undefined) throw new Error('expected the embedded fake Discord');
    expect(sample.app.get(Client).user?.id).toBe(discord.botUser.id);
    const guildId = sample.world.guilds[0]?.id as string;
    expect(discord.commands(guildId).map((command) => command.name).sort()).toEqual(['feedback', 'ping', 'roll', 'stats', 'ticket']);

    const steps: DemoStep[] = await playDemo(discord, sample.world, () => undefined);
    const answers = steps.map((step) => step.answer);
    // The message-stats plugin signs the bot's messages through the beforeMessageSend hook.
    expect(answers[0]).toBe('Hello, Alice! (from OvenBot) (shard 0)\n-# 1 messages seen here');
    expect(answers[1]).toBe('Pong!');
    expect(answers[2]).toMatch(/^alice rolled 3d20: (\d+) \+ (\d+) \+ (\d+) = \d+$/);
    const [, a, b, c, total] = /: (\d+) \+ (\d+) \+ (\d+) = (\d+)$/.exec(answers[2] as string) ?? [];
    expect(Number(a) + Number(b) + Number(c)).toBe(Number(total));
    expect(answers[3]).toContain('`sides`: must be at most 120');
    expect(answers[3]).toContain('(only the user sees this)');
    expect(answers[4]).toBe('Ticket #1 is open.');
    expect(answers[5]).toBe('Ticket #1 closed by bob.');
    expect(answers[6]).toBe('a modal "Feedback" with 2 fields');
    expect(answers[7]).toBe('Thanks! 5/5 for sample: "Pleasant to write!" (only the user sees this)');
    // Counted by the plugin's afterMessageReceive hook, read through the service it provides.
    expect(answers[8]).toBe('Messages seen: 1 in this channel, 1 in all.');
  });

  it('does not re-register unchanged commands on a second start against the same Discord', async () => {
    sample = await startSample({ env: {} });
    const discord = sample.discord as NonNullable<RunningSample['discord']>;
    const overwrites = (): number => discord.requests().filter((request) => request.method === 'PUT' && request.path.includes('/commands')).length;
    expect(overwrites()).toBe(1);
    // A second bot process against the same fake: same token, same guild, same commands.
    const second = await startSample({
      env: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl, DEV_GUILD_ID: sample.world?.guilds[0]?.id as string },
    });
    try {
      expect(second.discord).toBeUndefined();
      expect(overwrites()).toBe(1);
    } finally {
      await second.close();
    }
  });
});
