import type { HookEntry } from './hook-entry';
import { HookError } from './hook.error';
import type { HookRegisterOptions } from './hook-registration';

/**
 * The handlers registered on each hook point, in run order. Tells `onHandledChange` when a point
 * gets its first handler or loses its last, so lazy subscriptions can follow.
 */
export class HookHandlerRegistry {
  // Copy-on-write arrays: an execute already running keeps the chain it started with.
  private readonly handlers = new Map<string, readonly HookEntry[]>();
  private seq = 0;

  public constructor(private readonly onHandledChange: (name: string, handled: boolean) => void) {}

  /** Validates and adds a handler; the point name must already be known. */
  public add(name: string, handler: unknown, options: HookRegisterOptions): HookEntry {
    if (typeof handler !== 'function') {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_HANDLER',
        `The handler given for hook "${name}" is ${handler === null ? 'null' : typeof handler}, not a function.`,
      );
    }
    const priority = options.priority ?? 0;
    if (typeof priority !== 'number' || !Number.isFinite(priority)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_PRIORITY',
        `The priority given for hook "${name}" is ${String(priority)}; use a finite number (higher runs first).`,
      );
    }
    this.seq += 1;
    const entry: HookEntry = {
      hook: name,
      handler: handler as HookEntry['handler'],
      priority,
      owner: options.owner,
      label: options.label ?? (handler.name !== '' ? handler.name : `anonymous#${this.seq}`),
      seq: this.seq,
    };
    const next = [...(this.handlers.get(name) ?? []), entry].sort(
      (a, b) => b.priority - a.priority || a.seq - b.seq,
    );
    this.handlers.set(name, next);
    if (next.length === 1) this.onHandledChange(name, true);
    return entry;
  }

  /** Removes the handlers of `name` that `match` picks; returns how many. */
  public remove(name: string, match: (entry: HookEntry) => boolean): number {
    const current = this.handlers.get(name) ?? [];
    const kept = current.filter((entry) => !match(entry));
    if (kept.length === current.length) return 0;
    if (kept.length === 0) {
      this.handlers.delete(name);
      this.onHandledChange(name, false);
    } else this.handlers.set(name, kept);
    return current.length - kept.length;
  }

  /** Removes every handler registered with this owner, on every hook; returns how many. */
  public removeOwner(owner: string): number {
    let removed = 0;
    for (const name of [...this.handlers.keys()]) removed += this.remove(name, (entry) => entry.owner === owner);
    return removed;
  }

  public has(name: string): boolean {
    return (this.handlers.get(name)?.length ?? 0) > 0;
  }

  /** The handlers of `name` in run order (a snapshot: later changes make a new array). */
  public entries(name: string): readonly HookEntry[] {
    return this.handlers.get(name) ?? [];
  }
}
