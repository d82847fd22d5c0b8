import { HookTraceLog } from './hook-trace';

/** Which hook points are traced (all, none, or a named few) and the log their traces go to. */
export class HookTracing {
  public readonly log: HookTraceLog;
  private selected: boolean | ReadonlySet<string> = false;

  public constructor(limit: number) {
    this.log = new HookTraceLog(limit);
  }

  /** Traces every point (`true`), none (`false`), or the named ones (already known points). */
  public select(enabled: boolean | readonly string[]): void {
    this.selected = typeof enabled === 'boolean' ? enabled : new Set(enabled);
  }

  public isOn(name: string): boolean {
    return this.selected === true || (this.selected !== false && this.selected.has(name));
  }
}
