import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Routes } from 'discord-api-types/v10';
import { Pool } from 'undici';
import { RestClient } from '../../src/rest';
import type { FakeCommand, FakeWorld } from './fake-process';

interface Call {
  method: 'GET' | 'POST';
  route: `/${string}`;
  body?: string;
}

/** The benchmark's mix (see main.ts), with bodies already JSON. */
function mix(world: FakeWorld, count: number): Call[] {
  return Array.from({ length: count }, (_, index) => {
    const channel = world.channels[index % world.channels.length]!;
    const kind = Math.floor(index / world.channels.length) % 10;
    if (kind < 6) return { method: 'POST', route: Routes.channelMessages(channel), body: JSON.stringify({ content: `bench ${index}` }) };
    if (kind < 8) return { method: 'GET', route: Routes.channel(channel) };
    return { method: 'GET', route: Routes.guild(world.guilds[index % world.guilds.length]!) };
  });
}

/**
 * The floor under any client that keeps Discord's order: a bare undici Pool sending the same mix
 * one request at a time per route (no limiter, no checks, no events), the body read as text.
 */
async function bare(world: FakeWorld, calls: Call[]): Promise<void> {
  const url = new URL(world.restUrl);
  const pool = new Pool(url.origin, { connections: 128 });
  const chains = new Map<string, Promise<void>>();
  const send = async (call: Call): Promise<void> => {
    const response = await pool.request({
      path: `${url.pathname}/v10${call.route}`,
      method: call.method,
      headers: { authorization: `Bot ${world.token}`, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: call.body ?? null,
    });
    await response.body.text();
  };
  await Promise.all(
    calls.map((call) => {
      const key = call.method + call.route;
      const next = (chains.get(key) ?? Promise.resolve()).then(() => send(call));
      chains.set(key, next);
      return next;
    }),
  );
  await pool.destroy();
}

function ovenWith(pipelining: number): (world: FakeWorld, calls: Call[]) => Promise<void> {
  return async (world, calls) => {
    const rest = new RestClient({ token: world.token, baseURL: world.restUrl, globalRequestsPerSecond: 100_000, pipelining });
    await Promise.all(calls.map((call) => rest.request(call.method, call.route, call.body === undefined ? {} : { body: JSON.parse(call.body) as unknown })));
    await rest.close();
  };
}

const oven = ovenWith(1);
const oven4 = ovenWith(4);

/**
 * OvenJS (or, with `bare`, the bare-undici floor) alone on the benchmark's mix, fake in its own
 * process with limits off. For profiles:
 * `node --cpu-prof -r ts-node/register/transpile-only bench/rest/profile.ts [rounds] [channels] [oven|oven4|bare|both|pipelining]`
 * (`oven4` is OvenJS with pipelining 4; `pipelining` alternates oven and oven4). Each column also
 * shows the client's event-loop utilisation: well under 1 means it waits on round trips.
 */
async function run(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const channels = Number(process.argv[3] ?? 5);
  const which = process.argv[4] ?? 'oven';
  const child = fork(join(__dirname, 'fake-process.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: 'inherit' });
  const ask = <T>(command: FakeCommand): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (reply: T) => resolve(reply));
      child.send(command);
    });
  const world = await ask<FakeWorld>({ cmd: 'start', options: { port: 0, rateLimits: false, recordRequests: 0 }, channels, guilds: 2 });
  const count = 3000;
  const choices: Record<string, Record<string, (world: FakeWorld, calls: Call[]) => Promise<void>>> = {
    both: { oven, bare },
    bare: { bare },
    oven: { oven },
    oven4: { oven4 },
    pipelining: { oven, oven4 },
  };
  const runners = choices[which] ?? { oven };
  for (let round = 0; round < rounds; round += 1) {
    const line: string[] = [];
    for (const [name, runner] of Object.entries(runners)) {
      const calls = mix(world, count);
      const cpu = process.cpuUsage();
      const loop = performance.eventLoopUtilization();
      const start = performance.now();
      await runner(world, calls);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const utilisation = performance.eventLoopUtilization(loop).utilization;
      line.push(`${name} ${((count / ms) * 1000).toFixed(0)} req/s ${((used.user + used.system) / count).toFixed(1)} us/req ELU ${utilisation.toFixed(2)}`);
    }
    console.log(`round ${round}: ${line.join(' | ')}`);
  }
  await ask({ cmd: 'stop' });
}

void run();
