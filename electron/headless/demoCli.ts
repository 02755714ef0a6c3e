/** `npm run demo`: a whole print room on this machine (see demo.ts); Ctrl-C stops everything it started. */
import { parseArgs } from 'node:util';
import { startDemo } from './demo';
import { installLastLine } from './lastLine';

const HELP = `Print Station demo

Usage: npm run demo -- [options]

Starts a database (MONGODB_URI if set, else an embedded test server), a shop that sells a paid order every few
seconds and serves its PDFs on 127.0.0.1, and a station with two virtual printers: "Counter printer" (asks the
operator to confirm each item was taken) and "Back office" (does not). Then serves the operator console.

Options:
  --port <n>             Console port (default 7070; 0 = any free port).
  --host <host>          Console address (default 127.0.0.1).
  --db <name>            Database name (default MONGODB_DB or printshop).
  --every <seconds>      A new order every this many seconds (default 5; 0 = none).
  --seed <n>             Orders waiting at start (default 6).
  --pages-per-second <n> Virtual printer speed (default 1).
  --data-dir <dir>       Journal and printed files (default a fresh temp folder).
  --no-open              Do not open the console in a browser (it opens when a desktop is there).
  -h, --help             This text.

Printed jobs land as PDFs in <data-dir>/virtual-printers/<printer>/printed/, named after their printJobId.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      every: { type: 'string' },
      seed: { type: 'string' },
      'pages-per-second': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const every = values.every !== undefined ? Number(values.every) : 5;
  const demo = await startDemo({
    port: values.port !== undefined ? Number(values.port) : 7070,
    host: values.host,
    dbName: values.db,
    orderIntervalMs: every > 0 ? every * 1000 : null,
    seedOrders: values.seed !== undefined ? Number(values.seed) : undefined,
    pagesPerSecond: values['pages-per-second'] !== undefined ? Number(values['pages-per-second']) : undefined,
    dataDir: values['data-dir'],
    openBrowser: !values['no-open'] && hasDesktop(),
  });
  installLastLine({ target: process, log: demo.engine.logger, stop: () => demo.stop(), exit: (code) => process.exit(code) });
  console.log(
    `\nPrint Station demo running.\n  console:  ${demo.url || '(web console unavailable)'}\n  database: ${demo.mongoUri} (${demo.dbName})\n  printed:  ${[...demo.virtualPrinters.values()].map((p) => p.folder).join(', ')}\nCtrl-C to stop.\n`,
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

/** A browser can be opened: Windows and macOS always, Linux only inside a graphical session. */
function hasDesktop(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
