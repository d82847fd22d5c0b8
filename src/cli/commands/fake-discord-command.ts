import { readFileSync } from 'node:fs';
import { FAKE_DISCORD_SEEDS, FakeDiscord, seedWorld, type FakeDiscordTlsOptions } from '../../testing';
import type { CliCommand } from '../cli-command';
import { CliError } from '../cli-error';

function port(value: unknown): number {
  if (value === undefined) return 8080;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `--port needs an integer from 0 to 65535 (0 picks a free port), got ${String(value)}.`);
  }
  return value;
}

function readPem(value: string, flag: string): Buffer {
  try {
    return readFileSync(value);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `${flag} could not read "${value}" (${reason}); pass the path of a PEM file.`);
  }
}

function heartbeatInterval(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `--heartbeat-interval needs a positive integer (milliseconds), got ${String(value)}.`);
  }
  return value;
}

/** Both files or neither: half a TLS setup would silently serve plain http. */
function tls(args: Readonly<Record<string, unknown>>): FakeDiscordTlsOptions | undefined {
  const key = args['tls-key'];
  const cert = args['tls-cert'];
  if (key === undefined && cert === undefined) return undefined;
  if (typeof key !== 'string' || typeof cert !== 'string' || key === '' || cert === '') {
    throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', '--tls-key and --tls-cert go together: give both PEM files to serve https/wss, or neither for http/ws.');
  }
  return { key: readPem(key, '--tls-key'), cert: readPem(cert, '--tls-cert') };
}

/**
 * `ovenjs fake-discord --port 8080 --seed demo`: runs the fake Discord standalone and prints the
 * URLs and token a bot needs, until Ctrl+C. With `--tls-key key.pem --tls-cert cert.pem` it
 * serves https and wss instead.
 */
export const fakeDiscordCommand: CliCommand = {
  name: 'fake-discord',
  summary: 'Run a local fake Discord (REST + gateway) and print its URLs and bot token',
  options: {
    port: { type: 'number', description: 'TCP port (0 picks a free one)', defaultText: '8080' },
    host: { type: 'string', description: 'interface to bind', defaultText: '127.0.0.1' },
    seed: { type: 'string', description: `world to start with: ${FAKE_DISCORD_SEEDS.join(' | ')}`, defaultText: 'demo' },
    token: { type: 'string', description: 'bot token to accept instead of a generated one' },
    'no-rate-limits': { type: 'boolean', description: 'turn every REST rate limit off' },
    'heartbeat-interval': { type: 'number', description: 'gateway heartbeat_interval in ms', defaultText: '41250' },
    'tls-key': { type: 'string', description: 'PEM private key file: serve https/wss (needs --tls-cert)' },
    'tls-cert': { type: 'string', description: 'PEM certificate file for --tls-key' },
  },
  async run(args, context) {
    const seed = typeof args.seed === 'string' ? args.seed : 'demo';
    if (!(FAKE_DISCORD_SEEDS as readonly string[]).includes(seed)) {
      throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `--seed must be one of ${FAKE_DISCORD_SEEDS.join(', ')}, got "${seed}".`);
    }
    const heartbeat = heartbeatInterval(args['heartbeat-interval']);
    const tlsFiles = tls(args);
    const discord = await FakeDiscord.start({
      port: port(args.port),
      ...(typeof args.host === 'string' ? { host: args.host } : {}),
      ...(typeof args.token === 'string' ? { token: args.token } : {}),
      ...(args['no-rate-limits'] === true ? { rateLimits: false } : {}),
      ...(heartbeat === undefined ? {} : { gateway: { heartbeatIntervalMs: heartbeat } }),
      ...(tlsFiles === undefined ? {} : { tls: tlsFiles }),
    });
    const seeded = seedWorld(discord, seed);
    context.stdout(`Fake Discord is running (seed "${seed}")`);
    context.stdout(`REST URL:       ${discord.restUrl}`);
    context.stdout(`Gateway URL:    ${discord.gatewayUrl}`);
    context.stdout(`Bot token:      ${discord.token}`);
    context.stdout(`Application ID: ${discord.applicationId}`);
    for (const guild of seeded.guilds) context.stdout(`Guild:          ${guild.name} (${guild.id})`);
    for (const channel of seeded.channels) context.stdout(`Channel:        #${String(channel.name)} (${channel.id})`);
    for (const user of seeded.users) context.stdout(`User:           ${user.username} (${user.id})`);
    context.stdout('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await discord.close();
    context.stdout('Fake Discord stopped.');
    return 0;
  },
};
