/**
 * Which change id each recently applied seq of the shared log held. If a message later arrives at
 * one of those seqs with another id, the log was rewritten: the medium lost data and instances
 * appended again from an earlier seq.
 */
export class RecentLogIds {
  private readonly ids = new Map<number, string>();

  public constructor(private readonly limit = 256) {}

  public remember(seq: number, id: string): void {
    this.ids.set(seq, id);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.keys().next().value as number);
  }

  public get(seq: number): string | undefined {
    return this.ids.get(seq);
  }

  /** After a resync the seqs held no longer describe the log. */
  public clear(): void {
    this.ids.clear();
  }
}
