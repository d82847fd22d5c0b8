import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { fakeDiscordCommand } from '../../src/cli';

function field(lines: string[], label: string): string {
  const line = lines.find((l) => l.startsWith(`${label}:`));
  if (line === undefined) throw new Error(`no "${label}:" line in ${JSON.stringify(lines)}`);
  return line.slice(label.length + 1).trim();
}

describe('ovenjs fake-discord', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    // A run that failed or timed out must not leave the fake Discord process running after jest.
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

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

  it('serves https and wss with --tls-key and --tls-cert', async () => {
    const tlsDir = join(__dirname, '../fixtures/tls');
    const out: string[] = [];
    const controller = new AbortController();
    const running = fakeDiscordCommand.run(
      { port: 0, seed: 'empty', 'tls-key': join(tlsDir, 'key.pem'), 'tls-cert': join(tlsDir, 'cert.pem') },
      { stdout: (l) => out.push(l), stderr: (l) => out.push(l), signal: controller.signal },
    );
    while (!out.includes('Press Ctrl+C to stop.')) await new Promise((resolve) => setImmediate(resolve));
    const restUrl = field(out, 'REST URL');
    expect(restUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(field(out, 'Gateway URL')).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ connect: { ca: readFileSync(join(tlsDir, 'cert.pem')) } });
    const response = await request(`${restUrl}/v10/gateway/bot`, { dispatcher: agent, headers: { authorization: `Bot ${field(out, 'Bot token')}` } });
    expect(((await response.body.json()) as { url: string }).url).toBe(field(out, 'Gateway URL'));
    await agent.close();
    controller.abort();
    expect(await running).toBe(0);
  });

  it.each([
    ['only --tls-key', { 'tls-key': join(__dirname, '../fixtures/tls/key.pem') }, 'OVEN_ERR_CLI_BAD_ARGUMENT', /--tls-key and --tls-cert go together/],
    ['an unreadable --tls-cert file', { 'tls-key': join(__dirname, '../fixtures/tls/key.pem'), 'tls-cert': join(__dirname, '../fixtures/tls/missing.pem') }, 'OVEN_ERR_CLI_BAD_ARGUMENT', /--tls-cert could not read ".*missing\.pem" \(ENOENT\)/],
    ['a certificate file as the key', { 'tls-key': join(__dirname, '../fixtures/tls/cert.pem'), 'tls-cert': join(__dirname, '../fixtures/tls/cert.pem') }, 'OVEN_ERR_FAKE_DISCORD_BAD_TLS', /tls\.key is not a readable/],
  ])('refuses %s with a coded error', async (_name, tlsArgs, code, message) => {
    const run = fakeDiscordCommand.run({ port: 0, ...tlsArgs }, { stdout: () => undefined, stderr: () => undefined, signal: new AbortController().signal });
    await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(message) as unknown as string });
  });

  it('refuses an unknown seed with a coded error', async () => {
    const run = fakeDiscordCommand.run({ seed: 'huge' }, { stdout: () => undefined, stderr: () => undefined, signal: new AbortController().signal });
    await expect(run).rejects.toMatchObject({ code: 'OVEN_ERR_CLI_BAD_ARGUMENT' });
  });

  // The child transpiles the CLI's whole import graph with ts-node before it prints anything: about
  // 4.5 s of CPU (6.5 s wall at load 4 on the 2-core machine); at a load of 15-20 that passed the
  // 30 s default. The test waits on the child's output and exit, so the bound only has to be generous.
  const SPAWNED_CLI_TIMEOUT_MS = 180_000;

  it('runs as a process from src/cli/main.ts and exits 0 on SIGTERM', async () => {
    const spawned = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/cli/main.ts'), 'fake-discord', '--port', '0', '--seed', 'empty'], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    let output = '';
    let signalled = false;
    spawned.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!signalled && output.includes('Press Ctrl+C to stop.')) {
        signalled = true;
        spawned.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => spawned.on('exit', resolve));
    expect(output).toMatch(/REST URL: +http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(output).toMatch(/Gateway URL: +ws:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('Fake Discord stopped.');
    expect(code).toBe(0);
  }, SPAWNED_CLI_TIMEOUT_MS);
});
