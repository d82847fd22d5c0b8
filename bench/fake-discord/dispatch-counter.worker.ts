import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

// Runs in its own thread so the client does not steal the server's event loop.
interface CounterInput {
  readonly url: string;
  readonly count: number;
  /** Identify payload for the fake; absent for the bare baseline, which starts on any message. */
  readonly identify?: unknown;
}

const { url, count, identify } = workerData as CounterInput;
const port = parentPort;
if (port === null) throw new Error('dispatch-counter.worker.ts must run as a worker thread');
const PREFIX = '{"t":"TYPING_START","s":';
const ws = new WebSocket(url, { perMessageDeflate: false });
let received = 0;
let startedAt = 0;
let lastFrame = '';

ws.on('close', (code) => {
  if (received < count) port.postMessage({ type: 'done', error: `closed with ${code} after ${received} of ${count} dispatches` });
});
ws.on('open', () => {
  if (identify === undefined) {
    ws.send('start');
    port.postMessage({ type: 'ready' });
  }
});
ws.on('message', (data: Buffer) => {
  const head = data.toString('latin1', 0, PREFIX.length);
  if (head !== PREFIX) {
    const frame = JSON.parse(data.toString('utf8')) as { op: number; t: string | null };
    if (identify !== undefined && frame.op === 10) ws.send(JSON.stringify({ op: 2, d: identify }));
    else if (frame.t === 'READY') port.postMessage({ type: 'ready' });
    return;
  }
  if (received === 0) startedAt = performance.now();
  received += 1;
  if (received === count) {
    lastFrame = data.toString('utf8');
    const elapsedMs = performance.now() - startedAt;
    port.postMessage({ type: 'done', elapsedMs, lastSeq: (JSON.parse(lastFrame) as { s: number }).s });
    ws.close();
  }
});
