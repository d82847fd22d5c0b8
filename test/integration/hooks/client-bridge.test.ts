import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { HookManager } from '../../../src/hooks';
import { bridgeClientHooks } from '../../../src/hooks/bridges/client';
import { FakeDiscord } from '../../../src/testing';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

describe('client lifecycle hooks, fired by a real Client against the fake Discord', () => {
  let discord: FakeDiscord;
  let client: Client;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0 });
    client = new Client({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } });
  });
  afterEach(async () => {
    await client.destroy();
    await discord.close();
  });

  it('awaits beforeClientReady before login resolves, then fires afterClientReady', async () => {
    discord.createGuild({ name: 'one' });
    discord.createGuild({ name: 'two' });
    const hooks = new HookManager();
    const order: string[] = [];
    hooks.register('beforeClientReady', async ({ user, shardCount, guildCount }) => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`before ${user?.username} shards=${shardCount} guilds=${guildCount} ready=${client.isReady}`);
    });
    hooks.register('afterClientReady', () => void order.push(`after ready=${client.isReady}`));
    client.on('clientReady', () => void order.push('clientReady'));
    bridgeClientHooks(client, hooks);
    await client.login();
    expect(order).toEqual([`before ${client.user?.username} shards=1 guilds=2 ready=false`, 'clientReady', 'after ready=true']);
  });

  it('reports a throwing event handler through clientError', async () => {
    const guild = discord.createGuild({ name: 'g' });
    const channel = discord.createChannel(guild.id, { name: 'c' });
    const user = discord.createUser({ username: 'fay' });
    discord.addMember(guild.id, user.id);
    const hooks = new HookManager();
    const detach = bridgeClientHooks(client, hooks);
    const reported = new Promise<string>((resolve) => hooks.register('clientError', ({ source, message }) => resolve(`${source}: ${message}`)));
    client.on('messageCreate', function brokenHandler() {
      throw new Error('handler failed');
    });
    await client.login();
    discord.postMessage(channel.id, user.id, { content: 'hi' });
    expect(await reported).toMatch(/^EventHandlerError: .*handler failed/);
    detach();
  });

  it('removeReadyHook takes a ready hook out, and the bridge\'s detach removes its own', async () => {
    discord.createGuild({ name: 'one' });
    const order: string[] = [];
    const kept = (): void => void order.push('kept');
    const removed = (): void => void order.push('removed');
    client.addReadyHook('beforeClientReady', kept).addReadyHook('beforeClientReady', removed).addReadyHook('afterClientReady', removed);
    expect(client.removeReadyHook('beforeClientReady', removed)).toBe(true);
    expect(client.removeReadyHook('beforeClientReady', removed)).toBe(false);
    expect(client.removeReadyHook('afterClientReady', kept)).toBe(false);
    expect(client.removeReadyHook('afterClientReady', removed)).toBe(true);

    const hooks = new HookManager();
    hooks.register('beforeClientReady', () => void order.push('hook before'));
    hooks.register('afterClientReady', () => void order.push('hook after'));
    bridgeClientHooks(client, hooks)();
    await client.login();
    expect(order).toEqual(['kept']);
  });
});
