/** `npm run demo`'s words: its help, its options read from the command line, and what it says once running. Pure. */
import { parseArgs } from 'node:util';
import type { DemoOptions } from './demo';

export const DEMO_HELP = `Print Station demo

Usage: npm run demo -- [options]

Starts a database, a shop that sells a paid order every few seconds and serves its PDFs on 127.0.0.1, and a
station with two virtual printers: "Counter printer" (asks the operator to confirm each item was taken) and
"Back office" (does not). Then serves the operator console; each virtual printer's card has "simulate" buttons
(jam, switch off, slow, die mid-job) to watch the station recover.

The database: MONGODB_URI if set; otherwise an embedded test server that keeps everything in memory, so all
orders and history are lost when the demo stops.

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

export type DemoArgs = { help: true } | { help: false; options: DemoOptions };

/** The command line as demo options; throws a sentence on an unknown option or a number that is not one. */
export function parseDemoArgs(argv: string[], hasDesktop: boolean): DemoArgs {
  const { values } = parseArgs({
    args: argv,
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
  if (values.help) return { help: true };
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number of 0 or more, not "${value}".`);
    return n;
  };
  const every = number('every', values.every) ?? 5;
  return {
    help: false,
    options: {
      port: number('port', values.port) ?? 7070,
      host: values.host,
      dbName: values.db,
      orderIntervalMs: every > 0 ? every * 1000 : null,
      seedOrders: number('seed', values.seed),
      pagesPerSecond: number('pages-per-second', values['pages-per-second']),
      dataDir: values['data-dir'],
      openBrowser: !values['no-open'] && hasDesktop,
    },
  };
}

/** What the demo says once it runs: where the console is, where its database is (and whether it is lost on exit). */
export function demoBanner(d: { url: string; mongoUri: string; dbName: string; embeddedDatabase: boolean; folders: string[] }): string {
  const database = d.embeddedDatabase
    ? `${d.mongoUri} (${d.dbName}), an embedded server in memory, lost when the demo stops (set MONGODB_URI to keep it)`
    : `${d.mongoUri} (${d.dbName})`;
  return [
    '',
    'Print Station demo running.',
    `  console:  ${d.url || '(web console unavailable)'}`,
    `  database: ${database}`,
    `  printed:  ${d.folders.join(', ')}`,
    'Ctrl-C to stop.',
    '',
  ].join('\n');
}
