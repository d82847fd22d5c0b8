import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandsModuleError, RegistrationLockLostError } from '../command-errors';

/**
 * What the code running under a registration lock gets: a way to make sure the lock is still
 * its own right before a write, so that a holder that lost it (a pause longer than the TTL)
 * stops instead of racing the process that took over.
 */
export interface LockLease {
  /** Extends the lock and resolves if it is still held; rejects with `RegistrationLockLostError` otherwise. */
  confirm(): Promise<void>;
  /** True once the lock is known to be lost. */
  readonly lost: boolean;
}

/**
 * Serialises command registration between processes, so that several instances starting
 * together (a rolling deploy, shards in separate processes) do not each overwrite the commands:
 * the first one syncs, the others wait, then find nothing to change.
 */
export interface RegistrationLock {
  withLock<T>(key: string, fn: (lease: LockLease) => Promise<T>): Promise<T>;
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

// Extends the TTL only if this holder still owns the key: an expired holder must not extend the
// lock of the process that took over.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A `RegistrationLock` in Redis (`SET NX PX` with an owner token). The TTL bounds how long a
 * crashed holder blocks the others; a live holder renews it every third of the TTL, so a sync
 * may take longer than the TTL. If a renewal finds the key gone or owned by someone else, the
 * lease is lost and the registrar stops before its next write with `RegistrationLockLostError`.
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
  private readonly renewMs: number;
  private readonly prefix: string;

  public constructor(
    private readonly redis: RedisLockClient,
    options: { ttlMs?: number; retryMs?: number; waitMs?: number; prefix?: string; renewEveryMs?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.retryMs = options.retryMs ?? 100;
    this.waitMs = options.waitMs ?? 60_000;
    this.prefix = options.prefix ?? 'ovenjs:register-lock:';
    this.renewMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    if (!(this.ttlMs > 0) || !(this.renewMs > 0) || this.renewMs >= this.ttlMs) {
      throw new CommandsModuleError(
        `RedisRegistrationLock needs 0 < renewEveryMs < ttlMs (got ttlMs ${this.ttlMs}, renewEveryMs ${this.renewMs}); renewing no sooner than the TTL lets the lock expire while held.`,
      );
    }
  }

  public async withLock<T>(key: string, fn: (lease: LockLease) => Promise<T>): Promise<T> {
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
    const lease = new RedisLease(this.redis, fullKey, token, this.ttlMs);
    const timer = setInterval(() => void lease.renew(), this.renewMs);
    // Renewal must not keep a process alive on its own; withLock's caller is what waits.
    timer.unref();
    try {
      return await fn(lease);
    } finally {
      clearInterval(timer);
      lease.release();
      // Compare-and-delete, so also safe after a loss: it frees the key only if still ours.
      await this.redis.eval(RELEASE, 1, fullKey, token);
    }
  }
}

/** One holding of the lock: renews it, and knows when it was lost. */
class RedisLease implements LockLease {
  private lostReason: string | undefined;
  private released = false;
  // The time until which the lock is certainly ours, by our clock: the start of the last
  // successful extension plus the TTL. Past it, a renewal that failed to reach Redis means lost.
  private validUntil: number;

  public constructor(
    private readonly redis: RedisLockClient,
    private readonly key: string,
    private readonly token: string,
    private readonly ttlMs: number,
  ) {
    this.validUntil = Date.now() + ttlMs;
  }

  public get lost(): boolean {
    return this.lostReason !== undefined || Date.now() >= this.validUntil;
  }

  public release(): void {
    this.released = true;
  }

  /** One compare-and-extend; records a loss instead of throwing (it runs from a timer). */
  public async renew(): Promise<void> {
    if (this.released || this.lostReason !== undefined) return;
    const started = Date.now();
    try {
      const extended = Number(await this.redis.eval(EXTEND, 1, this.key, this.token, this.ttlMs));
      if (this.released) return;
      if (extended === 1) this.validUntil = started + this.ttlMs;
      else this.lostReason = 'it expired or was taken by another process';
    } catch (error) {
      // Redis unreachable: the lock may still be ours until validUntil, so this is not yet a loss.
      if (Date.now() >= this.validUntil) this.lostReason = `it could not be renewed (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  public async confirm(): Promise<void> {
    await this.renew();
    if (this.lost) {
      throw new RegistrationLockLostError(
        `Lost the command registration lock "${this.key}": ${this.lostReason ?? `it was not renewed within its ${this.ttlMs} ms TTL`}. Stopped before writing so two processes do not overwrite the commands at once; sync again (it will wait for the new holder), or raise ttlMs if the process pauses for long.`,
      );
    }
  }
}
