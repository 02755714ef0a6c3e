/**
 * `npm run demo`: a whole print room on this machine (see demo.ts); Ctrl-C stops everything it started.
 * The command line is read first, so `--help` answers at once; only then is the operator UI built (when its sources
 * changed since the last build) and the demo started.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_HELP, demoBanner, parseDemoArgs } from './demoArgs';
import { installLastLine } from './lastLine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2), hasDesktop());
  if (args.help) {
    console.log(DEMO_HELP);
    return;
  }
  await buildOperatorUi();
  const { startDemo } = await import('./demo');
  const demo = await startDemo(args.options);
  installLastLine({ target: process, log: demo.log, stop: () => demo.stop(), exit: (code) => process.exit(code) });
  console.log(
    demoBanner({
      url: demo.url,
      mongoUri: demo.mongoUri,
      dbName: demo.dbName,
      embeddedDatabase: demo.embeddedDatabase,
      folders: [...demo.virtualPrinters.values()].map((p) => p.folder),
    }),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});

/** Builds out/renderer with Vite (a dev dependency: the demo runs from a checkout) when a source is newer than it. */
async function buildOperatorUi(): Promise<void> {
  const built = path.join(root, 'out/renderer/index.html');
  const newest = Math.max(
    newestIn(path.join(root, 'renderer')),
    newestIn(path.join(root, 'shared')),
    statSync(path.join(root, 'electron/shell/csp.ts')).mtimeMs, // the page's CSP is written into index.html
  );
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  console.log('Building the operator UI…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A browser can be opened: Windows and macOS always, Linux only inside a graphical session. */
function hasDesktop(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
