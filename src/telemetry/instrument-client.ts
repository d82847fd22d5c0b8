import type { Client } from '../client';
import { instrumentEvents } from './instrument-events';
import { instrumentGateway } from './instrument-gateway';
import { instrumentRest } from './instrument-rest';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Which parts of a Client {@link instrumentClient} covers; each defaults to true. */
export interface ClientTelemetryOptions extends TelemetryOptions {
  /** REST spans and metrics on `client.rest`. */
  readonly rest?: boolean;
  /** Event spans on `client.pipeline` and shard metrics on `client.gateway`. */
  readonly gateway?: boolean;
}

/**
 * {@link instrumentRest}, {@link instrumentEvents} and {@link instrumentGateway} on one Client's
 * `rest`, `pipeline` and `gateway`, for bots without the DI module. Returns one function that
 * detaches all of them.
 *
 * @example
 * ```ts
 * const client = new Client({ token, intents });
 * const detach = instrumentClient(client, { tracer: trace.getTracer('my-bot'), meter: metrics.getMeter('my-bot') });
 * await client.login();
 * ```
 */
export function instrumentClient(client: Client, options: ClientTelemetryOptions): () => void {
  const where = 'instrumentClient';
  checkTarget(client, where, 'a Client', ['on', 'login']);
  checkTelemetryOptions(options, where);
  const detachers: (() => void)[] = [];
  if (options.rest !== false) detachers.push(instrumentRest(client.rest, options));
  if (options.gateway !== false) {
    detachers.push(instrumentEvents(client.pipeline, options));
    detachers.push(instrumentGateway(client.gateway, options));
  }
  return () => {
    for (const detach of detachers.splice(0)) detach();
  };
}
