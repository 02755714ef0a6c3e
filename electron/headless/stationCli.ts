/**
 * `npm run station`: a print station without Electron (print servers, fault drills, browser tests).
 * Composition root for headless mode: config → drivers → engine (+ optional web console) → signals.
 */
import { parseArgs } from 'node:util';
import { configFileOf, loadStationConfig, type ConfigFlags } from '../station/config';
import { LiveStation } from './liveStation';
import { installLastLine } from './lastLine';
import { packageVersion } from './packageVersion';
import { consoleOptionsProblem, startWebConsole, type WebConsole } from './webConsole';
import { stationMetrics } from '../station/housekeeping/prometheus';

const HELP = `Print Station (headless)

Usage: node out/headless/station.js [options]     (installed: print-station [options]; from a checkout:
       npm run station -- [options]; the desktop app: print-station --headless [options])

Claims paid orders from MongoDB and prints each exactly once on the printers this station manages.

Options:
  --config <file>          JSON config file (also PRINT_STATION_CONFIG). Holds printers, intervals, fetch limits.
  --mongodb-uri <uri>      MongoDB connection string (also MONGODB_URI).
  --db <name>              Database name (also MONGODB_DB; default printshop).
  --name <name>            Station name shown to operators (also PRINT_STATION_NAME; default the hostname).
  --id <id>                Stable station id (also PRINT_STATION_ID; default made once, kept in the data dir).
  --data-dir <dir>         Journal, logs and station id (also PRINT_STATION_DATA_DIR; default ~/.print-station).
  --virtual-printers <n>   With no printers configured: manage n virtual printers (the first needs retrieval).
  --web [port]             Serve the operator console on http://127.0.0.1:<port> (default 7070).
  --web-host <host>        Bind the console elsewhere (needs a token).
  --web-token <token>      Token the console asks for (also PRINT_STATION_WEB_TOKEN, which other users of this
                           machine cannot read from the process list). Never written to a log.
  --no-migrate             Do not create missing indexes at start.
  --log-level <level>      error | warn | info | debug (default info).
  --list-printers          List the printers the OS knows (CUPS: also $CUPS_SERVER) with their capabilities and
                           the config-file entries to manage them, then exit. Needs no database.
  --address <addr>         With --list-printers: also list raw:HOST[:PORT] or ipp:HOST[:PORT][/QUEUE] (repeatable).
  --json                   With --list-printers: print JSON.
  --no-dnssd               With --list-printers: do not look for printers announcing themselves on the LAN (DNS-SD).
  -v, --version            Print this station's version (package.json's, also written to its document in
                           \`stations\`), then exit.
  -h, --help               This text.

Config file example:
  {
    "mongodbUri": "mongodb+srv://…", "dbName": "printshop",
    "station": { "name": "Front desk" },
    "printers": [
      { "name": "Office laser", "driver": "cups", "systemName": "HP_LaserJet",
        "capabilities": { "paperSizes": ["A4", "A5"], "color": false, "duplex": true, "maxCopies": 50 } },
      { "name": "Label printer", "driver": "raw", "systemName": "10.0.0.20:9100", "requiresRetrieval": true,
        "language": "zpl", "dpi": 203, "media": ["oe_4x6-label_4x6in"], "passThrough": false, "rasterMode": "threshold" }
    ],
    "intervals": { "healthMs": 30000, "leaseMs": 60000, "leaseRenewMs": 15000, "reaperMs": 60000,
                   "metricsMs": 300000, "safetyPollMs": 30000, "maxPrintDurationMs": 1800000 }
  }

Settings saved in the web console apply at once and outlive a restart: once the console has saved printers
(console-settings.json in the data dir), they and its timings and station name are used over the config file's (a log
line says so; set "printers": [] in that file to use the config file's again). The database stays this command's.

Every option is checked before anything starts: a refused one exits 2 with a sentence and no order claimed.
An internal error the engine cannot be trusted after stops the station (orders not yet sent go back) and exits 70,
for the service manager to restart it; an error from a console connection is logged and printing goes on.

Stops cleanly on Ctrl-C / SIGTERM: orders not yet at the printer go back to the queue, jobs at the spooler are
followed for a few seconds and otherwise left to the journal for the next start.`;

export interface StationCliOptions {
  /** The operator console's files (default: out/renderer of this checkout). The built station passes its own. */
  rendererDir?: string;
  /** The version to report and write (default package.json's); the desktop app passes its own. */
  version?: string;
}

/** 'done' when the command answered and exited its work (help, version, a printer listing); 'serving' while the station runs. */
export type StationCliOutcome = 'done' | 'serving';

export async function main(argv = process.argv.slice(2), options: StationCliOptions = {}): Promise<StationCliOutcome> {
  const { values } = parseArgs({
    args: bareWebFlag(argv),
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      'mongodb-uri': { type: 'string' },
      db: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      'data-dir': { type: 'string' },
      'virtual-printers': { type: 'string' },
      web: { type: 'string' },
      'web-host': { type: 'string' },
      'web-token': { type: 'string' },
      'no-migrate': { type: 'boolean' },
      'log-level': { type: 'string' },
      'list-printers': { type: 'boolean' },
      address: { type: 'string', multiple: true },
      'no-dnssd': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 'done';
  }
  const version = options.version ?? packageVersion();
  if (values.version) {
    console.log(version);
    return 'done';
  }
  if (values['list-printers']) {
    const { listPrinters, formatPrinterListing } = await import('./listPrinters');
    const listing = await listPrinters({ addresses: values.address, dnsSd: values['no-dnssd'] ? false : { timeoutMs: 3_000 } });
    console.log(values.json ? JSON.stringify(listing, null, 2) : formatPrinterListing(listing));
    if (listing.problems.length > 0) process.exitCode = 1;
    return 'done';
  }
  const web = consoleRequest(values, process.env);
  const virtualPrinters = values['virtual-printers'] === undefined ? undefined : Number(values['virtual-printers']);
  if (virtualPrinters !== undefined && !(Number.isInteger(virtualPrinters) && virtualPrinters >= 1 && virtualPrinters <= 64)) {
    throw new OptionError(`--virtual-printers wants a whole number from 1 to 64, not "${values['virtual-printers']}".`);
  }
  const flags: ConfigFlags = {
    config: values.config,
    mongodbUri: values['mongodb-uri'],
    db: values.db,
    name: values.name,
    id: values.id,
    dataDir: values['data-dir'],
    logLevel: values['log-level'],
    virtualPrinters,
  };
  const live = await LiveStation.open({
    startConfig: loadStationConfig(flags),
    configFile: configFileOf(flags),
    version,
    migrate: !values['no-migrate'],
  });
  // Whichever engine runs now: one console save replaces it (liveStation.ts).
  const log = live.log;

  // The console binds before the engine claims anything: a port in use stops the start with nothing to give back.
  let operatorConsole: WebConsole | undefined;
  if (web) {
    // The shop's monitoring scrapes GET /metrics from the same console (the process's own figures too: one station here).
    const metrics = stationMetrics(live.engine, { processMetrics: true });
    const service = await live.consoleService();
    live.onEngine((engine) => metrics.follow(engine));
    operatorConsole = await startWebConsole(service, {
      ...web,
      metrics,
      ...(options.rendererDir ? { staticDir: options.rendererDir } : {}),
      log: (m) => log.warn(m),
    });
  }
  installLastLine({
    target: process,
    log,
    stop: (reason) => live.stop(reason),
    exit: (code) => process.exit(code),
    stopTimeoutMs: live.engine.config.intervals.shutdownGraceMs + 5_000,
  });

  await live.start();
  // The address only: the token stays with whoever gave it (log files and the log view are read by others).
  if (operatorConsole) log.info(`Operator console: ${operatorConsole.address}${web?.token ? ` (token as given by ${web.tokenFrom})` : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await live.stop(signal);
    await operatorConsole?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A parent (test, chaos drill) waits for this line before it starts counting.
  process.stdout.write(
    `PRINT_STATION_READY ${JSON.stringify({ stationId: live.engine.stationId, pid: process.pid, web: operatorConsole?.address ?? null })}\n`,
  );
  return 'serving';
}

/**
 * main() as a command: a refused option exits 2, any other start-up failure 1. `done` runs when the command has
 * answered without starting a station (the desktop app quits then; plain Node simply runs out of work).
 */
export function runFromCommandLine(argv: string[], options: StationCliOptions = {}, done: () => void = () => {}): void {
  main(argv, options).then(
    (outcome) => {
      if (outcome === 'done') done();
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      const parseError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
      process.exit(error instanceof OptionError || parseError ? 2 : 1);
    },
  );
}

/** `--web` with no port (last, or followed by another option) means the default port, as the help says. */
function bareWebFlag(argv: string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--web' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-')) ? ['--web='] : [arg]));
}

/** A command-line mistake: said in one sentence, exit code 2, nothing started. */
class OptionError extends Error {}

/** The console options, checked as a whole; undefined when no console was asked for. */
function consoleRequest(values: { web?: string; 'web-host'?: string; 'web-token'?: string }, env: NodeJS.ProcessEnv) {
  const token = values['web-token'] ?? (env.PRINT_STATION_WEB_TOKEN || undefined);
  const tokenFrom = values['web-token'] !== undefined ? '--web-token' : 'PRINT_STATION_WEB_TOKEN';
  if (values.web === undefined) {
    if (values['web-host'] !== undefined || values['web-token'] !== undefined) {
      throw new OptionError('--web-host and --web-token only apply to the console: add --web [port] to serve it.');
    }
    return undefined;
  }
  const port = values.web === '' ? 7070 : /^\d{1,5}$/.test(values.web) ? Number(values.web) : Number.NaN;
  const options = { host: values['web-host'] ?? '127.0.0.1', port, token };
  const problem = consoleOptionsProblem(options);
  if (problem) throw new OptionError(problem);
  return { ...options, tokenFrom };
}

const invokedDirectly = process.argv[1] && /stationCli\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) runFromCommandLine(process.argv.slice(2));
