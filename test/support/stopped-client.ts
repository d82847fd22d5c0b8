import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../src/client';

/** A Client whose login stops at `GET /gateway/bot`, recording the intents the gateway got. */
export function stoppedClient(totalShards?: number): { client: Client; reached: number[] } {
  const reached: number[] = [];
  const client: Client = new Client({
    token: 'token',
    intents: GatewayIntentBits.Guilds,
    rest: { baseURL: 'http://127.0.0.1:9/api' },
    gateway: {
      ...(totalShards === undefined ? {} : { totalShards }),
      fetchGatewayInfo: async () => {
        reached.push(client.gateway.intents);
        throw new Error('stopped before connecting');
      },
    },
  });
  return { client, reached };
}
