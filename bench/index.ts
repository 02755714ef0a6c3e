/**
 * `npm run bench -- <name> [flags]`: runs bench/<name>.ts, a module exporting `run(args)`.
 * Generic on purpose: a new benchmark is a new file, not an edit here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_BENCHES = new Set(['index', 'args', 'table']);

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !NOT_BENCHES.has(name))
    .sort();
}

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/i.test(name) || !available().includes(name)) {
  console.error(`usage: npm run bench -- <name> [--json]; benchmarks here: ${available().join(', ')}`);
  process.exit(2);
}

const bench = (await import(`./${name}.ts`)) as { run?: (args: string[]) => Promise<void> };
if (typeof bench.run !== 'function') {
  console.error(`bench/${name}.ts does not export run(args)`);
  process.exit(2);
}
try {
  await bench.run(args);
} catch (error) {
  console.error(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
