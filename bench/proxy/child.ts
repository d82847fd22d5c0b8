import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A benchmark helper process driven by request/answer messages, one question at a time. */
export class Child<C extends { cmd: string }> {
  private readonly child: ChildProcess;

  public constructor(file: string, label: string) {
    this.child = fork(join(__dirname, file), [label], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: 'inherit' });
  }

  public ask<T>(command: C): Promise<T> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`${command.cmd}: helper process exited with ${String(code)}`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: T & { error?: string }) => {
        this.child.off('exit', onExit);
        if (reply.error === undefined) resolve(reply);
        else reject(new Error(reply.error));
      });
      this.child.send(command);
    });
  }

  /** Sends `stop` (every helper answers it, then disconnects) and waits for the exit. */
  public async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask({ cmd: 'stop' } as C).catch(() => undefined);
    await exited;
  }
}

/** Answers each command of a helper with `handle`'s result, or `{ error }`. */
export function serve<C extends { cmd: string }>(handle: (command: C) => Promise<object>): void {
  process.on('message', (command: C) => {
    handle(command).then(
      (reply) => {
        process.send?.(reply);
        if (command.cmd === 'stop') process.disconnect();
      },
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
}

/** Wall-clock milliseconds comparable across processes (timeOrigin differs per process). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
