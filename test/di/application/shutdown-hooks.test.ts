import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Injectable, Module, OvenFactory, type BeforeApplicationShutdown } from '../../../src/di';

describe('enableShutdownHooks', () => {
  it('closes the application on the signal, passing it to the hooks, and removes its listeners', async () => {
    const signals: (string | undefined)[] = [];
    @Injectable()
    class Recorder implements BeforeApplicationShutdown {
      public beforeApplicationShutdown(signal?: string): void {
        signals.push(signal);
      }
    }
    @Module({ providers: [Recorder] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    // Our own listener stands in for "someone else handles this signal", so the process is not re-signalled.
    const bystander = (): void => undefined;
    process.on('SIGUSR2', bystander);
    const before = process.listenerCount('SIGUSR2');
    app.enableShutdownHooks(['SIGUSR2']);
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    await app.close();
    process.removeListener('SIGUSR2', bystander);
    expect(signals).toEqual(['SIGUSR2']);
    expect(process.listenerCount('SIGUSR2')).toBe(before - 1);
  });

  it('reports a failed signal-triggered close to the logger and sets a failing exit code', async () => {
    @Injectable()
    class Stubborn {
      public onModuleDestroy(): void {
        throw new Error('cannot flush');
      }
    }
    @Module({ providers: [Stubborn] })
    class AppModule {}
    const logged: [string, unknown][] = [];
    const app = await OvenFactory.create(AppModule, { logger: { error: (message, error) => logged.push([message, error]) } });
    await app.init();
    const bystander = (): void => undefined;
    process.on('SIGUSR2', bystander);
    const exitCode = process.exitCode;
    try {
      app.enableShutdownHooks(['SIGUSR2']);
      process.emit('SIGUSR2', 'SIGUSR2');
      await expect(app.close()).rejects.toMatchObject({ code: 'OVEN_ERR_DI_SHUTDOWN_FAILED' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(logged).toHaveLength(1);
      expect(logged[0]?.[0]).toBe('OvenJS: closing AppModule after a signal failed');
      expect((logged[0]?.[1] as Error).message).toContain('Stubborn.onModuleDestroy() in AppModule');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
      process.removeListener('SIGUSR2', bystander);
    }
  });

  it('close() removes the signal listeners it installed', async () => {
    @Module({})
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const before = process.listenerCount('SIGTERM');
    app.enableShutdownHooks();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await app.close();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('a real SIGTERM runs the async shutdown hooks, then the process ends by that signal', async () => {
    const root = join(__dirname, '..', '..', '..');
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'fixtures', 'signal-app.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    let result: { code: number | null; signal: NodeJS.Signals | null };
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`child exited before ready: ${errors}`)));
      });
      child.kill('SIGTERM');
      result = await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(errors).toBe('');
    expect(output).toBe('ready\nclosed SIGTERM\n');
    expect(result.signal).toBe('SIGTERM');
  });
});
