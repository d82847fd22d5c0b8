import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fakeDiscordCommand } from '../../src/cli';

function field(lines: string[], label: string): string {
  const line = lines.find((l) => l.startsWith(`${label}:`));
  if (line === undefined) throw new Error(`no "${label}:" line in ${JSON.stringify(lines)}`);
  return line.slice(label.length + 1).trim();
}

describe('ovenjs fake-discord', () => {
  it('prints a REST URL, gateway URL and token that work, then stops on abort', async () => {
    const out: string[] = [];
    const controller = new AbortController();
    const running = fakeDiscordCommand.run({ port: 0, seed: 'demo' }, { stdout: (l) => out.push(l), stderr: (l) => out.push(l), signal: controller.signal });
    while (!out.includes('Press Ctrl+C to stop.')) await new Promise((resolve) => setImmediate(resolve));
    const restUrl = field(out, 'REST URL');
    const token = field(out, 'Bot token');
    const gateway = (await (await fetch(`${restUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } })).json()) as { url: string };
    expect(gateway.url).toBe(field(out, 'Gateway URL'));
    const guildId = /\((\d+)\)/.exec(field(out, 'Guild'))?.[1] as string;
    const guild = (await (await fetch(`${restUrl}/v10/guilds/${guildId}`, { headers: { Authorization: `Bot ${token}` } })).json()) as { name: string };
    expect(guild.name).toBe('Oven Demo');
    controller.abort();
    expect(await running).toBe(0);
    expect(out.at(-1)).toBe('Fake Discord stopped.');
  });

  it('refuses an unknown seed with a coded error', async () => {
    const run = fakeDiscordCommand.run({ seed: 'huge' }, { stdout: () => undefined, stderr: () => undefined, signal: new AbortController().signal });
    await expect(run).rejects.toMatchObject({ code: 'OVEN_ERR_CLI_BAD_ARGUMENT' });
  });

  it('runs as a process from src/cli/main.ts and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/cli/main.ts'), 'fake-discord', '--port', '0', '--seed', 'empty'], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!signalled && output.includes('Press Ctrl+C to stop.')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toMatch(/REST URL: +http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(output).toMatch(/Gateway URL: +ws:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('Fake Discord stopped.');
    expect(code).toBe(0);
  });
});
