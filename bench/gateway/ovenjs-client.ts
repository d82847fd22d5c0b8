import 'reflect-metadata';
import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { OnEvent, OvenModule } from '../../src/client';
import { Injectable, Module, OvenFactory } from '../../src/di';
import { INTENTS, type ThroughputInput } from './worker-input';

/**
 * OvenJS as a bot uses it: OvenModule with the default cache (or none, to show what the cache
 * costs apart from the pipeline and DI) and one `@OnEvent('messageCreate')` handler.
 */
export async function startOvenJs(input: ThroughputInput, onMessage: () => void, transport: 'lean' | 'ws', cache = true): Promise<() => Promise<void>> {
  @Injectable()
  class Counter {
    @OnEvent('messageCreate')
    public onMessage(message: GatewayMessageCreateDispatchData): void {
      if (message.content.length > 0) onMessage();
    }
  }

  @Module({
    imports: [
      OvenModule.forRoot({
        token: input.token,
        intents: INTENTS,
        rest: { baseURL: input.restUrl },
        ...(cache ? {} : { cache: false as const }),
        gateway: { identifyIntervalMs: 0, transport, totalShards: input.totalShards, shards: [input.shardId] },
        ...(input.replayLogSize === undefined ? {} : { pipeline: { replayLogSize: input.replayLogSize } }),
      }),
    ],
    providers: [Counter],
  })
  class BenchModule {}

  const app = await OvenFactory.create(BenchModule, { logger: false });
  await app.listen();
  return () => app.close();
}
