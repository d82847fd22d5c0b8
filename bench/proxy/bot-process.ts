import { RestClient } from '../../src/rest';
import { now, serve } from './child';
import { requestMix, type World } from './request-mix';

/** One bot process (a shard, a worker): its own RestClient, pointed at Discord or at the proxy. */
export type BotCommand =
  // 'off': behind a proxy, which keeps the global limit, the client's own gate is turned off (Infinity, which IPC's JSON cannot carry).
  | { cmd: 'prepare'; baseURL: string; world: World; count: number; globalRequestsPerSecond: number | 'off' }
  | { cmd: 'burst' }
  | { cmd: 'latency'; count: number }
  | { cmd: 'close' }
  | { cmd: 'stop' };

/** What a burst reports: absolute start and end, CPU used, requests that failed. */
export interface BurstResult {
  start: number;
  end: number;
  cpuMicros: number;
  failed: number;
  firstError?: string;
}

let rest: RestClient | undefined;
let world: World | undefined;
let count = 0;

serve<BotCommand>(async (command) => {
  if (command.cmd === 'prepare') {
    await rest?.close();
    rest = new RestClient({
      token: command.world.token,
      baseURL: command.baseURL,
      globalRequestsPerSecond: command.globalRequestsPerSecond === 'off' ? Infinity : command.globalRequestsPerSecond,
    });
    world = command.world;
    count = command.count;
    // Opens the connection outside the timed burst, on a route the mix does not use.
    await rest.get('/users/@me');
    return { ready: true };
  }
  if (command.cmd === 'burst') {
    const client = rest!;
    const calls = requestMix(world!, count);
    let failed = 0;
    let firstError: string | undefined;
    const cpu = process.cpuUsage();
    const start = now();
    await Promise.all(
      calls.map((call) =>
        client.request(call.method, call.route, call.body === undefined ? {} : { body: call.body }).catch((error: unknown) => {
          failed += 1;
          firstError ??= String(error);
        }),
      ),
    );
    const end = now();
    const used = process.cpuUsage(cpu);
    const result: BurstResult = { start, end, cpuMicros: used.user + used.system, failed, ...(firstError === undefined ? {} : { firstError }) };
    return result;
  }
  if (command.cmd === 'latency') {
    // One request at a time: the hop's added latency, nothing queued behind anything.
    const client = rest!;
    const channel = world!.channels[0]!;
    const samples: number[] = [];
    for (let index = 0; index < command.count; index += 1) {
      const start = performance.now();
      await client.get(`/channels/${channel}`);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return { medianMs: samples[Math.floor(samples.length / 2)]!, p95Ms: samples[Math.floor(samples.length * 0.95)]! };
  }
  await rest?.close();
  rest = undefined;
  return { closed: true };
});
