import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { CliError, CliRegistry, fakeDiscordCommand, parseArguments, type CliCommand } from '../../src/cli';
import { OvenError } from '../../src/errors';

const echo: CliCommand = {
  name: 'echo',
  summary: 'Echoes its options',
  options: {
    port: { type: 'number', description: 'a port', defaultText: '8080' },
    'a-rather-long-option-name': { type: 'string', description: 'long' },
    loud: { type: 'boolean', description: 'shout' },
  },
  run: async (args, context) => {
    context.stdout(JSON.stringify(args));
    return 0;
  },
};

class BrokenThingError extends OvenError {
  public constructor() {
    super('OVEN_ERR_TEST_BROKEN', 'the thing could not start; try another port');
  }
}

const failing: CliCommand = { name: 'fail', summary: 'Fails', options: {}, run: async () => Promise.reject(new BrokenThingError()) };

function io(): { out: string[]; err: string[]; context: Parameters<CliCommand['run']>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal: new AbortController().signal } };
}

describe('CLI help', () => {
  it.each([['echo', '--help'], ['echo', '-h'], ['echo', '--port', '1', '--help'], ['help', 'echo']])('%s %s prints that command\'s help and exits 0 without running it', async (...argv) => {
    const registry = new CliRegistry().register(echo).register(failing);
    const { out, err, context } = io();
    expect(await registry.run(argv, context)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Usage: ovenjs echo [options]');
    expect(text).toContain('Echoes its options');
    expect(text).toMatch(/--port <number>\s+a port \(default: 8080\)/);
    expect(text).not.toContain('Fails');
    expect(err).toEqual([]);
  });

  it('-h and --help alone list every command; no command at all is a usage error on stderr', async () => {
    const registry = new CliRegistry().register(echo).register(failing);
    for (const flag of ['-h', '--help', 'help']) {
      const { out, context } = io();
      expect(await registry.run([flag], context)).toBe(0);
      expect(out.join('\n')).toMatch(/echo[\s\S]*fail/);
    }
    const none = io();
    expect(await registry.run([], none.context)).toBe(2);
    expect(none.out).toEqual([]);
    expect(none.err.join('\n')).toContain('Usage: ovenjs <command> [options]');
  });

  it('keeps descriptions apart from long option names', () => {
    const registry = new CliRegistry().register(echo);
    const line = registry.usage().split('\n').find((l) => l.includes('--a-rather-long-option-name'));
    expect(line).toMatch(/--a-rather-long-option-name <string>\s{2,}long/);
    const port = registry.usage().split('\n').find((l) => l.includes('--port'));
    // Descriptions start in one column.
    expect(port?.indexOf('a port')).toBe(line?.lastIndexOf('long'));
  });
});

describe('CLI errors', () => {
  it('a bad option prints the code, the message and only that command\'s options, exit 2', async () => {
    const registry = new CliRegistry().register(echo).register(failing);
    const { err, context } = io();
    expect(await registry.run(['echo', '--colour', 'red'], context)).toBe(2);
    expect(err[0]).toBe('OVEN_ERR_CLI_BAD_ARGUMENT: Unknown option --colour for "echo"; options are --port, --a-rather-long-option-name, --loud.');
    expect(err.join('\n')).toContain('Usage: ovenjs echo [options]');
    expect(err.join('\n')).not.toContain('Fails');
  });

  it('help for an unknown command is an unknown-command error', async () => {
    const registry = new CliRegistry().register(echo);
    const { err, context } = io();
    expect(await registry.run(['help', 'nope'], context)).toBe(2);
    expect(err[0]).toContain('OVEN_ERR_CLI_UNKNOWN_COMMAND');
  });

  it('a typed error from a running command is one line with its code, exit 1, no stack', async () => {
    const registry = new CliRegistry().register(failing);
    const { err, context } = io();
    expect(await registry.run(['fail'], context)).toBe(1);
    expect(err).toEqual(['OVEN_ERR_TEST_BROKEN: the thing could not start; try another port']);
  });

  it('a boolean flag takes only true or false', () => {
    expect(parseArguments(echo, ['--loud=false'])).toEqual({ loud: false });
    expect(parseArguments(echo, ['--loud=true'])).toEqual({ loud: true });
    expect(() => parseArguments(echo, ['--loud=yes'])).toThrow(new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', 'Option --loud is a flag: give it alone, or as --loud=true / --loud=false, got "yes".'));
  });

  it('a number is written in decimal: hex, exponents and Infinity are refused', () => {
    expect(parseArguments(echo, ['--port', '-1.5'])).toEqual({ port: -1.5 });
    for (const bad of ['0x10', '1e3', 'Infinity', ' 80', '8080abc']) {
      expect(() => parseArguments(echo, ['--port', bad])).toThrow(`Option --port needs a number, got "${bad}".`);
    }
  });
});

describe('ovenjs fake-discord option values', () => {
  it.each([-5, 0, 1.5])('--heartbeat-interval %p is a bad argument naming the flag', async (value) => {
    const { context } = io();
    await expect(fakeDiscordCommand.run({ port: 0, seed: 'empty', 'heartbeat-interval': value }, context)).rejects.toThrow(
      new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `--heartbeat-interval needs a positive integer (milliseconds), got ${value}.`),
    );
  });
});

describe('ovenjs (the process)', () => {
  let server: Server;
  let busyPort = 0;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    busyPort = (server.address() as { port: number }).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  function ovenjs(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/cli/main.ts'), ...argv], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('fake-discord on a busy port says so in one line and exits 1', async () => {
    const { code, stderr } = await ovenjs('fake-discord', '--port', String(busyPort), '--seed', 'empty');
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(new RegExp(`^OVEN_ERR_FAKE_DISCORD_\\w+: FakeDiscord could not listen on 127\\.0\\.0\\.1:${busyPort} \\(EADDRINUSE\\)`));
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('fake-discord --help documents the command and exits 0', async () => {
    const { code, stdout } = await ovenjs('fake-discord', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: ovenjs fake-discord [options]');
    expect(stdout).toMatch(/--heartbeat-interval <number>\s+gateway heartbeat_interval in ms \(default: 41250\)/);
  }, 60_000);

  it('commands --help says that --entry is required', async () => {
    const { code, stdout } = await ovenjs('commands', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--entry <string>\s+\(required\) file that imports your command classes/);
  }, 60_000);
});
