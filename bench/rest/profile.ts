import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Routes } from 'discord-api-types/v10';
import { RestClient } from '../../src/rest';
import type { FakeCommand, FakeWorld } from './fake-process';

/**
 * OvenJS alone on the benchmark's narrow mix (fake in its own process, limits off), for
 * `node --cpu-prof -r ts-node/register/transpile-only bench/rest/profile.ts [rounds] [channels]`:
 * the profile then holds the client's per-request cost and nothing of the other library.
 */
async function run(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const channels = Number(process.argv[3] ?? 5);
  const child = fork(join(__dirname, 'fake-process.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: 'inherit' });
  const ask = <T>(command: FakeCommand): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (reply: T) => resolve(reply));
      child.send(command);
    });
  const world = await ask<FakeWorld>({ cmd: 'start', options: { port: 0, rateLimits: false, recordRequests: 0 }, channels, guilds: 2 });
  const count = 3000;
  for (let round = 0; round < rounds; round += 1) {
    const rest = new RestClient({ token: world.token, baseURL: world.restUrl, globalRequestsPerSecond: 100_000 });
    await rest.get(Routes.user());
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const channel = world.channels[index % world.channels.length]!;
        const kind = Math.floor(index / world.channels.length) % 10;
        if (kind < 6) return rest.post(Routes.channelMessages(channel), { body: { content: `bench ${index}` } });
        if (kind < 8) return rest.get(Routes.channel(channel));
        return rest.get(Routes.guild(world.guilds[index % world.guilds.length]!));
      }),
    );
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    console.log(`round ${round}: ${((count / ms) * 1000).toFixed(0)} req/s, ${((used.user + used.system) / count).toFixed(1)} us CPU/request`);
    await rest.close();
  }
  await ask({ cmd: 'stop' });
}

void run();
