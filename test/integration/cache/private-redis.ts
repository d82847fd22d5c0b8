import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A redis-server of the test's own, on a Unix socket (no TCP port at all), that the test can kill
 * and start again to see what a real Redis restart does to its clients: the shared Redis of the
 * machine must not be restarted under other tests.
 */
export class PrivateRedis {
  public readonly path: string;
  private readonly dir: string;
  private process: ChildProcess | undefined;

  public constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'oven-redis-'));
    this.path = join(this.dir, 'redis.sock');
  }

  /** Starts the server (again) and resolves once it accepts connections. */
  public async start(): Promise<void> {
    // A second start() without kill() would otherwise orphan the first server (it outlives jest).
    await this.kill();
    const child = spawn('redis-server', ['--port', '0', '--unixsocket', this.path, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.process = child;
    const deadline = Date.now() + 10_000;
    while (!(await this.accepts())) {
      if (exited(child)) throw new Error(`redis-server exited with ${child.exitCode ?? child.signalCode}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error('redis-server did not start within 10 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Kills the server at once (SIGKILL, as a crash would) and waits for it to be gone. */
  public async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    // A server that died of a signal has exitCode null but will never emit 'exit' again: waiting
    // for it would hang close() (and the jest worker) for good.
    if (child !== undefined && !exited(child)) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    rmSync(this.path, { force: true });
  }

  public async close(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.path);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
