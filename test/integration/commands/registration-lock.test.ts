import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ApplicationCommandsRest } from '../../../src/commands';
import { Command, CommandCatalog, CommandRegistrar, CommandsModuleError, RedisRegistrationLock } from '../../../src/commands';
import { redisProcesses } from '../../support/redis-processes';

const prefix = `oven:test:register-lock:${randomUUID()}:`;
// Two clients stand for two bot processes sharing one Redis.
const { processA, processB } = redisProcesses(prefix);

/** Discord's command store, shared by both "processes", with a slow PUT to widen the race. */
class SlowDiscord implements ApplicationCommandsRest {
  public puts = 0;
  private stored: APIApplicationCommand[] = [];

  public async getCommands(): Promise<APIApplicationCommand[]> {
    return structuredClone(this.stored);
  }

  public async putCommands(app: string, commands: RESTPostAPIApplicationCommandsJSONBody[]): Promise<APIApplicationCommand[]> {
    this.puts += 1;
    await sleep(50);
    this.stored = commands.map((c, i) => ({ ...structuredClone(c), id: String(i + 1), application_id: app, version: '1' }) as unknown as APIApplicationCommand);
    return this.stored;
  }
}

class Ping {
  @Command({ name: 'ping', description: 'Pong' })
  ping() {
    return 'pong';
  }
}

const commands = CommandCatalog.fromClasses([Ping]).commands;

describe('RedisRegistrationLock', () => {
  it('lets two processes starting together overwrite the commands only once', async () => {
    const discord = new SlowDiscord();
    const a = new CommandRegistrar(discord, 'app-1');
    const b = new CommandRegistrar(discord, 'app-1');
    await Promise.all([
      a.sync(commands, { lock: new RedisRegistrationLock(processA, { prefix, retryMs: 10 }) }),
      b.sync(commands, { lock: new RedisRegistrationLock(processB, { prefix, retryMs: 10 }) }),
    ]);
    expect(discord.puts).toBe(1);
    expect(await processA.keys(`${prefix}*`)).toEqual([]);
  });

  it('without the lock both would overwrite', async () => {
    const discord = new SlowDiscord();
    await Promise.all([new CommandRegistrar(discord, 'app-2').sync(commands), new CommandRegistrar(discord, 'app-2').sync(commands)]);
    expect(discord.puts).toBe(2);
  });

  it('gives up with a typed error when the holder never releases', async () => {
    await processA.set(`${prefix}app-3`, 'someone-else', 'PX', 10_000);
    const lock = new RedisRegistrationLock(processB, { prefix, retryMs: 10, waitMs: 50 });
    let ran = false;
    const refused = lock.withLock('app-3', async () => {
      ran = true;
      return 'never';
    });
    await expect(refused).rejects.toBeInstanceOf(CommandsModuleError);
    // The holder's own TTL (10 s), not this lock's default (30 s).
    await expect(refused).rejects.toThrow(/held by another process\. If that process crashed, the lock expires in (9\d{3}|10000) ms/);
    expect(ran).toBe(false);
    expect(await processA.get(`${prefix}app-3`)).toBe('someone-else');
  });
});
