import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { APIApplicationCommand, GatewayInteractionCreateDispatch } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { Command, CommandsModule } from '../../../src/commands';
import { Injectable, Module, OvenFactory } from '../../../src/di';
import { APP_ID, RecordingRest, slash } from '../interaction-fixtures';

@Injectable()
class PingCommands {
  @Command({ name: 'ping', description: 'Pong' })
  public ping(): string {
    return 'Pong!';
  }
}

/** Never asked for commands here (register: false); answers like an empty application would. */
class CommandsRecordingRest extends RecordingRest {
  public async getCommands(): Promise<APIApplicationCommand[]> {
    return [];
  }
  public async putCommands(): Promise<APIApplicationCommand[]> {
    return [];
  }
}

function dispatch(): GatewayInteractionCreateDispatch {
  return { op: 0, t: GatewayDispatchEvents.InteractionCreate, s: 1, d: slash('ping') };
}

describe('CommandsExplorer and a Client that outlives the application', () => {
  it('routes the Client\'s interactions while the app runs and removes its listener on close', async () => {
    // Made outside the app (shared, say, by a process hosting several apps); never logged in.
    const client = new Client({ token: 'not-used', intents: 0, cache: false });
    const rest = new CommandsRecordingRest();

    @Module({
      imports: [CommandsModule.forRoot({ rest, applicationId: APP_ID, register: false })],
      providers: [PingCommands, { provide: Client, useValue: client }],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.init();
    try {
      expect(client.pipeline.handlerCount(GatewayDispatchEvents.InteractionCreate)).toBe(1);
      client.pipeline.push(dispatch(), 0);
      await rest.waitFor((call) => call.kind === 'callback');
      expect(rest.calls).toHaveLength(1);
    } finally {
      await app.close();
    }
    expect(client.pipeline.handlerCount(GatewayDispatchEvents.InteractionCreate)).toBe(0);
    client.pipeline.push(dispatch(), 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rest.calls).toHaveLength(1);
    await client.destroy();
  });

  it('removes its ready hook (the one that registers commands) from the Client on close', async () => {
    const client = new Client({ token: 'not-used', intents: 0, cache: false });
    const added = jest.spyOn(client, 'addReadyHook');
    const removed = jest.spyOn(client, 'removeReadyHook');

    @Module({
      imports: [CommandsModule.forRoot({ rest: new CommandsRecordingRest(), applicationId: APP_ID })],
      providers: [PingCommands, { provide: Client, useValue: client }],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.init();
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
    await app.close();
    const [phase, hook] = added.mock.calls[0] ?? [];
    expect(removed.mock.calls).toEqual([[phase, hook]]);
    expect(removed.mock.results[0]?.value).toBe(true);
    await client.destroy();
  });
});
