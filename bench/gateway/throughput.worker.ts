import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { Kind } from './kinds';
import type { StartClient, ThroughputInput } from './worker-input';

// One client per worker thread, so the fake (main thread) and the client do not share a loop.
const input = workerData as ThroughputInput;
const port = parentPort;
if (port === null) throw new Error('throughput.worker.ts must run as a worker thread');

/**
 * CPU time this thread has run, in ms, from Linux's /proc/thread-self/stat (utime + stime, in
 * 10 ms ticks); undefined elsewhere. Unlike busy (wall) time, it does not stretch when a shared
 * machine leaves the thread waiting for a core.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

let received = 0;
let cpuAtStart: number | undefined;
let target = 0;
let startedAt = 0;
let busyAtStart = performance.eventLoopUtilization();
/** GC pauses of this thread during the current round: scavenges (minor) and mark-compacts (major). */
const gc = { minor: 0, major: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
    gc.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
/**
 * Called once per MESSAGE_CREATE that reached user code. Reports wall time and this thread's busy
 * time: the producer (the fake) caps the wall rate, the busy time is what the client itself spent.
 */
function count(): void {
  received++;
  if (received === target) {
    const busy = performance.eventLoopUtilization(busyAtStart);
    const cpu = threadCpuMs();
    const cpuMs = cpu === undefined || cpuAtStart === undefined ? undefined : cpu - cpuAtStart;
    port?.postMessage({ type: 'done', elapsedMs: performance.now() - startedAt, busyMs: busy.active, cpuMs, gc: { ...gc } });
  }
}

/**
 * Each kind's starter, loaded only in the thread that runs it: every worker loading OvenJS and
 * discord.js (and ts-node compiling them) made starting five clients take longer than a scenario.
 */
const STARTERS: Record<Kind, () => StartClient> = {
  raw: () => (require('./baseline-clients') as typeof import('./baseline-clients')).startRaw,
  floor: () => (require('./baseline-clients') as typeof import('./baseline-clients')).startFloor,
  ovenjs: () => (i, onMessage) => (require('./ovenjs-client') as typeof import('./ovenjs-client')).startOvenJs(i, onMessage, 'lean'),
  'ovenjs-no-cache': () => (i, onMessage) => (require('./ovenjs-client') as typeof import('./ovenjs-client')).startOvenJs(i, onMessage, 'lean', false),
  'ovenjs-ws': () => (i, onMessage) => (require('./ovenjs-client') as typeof import('./ovenjs-client')).startOvenJs(i, onMessage, 'ws'),
  discordjs: () => (require('./discordjs-client') as typeof import('./discordjs-client')).startDiscordJs,
};

async function main(): Promise<void> {
  const start = STARTERS[input.kind]();
  const stop = await start(input, count);
  port?.on('message', async (message: { type: string }) => {
    if (message.type === 'go') {
      received = 0;
      target = input.count;
      startedAt = performance.now();
      busyAtStart = performance.eventLoopUtilization();
      cpuAtStart = threadCpuMs();
      gc.minor = 0;
      gc.major = 0;
      gc.ms = 0;
      port.postMessage({ type: 'armed' });
    } else if (message.type === 'stop') {
      await stop();
      port.postMessage({ type: 'stopped' });
    }
  });
  port?.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => port.postMessage({ type: 'error', error: String(error instanceof Error ? error.stack : error) }));
