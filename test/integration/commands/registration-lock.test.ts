import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ApplicationCommandsRest, RedisLockClient } from '../../../src/commands';
import { Command, CommandCatalog, CommandRegistrar, CommandsModuleError, RedisRegistrationLock, RegistrationLockLostError } from '../../../src/commands';
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

/** A Discord whose PUT takes `putMs`, and which can run something while the holder plans. */
class PausingDiscord extends SlowDiscord {
  public constructor(
    private readonly putMs: number,
    private readonly duringPlan: () => Promise<void> = async () => undefined,
  ) {
    super();
  }

  public override async getCommands(): Promise<APIApplicationCommand[]> {
    await this.duringPlan();
    return super.getCommands();
  }

  public override async putCommands(app: string, commands: RESTPostAPIApplicationCommandsJSONBody[]): Promise<APIApplicationCommand[]> {
    await sleep(this.putMs);
    return super.putCommands(app, commands);
  }
}

/** Counts the compare-and-extend calls a lock makes through this client. */
function countingRenewals(client: typeof processA): { client: RedisLockClient; renewals: () => number } {
  let renewals = 0;
  return {
    client: {
      set: (key, value, px, ttl, nx) => client.set(key, value, px, ttl, nx),
      eval: (script, numKeys, ...args) => {
        if (script.includes('PEXPIRE')) renewals += 1;
        return client.eval(script, numKeys, ...args);
      },
    },
    renewals: () => renewals,
  };
}

describe('RedisRegistrationLock renewal', () => {
  it('keeps a sync longer than the TTL exclusive: the second process waits and then writes nothing', async () => {
    // PUT alone takes 4 TTLs; without renewal the second process would get in and PUT too.
    const discord = new PausingDiscord(800);
    const ttlMs = 200;
    await Promise.all([
      new CommandRegistrar(discord, 'app-renew').sync(commands, { lock: new RedisRegistrationLock(processA, { prefix, ttlMs, retryMs: 10 }) }),
      sleep(20).then(() => new CommandRegistrar(discord, 'app-renew').sync(commands, { lock: new RedisRegistrationLock(processB, { prefix, ttlMs, retryMs: 10 }) })),
    ]);
    expect(discord.puts).toBe(1);
    expect(await processA.keys(`${prefix}app-renew`)).toEqual([]);
  });

  it('stops renewing once released', async () => {
    const counting = countingRenewals(processA);
    const lock = new RedisRegistrationLock(counting.client, { prefix, ttlMs: 150 });
    await lock.withLock('app-stop', () => sleep(400));
    const afterRelease = counting.renewals();
    expect(afterRelease).toBeGreaterThanOrEqual(5); // every 50 ms for 400 ms
    await sleep(300);
    expect(counting.renewals()).toBe(afterRelease);
    expect(await processA.get(`${prefix}app-stop`)).toBeNull();
  });

  it('detects a lost lock and aborts the sync before writing, leaving the new holder alone', async () => {
    const key = `${prefix}app-lost`;
    // While planning, the lock expires (a long pause) and another process takes it.
    const discord = new PausingDiscord(0, async () => {
      await processB.set(key, 'new-holder', 'PX', 10_000);
    });
    const sync = new CommandRegistrar(discord, 'app-lost').sync(commands, { lock: new RedisRegistrationLock(processA, { prefix, ttlMs: 200 }) });
    await expect(sync).rejects.toBeInstanceOf(RegistrationLockLostError);
    await expect(sync).rejects.toMatchObject({ code: 'OVEN_ERR_COMMANDS_LOCK_LOST' });
    await expect(sync).rejects.toThrow(/Lost the command registration lock ".*app-lost": it expired or was taken by another process\. Stopped before writing/);
    expect(discord.puts).toBe(0);
    expect(await processA.get(key)).toBe('new-holder');
  });

  it('reports the loss through the lease when the key expired while the holder was blocked', async () => {
    const lock = new RedisRegistrationLock(processA, { prefix, ttlMs: 100 });
    const seen = await lock.withLock('app-blocked', async (lease) => {
      const blockedUntil = Date.now() + 250; // blocks the event loop past the TTL: no renewal can run
      while (Date.now() < blockedUntil);
      return { lostBefore: lease.lost, confirm: await lease.confirm().then(() => 'held', (error: unknown) => error) };
    });
    expect(seen.lostBefore).toBe(true);
    expect(seen.confirm).toBeInstanceOf(RegistrationLockLostError);
  });

  it('refuses a renewal period that is not shorter than the TTL', () => {
    expect(() => new RedisRegistrationLock(processA, { ttlMs: 100, renewEveryMs: 100 })).toThrow(CommandsModuleError);
    expect(() => new RedisRegistrationLock(processA, { ttlMs: 0 })).toThrow(/0 < renewEveryMs < ttlMs/);
  });
});
