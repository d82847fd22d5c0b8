import { join } from 'node:path';
import { commandsCliCommand } from '../../../src/commands';
import { FakeDiscord } from '../../../src/testing';

const entry = join(__dirname, 'fixtures', 'cli-entry.ts');

function output() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { stdout: (l: string) => void out.push(l), stderr: (l: string) => void err.push(l) } };
}

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await FakeDiscord.start({ port: 0, rateLimits: false });
});

afterAll(async () => {
  await discord.close();
});

const puts = () => discord.requests().filter((r) => r.method === 'PUT').length;

describe('ovenjs commands', () => {
  it('prints the JSON without a token', async () => {
    const { out, context } = output();
    expect(await commandsCliCommand.run({ entry }, context)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('# 2 command(s)');
    expect(text).toContain('## echo (CliFixtureCommands.echo, global)');
    expect(text).toContain('"name": "reload"');
    expect(text).toContain('# no diff');
  });

  it('prints the diff without sending anything, then applies it with --apply', async () => {
    const args = { entry, token: discord.token, 'application-id': discord.applicationId, api: discord.restUrl };
    const dry = output();
    expect(await commandsCliCommand.run(args, dry.context)).toBe(0);
    expect(dry.out).toEqual(expect.arrayContaining(['# diff (global): 2 change(s)', '+ slash:echo', '+ slash:admin', '# dry run: nothing was sent; add --apply to register']));
    expect(puts()).toBe(0);

    const applied = output();
    expect(await commandsCliCommand.run({ ...args, apply: true }, applied.context)).toBe(0);
    expect(puts()).toBe(1);
    expect(discord.commands().map((c) => c.name).sort()).toEqual(['admin', 'echo']);

    const again = output();
    await commandsCliCommand.run({ ...args, apply: true }, again.context);
    expect(again.out).toContain('# diff (global): up to date');
    expect(puts()).toBe(1);
  });

  it('explains a missing entry', async () => {
    const missing = output();
    expect(await commandsCliCommand.run({}, missing.context)).toBe(2);
    expect(missing.err[0]).toMatch(/needs --entry/);
    const wrong = output();
    expect(await commandsCliCommand.run({ entry: 'nope.ts' }, wrong.context)).toBe(1);
    expect(wrong.err[0]).toMatch(/OVEN_ERR_COMMANDS_MODULE_CONFIG: Entry file .*nope\.ts does not exist/);
  });

  it('explains a dev guild that would get one command name twice, without sending anything', async () => {
    const clash = output();
    const args = {
      entry: join(__dirname, 'fixtures', 'cli-entry-dev-clash.ts'),
      token: discord.token,
      'application-id': discord.applicationId,
      api: discord.restUrl,
      guild: '234567890123456789',
      apply: true,
    };
    const before = puts();
    expect(await commandsCliCommand.run(args, clash.context)).toBe(1);
    expect(clash.err[0]).toMatch(/^OVEN_ERR_COMMANDS_MODULE_CONFIG: devGuildId puts every command in guild 234567890123456789, where \/staff would be registered twice/);
    expect(puts()).toBe(before);
  });
});
