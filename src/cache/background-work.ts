/** Where unawaited work comes from, as named in `backgroundError` events. */
export type BackgroundSource = 'event' | 'warming';

/** Work nobody awaits (event invalidations, saving access counts): failures reported, `idle()` waits for it. */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  public constructor(private readonly onError: (source: BackgroundSource, error: unknown) => void) {}

  public track(work: Promise<void>, source: BackgroundSource): void {
    const tracked = work
      .catch((error: unknown) => {
        this.onError(source, error);
      })
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Resolves when everything tracked so far, and anything it started meanwhile, is done. */
  public async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
