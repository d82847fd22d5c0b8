import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { Command, CommandsModule, routeRest } from '../../../src/commands';
import { Injectable, Module, OvenFactory } from '../../../src/di';
import { FakeDiscord } from '../../../src/testing';

@Injectable()
class PingCommands {
  @Command({ name: 'ping', description: 'Pong' })
  public ping(): string {
    return 'Pong!';
  }
}

describe('CommandsModule with a Client that outlives the application', () => {
  it('neither registers at the Client\'s later login nor answers its interactions once the app closed', async () => {
    const discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 500, identifyIntervalMs: 0 } });
    const client = new Client({
      token: discord.token,
      intents: GatewayIntentBits.Guilds,
      rest: { baseURL: discord.restUrl },
      gateway: { identifyIntervalMs: 0 },
    });
    try {
      @Module({
        imports: [CommandsModule.forRoot({ rest: routeRest(client.rest), applicationId: discord.applicationId, log: () => undefined })],
        providers: [PingCommands, { provide: Client, useValue: client }],
      })
      class AppModule {}

      // Bootstrapped (listener and ready hook installed) but closed before the Client logs in.
      const app = await OvenFactory.create(AppModule);
      await app.init();
      await app.close();

      await client.login();
      expect(discord.requests().filter((r) => r.method === 'PUT')).toEqual([]);
      expect(discord.commands()).toEqual([]);
    } finally {
      await client.destroy();
      await discord.close();
    }
  });
});
