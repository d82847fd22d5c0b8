import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// `npm run bench -- di` runs bench/di/main.ts or bench/di-*/main.ts; no name runs them all.
async function run(): Promise<void> {
  const wanted = process.argv.slice(2);
  const folders = readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
  const chosen =
    wanted.length === 0
      ? folders
      : wanted.map((name) => {
          const match = folders.find((folder) => folder === name || folder.startsWith(`${name}-`));
          if (match === undefined) {
            throw new Error(`No benchmark named "${name}". Known: ${folders.join(', ') || '(none)'}`);
          }
          return match;
        });
  for (const folder of chosen) {
    console.log(`\n== bench/${folder}`);
    // require, not import(): under module node16 import() stays a native ESM import ts-node cannot load.
    const bench = require(join(__dirname, folder, 'main.ts')) as { main: () => Promise<void> };
    await bench.main();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
