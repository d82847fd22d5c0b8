import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('reflect-metadata', () => {
  it('is installed by importing the DI core, so bots need no import of their own', () => {
    // A fresh process: jest's own setup imports reflect-metadata, which would hide a regression.
    const output = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', "require('./src/di'); process.stdout.write(typeof Reflect.getMetadata)"],
      { cwd: join(__dirname, '..', '..'), encoding: 'utf8' },
    );
    expect(output).toBe('function');
  });
});
