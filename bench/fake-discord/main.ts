import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareWsRate, fakeGatewayRate } from './gateway-throughput';
import { median } from './run-worker';
import { bareHttpRate, fakeRestRate } from './rest-throughput';

const DISPATCHES = 300_000;
const REQUESTS = 20_000;
const ROUNDS = 3;

interface Row {
  readonly measure: string;
  readonly value: number;
  readonly baseline: string;
  readonly baselineValue: number;
  readonly unit: string;
  readonly ratio: number;
}

async function rounds(run: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) values.push(await run());
  return median(values);
}

/**
 * Fake Discord throughput against bare servers measured in the same run: gateway dispatches per
 * second to one raw `ws` client (target >= 200,000) and REST requests per second with rate limits
 * off (target >= 10,000). Clients run in worker threads so they do not share the server's loop.
 */
export async function main(): Promise<void> {
  const fakeGateway = await rounds(() => fakeGatewayRate(DISPATCHES));
  const bareWs = await rounds(() => bareWsRate(DISPATCHES, false));
  const bareWsCorked = await rounds(() => bareWsRate(DISPATCHES, true));
  const { body } = await fakeRestRate(1000);
  const fakeRest = await rounds(async () => (await fakeRestRate(REQUESTS)).rate);
  const bareHttp = await rounds(() => bareHttpRate(REQUESTS, body));

  const rows: Row[] = [
    { measure: 'fake gateway dispatches/s', value: fakeGateway, baseline: 'bare ws, one send() each', baselineValue: bareWs, unit: 'msg/s', ratio: fakeGateway / bareWs },
    { measure: 'fake gateway dispatches/s', value: fakeGateway, baseline: 'bare ws, corked batches', baselineValue: bareWsCorked, unit: 'msg/s', ratio: fakeGateway / bareWsCorked },
    { measure: 'fake REST GET /users/@me/s', value: fakeRest, baseline: 'bare node:http', baselineValue: bareHttp, unit: 'req/s', ratio: fakeRest / bareHttp },
  ];
  console.table(
    rows.map((row) => ({
      measure: row.measure,
      value: Math.round(row.value),
      baseline: row.baseline,
      'baseline value': Math.round(row.baselineValue),
      ratio: row.ratio.toFixed(2),
    })),
  );
  const outDir = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'fake-discord.json'),
    JSON.stringify({ dispatches: DISPATCHES, requests: REQUESTS, rounds: ROUNDS, targets: { gatewayPerSecond: 200_000, restPerSecond: 10_000 }, rows }, null, 2) + '\n',
  );
}
