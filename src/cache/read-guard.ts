interface Active {
  readers: number;
  version: number;
}

/** One read in progress, from `begin` to `end`. */
export interface ReadTicket {
  readonly key: string;
  readonly active: Active;
  readonly version: number;
}

/**
 * Tells a read whether its key was written or invalidated while it was waiting on a lower tier, in
 * which case the value it found may be the old one and must not be copied into the upper tiers.
 * Only keys being read are tracked, so memory stays proportional to concurrent reads.
 */
export class ReadGuard {
  private readonly active = new Map<string, Active>();

  public begin(key: string): ReadTicket {
    let active = this.active.get(key);
    if (active === undefined) {
      active = { readers: 0, version: 0 };
      this.active.set(key, active);
    }
    active.readers += 1;
    return { key, active, version: active.version };
  }

  public isFresh(ticket: ReadTicket): boolean {
    return ticket.active.version === ticket.version;
  }

  public end(ticket: ReadTicket): void {
    ticket.active.readers -= 1;
    if (ticket.active.readers === 0) this.active.delete(ticket.key);
  }

  public changed(keys: Iterable<string>): void {
    for (const key of keys) {
      const active = this.active.get(key);
      if (active !== undefined) active.version += 1;
    }
  }

  public changedPrefix(prefix: string): void {
    for (const [key, active] of this.active) if (key.startsWith(prefix)) active.version += 1;
  }
}
