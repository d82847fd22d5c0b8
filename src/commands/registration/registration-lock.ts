import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandsModuleError } from '../command-errors';

/**
 * Serialises command registration between processes, so that several instances starting
 * together (a rolling deploy, shards in separate processes) do not each overwrite the commands:
 * the first one syncs, the others wait, then find nothing to change.
 */
export interface RegistrationLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The subset of an ioredis client the lock uses. */
export interface RedisLockClient {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX'): Promise<'OK' | null>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

const PTTL = `return redis.call('PTTL', KEYS[1])`;

// Deletes the key only if this holder still owns it, so an expired holder cannot free the lock
// a newer holder took.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * A `RegistrationLock` in Redis (`SET NX PX` with an owner token). The TTL bounds how long a
 * crashed holder blocks the others.
 *
 * @example
 * ```ts
 * await registrar.sync(commands, { lock: new RedisRegistrationLock(redis) });
 * ```
 */
export class RedisRegistrationLock implements RegistrationLock {
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly waitMs: number;
  private readonly prefix: string;

  public constructor(
    private readonly redis: RedisLockClient,
    options: { ttlMs?: number; retryMs?: number; waitMs?: number; prefix?: string } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.retryMs = options.retryMs ?? 100;
    this.waitMs = options.waitMs ?? 60_000;
    this.prefix = options.prefix ?? 'ovenjs:register-lock:';
  }

  public async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const fullKey = this.prefix + key;
    const deadline = Date.now() + this.waitMs;
    while ((await this.redis.set(fullKey, token, 'PX', this.ttlMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) {
        // The holder chose its own TTL: report what is left of it rather than ours.
        const left = Number(await this.redis.eval(PTTL, 1, fullKey));
        const expiry = left > 0 ? `expires in ${left} ms` : left === -1 ? 'never expires (it has no TTL: delete the key)' : 'has just been released';
        throw new CommandsModuleError(
          `Waited ${this.waitMs} ms for the command registration lock "${fullKey}" held by another process. If that process crashed, the lock ${expiry}; otherwise raise waitMs.`,
        );
      }
      await sleep(this.retryMs);
    }
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE, 1, fullKey, token);
    }
  }
}
