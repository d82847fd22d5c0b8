import type { Worker } from 'node:worker_threads';

/**
 * Terminates a worker whose event loop has been busy without a break for longer than the limit.
 * It samples the worker's event loop utilisation from the host thread, which keeps working while
 * the worker is stuck in a loop: a `while (true) {}` shows as 100% busy. A plugin that yields
 * (awaits, timers) between slices of work is not runaway and is left alone.
 */
export class CpuWatchdog {
  private readonly timer: NodeJS.Timeout;
  private last: ReturnType<Worker['performance']['eventLoopUtilization']>;
  private busyMs = 0;

  public constructor(
    worker: Worker,
    limitMs: number,
    onRunaway: (busyMs: number) => void,
  ) {
    this.last = worker.performance.eventLoopUtilization();
    const interval = Math.max(10, Math.min(100, Math.floor(limitMs / 5)));
    this.timer = setInterval(() => {
      const now = worker.performance.eventLoopUtilization();
      const delta = worker.performance.eventLoopUtilization(now, this.last);
      this.last = now;
      // Anything short of fully busy means the loop reached idle at least once: not a runaway.
      this.busyMs = delta.utilization >= 0.98 ? this.busyMs + delta.active : 0;
      if (this.busyMs >= limitMs) {
        this.stop();
        onRunaway(this.busyMs);
      }
    }, interval);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
  }
}
