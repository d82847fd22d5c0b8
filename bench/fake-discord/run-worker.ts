import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/** Starts a `.worker.ts` file of this folder through ts-node, as `npm run bench` runs the main thread. */
export function startWorker(file: string, workerData: unknown): Worker {
  return new Worker(join(__dirname, file), {
    workerData,
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
}

/** Resolves with the first message of `type` the worker posts (or of any type when omitted). */
export function nextMessage<T>(worker: Worker, type?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }): void => {
      if (type !== undefined && message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message as T);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
