import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { restProxyCommand } from '../../../src/cli/commands/rest-proxy-command';
import { cliRegistry } from '../../../src/cli/main';
import { FakeDiscord } from '../../../src/testing';

/** Runs `ovenjs rest-proxy ...` in-process until the returned `stop()` is called. */
function runCli(argv: string[]) {
  const controller = new AbortController();
  const stdout: string[] = [];
  const stderr: string[] = [];
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  const exit = cliRegistry.run(['rest-proxy', ...argv], {
    stdout: (line) => {
      stdout.push(line);
      const match = /listening on (\S+)/.exec(line);
      if (match !== null) announce(match[1]!);
    },
    stderr: (line) => stderr.push(line),
    signal: controller.signal,
  });
  return { listening, exit, stdout, stderr, stop: () => controller.abort() };
}

describe('ovenjs rest-proxy', () => {
  let discord: FakeDiscord;

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0 });
  });

  afterAll(async () => {
    await discord.close();
  });

  it('is registered with the CLI and listed in its usage', () => {
    expect(cliRegistry.usage()).toContain('rest-proxy');
    expect(cliRegistry.usage()).toContain('--base-url');
    expect(restProxyCommand.options.redis?.type).toBe('string');
  });

  it('forwards to --base-url with rate-limit state in --redis, and stops on the signal', async () => {
    const prefix = `oven-test:proxy-cli:${randomUUID()}:`;
    const cli = runCli(['--port', '0', '--base-url', discord.restUrl, '--redis', 'redis://127.0.0.1:6379', '--redis-prefix', prefix]);
    const apiUrl = await Promise.race([cli.listening, cli.exit.then((code) => Promise.reject(new Error(`exited ${code}: ${cli.stderr.join('\n')}`)))]);
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    try {
      const health = await fetch(`${apiUrl.replace(/\/api$/, '')}/healthz`);
      expect(health.status).toBe(200);
      const me = await fetch(`${apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${discord.token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { bot?: boolean }).bot).toBe(true);
      expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);
    } finally {
      cli.stop();
      expect(await cli.exit).toBe(0);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    expect(cli.stdout.at(-1)).toBe('REST proxy stopped.');
  });

  it('exits with 1 and says so when Redis is unreachable', async () => {
    const cli = runCli(['--port', '0', '--base-url', discord.restUrl, '--redis', 'redis://127.0.0.1:1']);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/Cannot reach Redis at 127\.0\.0\.1:1/);
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    for (const argv of [['--port', '70000'], ['--base-url', 'ftp://example.com'], ['--max-body-bytes', '0']]) {
      const cli = runCli(argv);
      expect(await cli.exit).toBe(2);
      expect(cli.stderr[0]).toMatch(/^OVEN_ERR_CLI_BAD_ARGUMENT: /);
    }
  });
});
