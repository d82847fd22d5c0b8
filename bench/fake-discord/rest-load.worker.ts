import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

// Keeps `inFlight` requests outstanding until `total` have completed, from its own thread.
interface LoadInput {
  readonly origin: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly total: number;
  readonly inFlight: number;
}

const { origin, path, headers, total, inFlight } = workerData as LoadInput;
const port = parentPort;
if (port === null) throw new Error('rest-load.worker.ts must run as a worker thread');
const pool = new Pool(origin, { connections: Math.min(inFlight, 16), pipelining: 1 });

async function run(): Promise<void> {
  let started = 0;
  let failed = 0;
  const begin = performance.now();
  const lane = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      const response = await pool.request({ method: 'GET', path, headers });
      if (response.statusCode !== 200) failed += 1;
      await response.body.dump();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsedMs = performance.now() - begin;
  await pool.close();
  port?.postMessage({ elapsedMs, failed });
}

void run();
