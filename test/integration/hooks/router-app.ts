import { CommandRegistrar, CommandRouter, routeRest } from '../../../src/commands';
import { Module, OvenFactory, type OvenApplication, type Provider } from '../../../src/di';
import { HooksModule, type HookManagerOptions } from '../../../src/hooks';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

/** A DI app with HooksModule around a real CommandRouter, its commands registered in the fake Discord. */
export interface RouterApp {
  readonly discord: FakeDiscord;
  readonly rest: RestClient;
  readonly router: CommandRouter;
  readonly app: OvenApplication;
  /** A guild text channel and a member of that guild to invoke commands as. */
  readonly channelId: string;
  readonly userId: string;
  close(): Promise<void>;
}

/**
 * Starts a fake Discord, a RestClient and a router with `handlers`, and an app providing them with
 * `providers` beside; `init()`s it and syncs the router's commands.
 */
export async function startRouterApp(handlers: readonly Function[], providers: Provider[], hooks: HookManagerOptions = {}): Promise<RouterApp> {
  const discord = await FakeDiscord.start({ port: 0 });
  const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
  const router = new CommandRouter({ rest: routeRest(rest) }).register(handlers);
  let app: OvenApplication | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await rest.close();
    await discord.close();
  };
  try {
    @Module({
      imports: [HooksModule.forRoot(hooks)],
      providers: [...providers, { provide: RestClient, useValue: rest }, { provide: CommandRouter, useValue: router }],
    })
    class AppModule {}

    app = await OvenFactory.create(AppModule);
    await app.init();
    await new CommandRegistrar(routeRest(rest), discord.applicationId).sync(router.catalog.commands);
    const guild = discord.createGuild({ name: 'g' });
    const channelId = discord.createChannel(guild.id, { name: 'c' }).id;
    const userId = discord.createUser({ username: 'erin' }).id;
    discord.addMember(guild.id, userId);
    return { discord, rest, router, app, channelId, userId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
