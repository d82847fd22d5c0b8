import { Routes, type RESTGetAPIGatewayBotResult, type RESTGetAPIGatewayResult } from 'discord-api-types/v10';
import { pass, type CallOptions, type RestCaller } from './rest-caller';

/**
 * Gateway discovery, used by the Client before connecting its shards.
 *
 * @example
 * ```ts
 * const { url, shards, session_start_limit } = await rest.gateway.bot();
 * ```
 */
export class GatewayApi {
  public constructor(private readonly rest: RestCaller) {}

  /** The gateway URL, the recommended shard count and the session start limit of this bot. */
  public bot(options?: CallOptions): Promise<RESTGetAPIGatewayBotResult> {
    return this.rest.request('GET', Routes.gatewayBot(), pass(options));
  }

  /** The gateway URL alone; needs no token. */
  public get(options?: CallOptions): Promise<RESTGetAPIGatewayResult> {
    return this.rest.request('GET', Routes.gateway(), pass(options, { auth: false }));
  }
}
