/** One `whileHandled` subscription: its attach function and, while attached, how to undo it. */
interface HandledWatcher {
  readonly attach: () => () => void;
  detach: (() => void) | undefined;
}

/**
 * The lazy subscriptions of `whileHandled`: each is attached while its hook point has at least
 * one handler and detached when the last one goes.
 */
export class HandledWatchers {
  private readonly watchers = new Map<string, Set<HandledWatcher>>();

  /** Starts watching `name`, attaching now if it is `handled`; returns the stop function. */
  public watch(name: string, attach: () => () => void, handled: boolean): () => void {
    const watcher: HandledWatcher = { attach, detach: undefined };
    let set = this.watchers.get(name);
    if (set === undefined) {
      set = new Set();
      this.watchers.set(name, set);
    }
    set.add(watcher);
    if (handled) watcher.detach = attach();
    return () => {
      this.watchers.get(name)?.delete(watcher);
      const detach = watcher.detach;
      watcher.detach = undefined;
      detach?.();
    };
  }

  /** Called when `name` got its first handler (`true`) or lost its last (`false`). */
  public notify(name: string, handled: boolean): void {
    const set = this.watchers.get(name);
    if (set === undefined) return;
    for (const watcher of [...set]) {
      if (handled && watcher.detach === undefined) watcher.detach = watcher.attach();
      else if (!handled && watcher.detach !== undefined) {
        const detach = watcher.detach;
        watcher.detach = undefined;
        detach();
      }
    }
  }
}
