/**
 * `npm run chaos -- [flags]` (CHAOS_USAGE below says which): the fault drill of issues 3 and 8 as a command.
 *
 * S station processes (`npm run station`'s entry, two virtual printers each in its own folder, an operator console
 * on a loopback port; the first station's second printer waits for its items to be taken unless --no-retrieval) print
 * N paid orders that arrive in waves, whose PDFs come from a loopback file server (about one in ten is long:
 * --long-pages). On the drill's own seeded schedule, with a random pause (--kill-min-ms … --kill-max-ms) before each,
 * the faults of CHAOS_USAGE happen in a shuffled order (drill/restarts.ts, drill/stalls.ts, drill/submitErrors.ts,
 * drill/operator.ts).
 *
 * A person takes items from the retrieval printer all along. Then the drill settles (drill/settle.ts): printers come
 * back, stations are up, every question is answered from the printers' output, and the queue drains. Then it counts
 * (drill/tally.ts) from the printers' output folders, print_logs and the orders:
 *
 *   printed, duplicates (more copies than operators asked for), lost (never printed, yet not cancelled, failed or
 *   waiting for a person), cancelledButPrinted (cancelled, and a copy came out after the cancel was accepted),
 *   stuck (still pending or printing after settling), needsAttention, failed
 *
 * Exits non-zero when any of duplicates, lost, cancelledButPrinted or stuck is not 0 (or a print names no order).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { migrate } from '../electron/db/migrate';
import { startTestServer } from '../test/testDatabase';
import { isMainModule, parseArgs, sleep, stdout, type Output } from './args';
import { DrillFleet } from './drill/fleet';
import { DrillOperator, type OperatorRecord } from './drill/operator';
import { startOrderFileServer } from './drill/orderFiles';
import { PrinterOutput } from './drill/output';
import { drillRandom } from './drill/random';
import { StationDeaths, type RestartRecord } from './drill/restarts';
import { settleDrill, type SettleResult } from './drill/settle';
import { feedOrders, planOrders } from './drill/shop';
import { StallFault } from './drill/stalls';
import { SubmitErrorFault } from './drill/submitErrors';
import { tallyDrill, type DrillTally } from './drill/tally';
import { formatTable } from './table';

export interface ChaosOptions {
  uri: string;
  dbName: string;
  stations: number;
  orders: number;
  kills: number;
  stalls: number;
  operatorActions: number;
  /** How often an operator action goes to an order stuck at a stalled printer when there is one (0…1). */
  stalledShare: number;
  restarts: number;
  submitErrors: number;
  timeoutMs: number;
  pages: number;
  longPages: number;
  msPerPage: number;
  seed: number;
  /** false: stations poll instead of watching the orders collection. */
  useChangeStreams: boolean;
  /** A power cut instead of a process kill: the virtual spoolers lose their queues with the station. */
  powerCut: boolean;
  /** Pause before each fault, drawn from this range. */
  faultEveryMs: [number, number];
  retrievalPrinter: boolean;
  keep: boolean;
  log: (line: string) => void;
}

type FaultKind = 'kill' | 'restart' | 'stall' | 'submitError' | 'operator';

export interface ChaosResult extends DrillTally {
  stations: number;
  seconds: number;
  seed: number;
  faults: Record<FaultKind, number>;
  /** The time limit ran out before the drill settled. */
  timedOut: boolean;
  settle: SettleResult;
  /** Printer states (`printers.state`) when the drill had settled. */
  printersAtEnd: Record<string, number>;
  /** Station starts that did not come up (a station that stayed down is started again when the drill settles). */
  failedRestarts: number;
  /** Why they did not come up. */
  restartFailures: string[];
  /** Orders the victims of --kills held at the instant of their kills, by phase (submitted = at the spooler). */
  heldAtKill: Record<string, number>;
  restartLog: RestartRecord[];
  /** Operator actions: how many were accepted and refused, by action. */
  operator: Record<string, { ok: number; refused: number }>;
  /** Orders an operator cancelled, with when the cancel was accepted (ISO time). */
  operatorCancels: Record<string, string>;
}

/**
 * Short timings so that a killed station's orders come back within the drill: a 6 s lease renewed every second, a
 * reaper every second, a job flagged after 3 s at the printer (a stall lasts longer). The figures of the engine's
 * fault tests (FAST_INTERVALS in test/station/stationFixture.ts), but a health check every second instead of every
 * half second, and the unprintable and counts timers at their defaults.
 */
const DRILL_INTERVALS = {
  healthMs: 1_000,
  leaseMs: 6_000,
  leaseRenewMs: 1_000,
  clockSkewMarginMs: 1_000,
  reaperMs: 1_000,
  metricsMs: 60_000,
  safetyPollMs: 1_000,
  pollFallbackMs: 500,
  jobPollMs: 40,
  orderPollMs: 300,
  capabilityGraceMs: 60_000,
  shutdownGraceMs: 2_000,
  dbRetryMs: 300,
  maxPrintDurationMs: 3_000,
};
const DRILL_DATABASE = {
  serverSelectionTimeoutMS: 2_000,
  heartbeatFrequencyMS: 500,
  connectTimeoutMS: 2_000,
  socketTimeoutMS: 10_000,
  offlineAfterMs: 1_500,
};

/** What `--help` (or `-h`) prints, at once: no database, no station, no drill. */
export const CHAOS_USAGE = `usage: npm run chaos -- [flags]
The fault drill: station processes print paid orders while faults happen, then the drill settles and counts
duplicates, lost orders, copies printed after a cancel and stuck orders (non-zero exit when any is not 0).

  --stations N          station processes, two virtual printers each (default 3)
  --orders N            paid orders, arriving in waves (default 300)
  --kills N             kill -9 of a random station, started again on the same data dir (default 5)
  --restarts N          SIGTERM or kill -9 of a station in the middle of a long job, started again (default 0)
  --stalls N            a busy printer stalls with its job queued past maxPrintDurationMs, then comes back (default 0)
  --submit-errors N     a printer's next submit queues the job and then throws (default 0)
  --operator-actions N  reprint / cancel / reset stuck / mark printed / answers, through the web console (default 0)
  --stalled-share F     share of operator actions that go to an order at a stalled printer, 0…1 (default 0.4)
  --kill-min-ms MS, --kill-max-ms MS   the random pause before each fault (default 300 … 1500)
  --pages N, --long-pages N, --ms-per-page MS   order sizes and the virtual printers' pace (default 2, 20, 40)
  --timeout-s S         give up settling after this long (default 300)
  --seed N              replay the same plan (victims, pauses, printers, answers)
  --power-cut           each kill -9 is a power cut: the virtual spoolers forget their queues
  --polling             stations poll instead of watching the orders collection
  --no-retrieval        no printer waits for its items to be taken
  --keep                leave the database and folders for a look afterwards
  --json                one line of JSON instead of the table
  --quiet               no progress on stderr
  --help, -h            this text`;

export async function run(args: string[], out: Output = stdout): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    out(CHAOS_USAGE);
    return;
  }
  const flags = parseArgs(args);
  const json = flags.has('json');
  const log = json || flags.has('quiet') ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  const count = (flag: string, fallback: number) => Math.floor(flags.number(flag, fallback));
  const server = await startTestServer();
  log(`[chaos] database: ${server.kind}`);
  let result: ChaosResult;
  try {
    result = await runChaos({
      uri: server.uri,
      dbName: `chaos_${randomUUID().slice(0, 8)}`,
      stations: Math.max(1, count('stations', 3)),
      orders: Math.max(1, count('orders', 300)),
      kills: count('kills', 5),
      stalls: count('stalls', 0),
      operatorActions: count('operator-actions', 0),
      stalledShare: Math.min(1, Math.max(0, flags.number('stalled-share', 0.4))),
      restarts: count('restarts', 0),
      submitErrors: count('submit-errors', 0),
      timeoutMs: flags.number('timeout-s', 300) * 1_000,
      pages: Math.max(1, count('pages', 2)),
      longPages: Math.max(1, count('long-pages', 20)),
      msPerPage: count('ms-per-page', 40),
      seed: count('seed', Math.floor(Math.random() * 2 ** 31)),
      useChangeStreams: !flags.has('polling'),
      powerCut: flags.has('power-cut'),
      faultEveryMs: [flags.number('kill-min-ms', 300), flags.number('kill-max-ms', 1_500)],
      retrievalPrinter: !flags.has('no-retrieval'),
      keep: flags.has('keep'),
      log,
    });
  } finally {
    await server.stop();
  }
  if (json) {
    const { printed, duplicates, lost, cancelledButPrinted, stuck, needsAttention, failed } = result;
    out(JSON.stringify({ printed, duplicates, lost, cancelledButPrinted, stuck, needsAttention, failed, details: result }));
  } else {
    out(
      formatTable(
        [
          'orders',
          'printed',
          'duplicates',
          'lost',
          'cancelled but printed',
          'stuck',
          'needs attention',
          'failed',
          'cancelled',
          'files',
          'seconds',
        ],
        [
          [
            result.orders,
            result.printed,
            result.duplicates,
            result.lost,
            result.cancelledButPrinted,
            result.stuck,
            result.needsAttention,
            result.failed,
            result.cancelled,
            result.files,
            result.seconds,
          ],
        ],
      ),
    );
    out(
      `faults ${JSON.stringify(result.faults)}; statuses ${JSON.stringify(result.byStatus)}; jobs printed twice ${result.jobsPrintedTwice}; ` +
        `printed without a file ${result.printedWithoutFile}; files naming no order ${result.unattributedFiles}; reprints asked ${result.reprintsAllowed}; ` +
        `victims held at their kills ${JSON.stringify(result.heldAtKill)}; answered while settling ${result.settle.answered}; seed ${result.seed}` +
        (result.needsAttention ? `; still waiting for a person because ${JSON.stringify(result.needsAttentionReasons)}` : '') +
        (result.timedOut ? '; TIMED OUT before the drill settled' : '') +
        (result.failedRestarts ? `; ${result.failedRestarts} restart(s) did not come up: ${result.restartFailures.join('; ')}` : ''),
    );
    for (const [finding, list] of Object.entries(result.examples)) if (list.length) out(`${finding}: ${JSON.stringify(list)}`);
    for (const story of result.stories)
      out(
        `${story.finding} ${story.orderId}:\n  copies: ${story.copies.join('\n          ')}\n  print_logs:\n    ${story.logs.join('\n    ')}`,
      );
  }
  if (!drillPassed(result)) process.exitCode = 1;
}

export function drillPassed(r: ChaosResult): boolean {
  return r.duplicates === 0 && r.lost === 0 && r.cancelledButPrinted === 0 && r.stuck === 0 && r.unattributedFiles === 0;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const random = drillRandom(o.seed);
  const startedAt = Date.now();
  const deadline = startedAt + o.timeoutMs;
  const work = mkdtempSync(path.join(tmpdir(), 'ps-chaos-'));
  const admin = await new MongoClient(o.uri).connect();
  const db = admin.db(o.dbName);
  const orders = db.collection('orders');
  const files = await startOrderFileServer();
  const fleet = new DrillFleet({
    ...o,
    work,
    printerRoot: path.join(work, 'printers'),
    intervals: DRILL_INTERVALS,
    database: DRILL_DATABASE,
    deadline,
  });
  const killAll = () => fleet.killAllNow();
  process.once('exit', killAll); // whatever happens to the drill, no station outlives it
  try {
    await migrate(db);
    o.log(`[chaos] starting ${o.stations} station(s), 2 virtual printers each, in ${work}`);
    await fleet.startAll();

    const faults: FaultKind[] = random.shuffle([
      ...Array<FaultKind>(o.kills).fill('kill'),
      ...Array<FaultKind>(o.restarts).fill('restart'),
      ...Array<FaultKind>(o.stalls).fill('stall'),
      ...Array<FaultKind>(o.submitErrors).fill('submitError'),
      ...Array<FaultKind>(o.operatorActions).fill('operator'),
    ]);
    const plan = planOrders(o.orders, 0.1, random);
    const spanMs = faults.length * ((o.faultEveryMs[0] + o.faultEveryMs[1]) / 2);
    const feed = feedOrders(
      orders,
      plan,
      files,
      { normal: o.pages, long: o.longPages },
      faults.length > 0 ? Math.min(20, o.orders) : 1,
      spanMs,
      () => Date.now() > deadline,
    );
    o.log(
      `[chaos] ${o.orders} paid orders arriving over ${(spanMs / 1_000).toFixed(0)} s (${plan.longOrderIds.size} long); faults to come: ${faults.join(' ')} (seed ${o.seed})`,
    );

    const output = new PrinterOutput(fleet.printers.map((p) => p.dir));
    const stalls = new StallFault(fleet, orders, random, () => DRILL_INTERVALS.maxPrintDurationMs + random.between(1_000, 3_000), o.log);
    const operator = new DrillOperator({
      orders,
      orderIds: feed.arrived,
      fleet,
      output,
      random,
      stalled: () => stalls.stalled(),
      stalledShare: o.stalledShare,
      log: o.log,
    });
    const deaths = new StationDeaths(fleet, orders, feed.arrived, plan.longOrderIds, random, o.log, startedAt);
    const submitErrors = new SubmitErrorFault(fleet, orders, random, o.log);
    const done: Record<FaultKind, number> = { kill: 0, restart: 0, stall: 0, submitError: 0, operator: 0 };

    // The person at the retrieval printer takes each item out a moment after it lands.
    let faultsOver = false;
    const attendant = (async () => {
      while (!faultsOver) {
        await sleep(random.between(300, 1_200));
        await operator.attendPrinters({ badRetrievals: true, retrievalsOnly: true }).catch(() => 0);
      }
    })();
    for (const fault of faults) {
      await sleep(random.between(o.faultEveryMs[0], o.faultEveryMs[1]));
      if (Date.now() > deadline) break;
      try {
        if (fault === 'kill') await deaths.killOne();
        else if (fault === 'restart') await deaths.restartMidJob(3_000);
        else if (fault === 'stall') await stalls.stallOne();
        else if (fault === 'submitError') await submitErrors.armOne(stalls.stalled());
        else o.log(`[chaos] operator ${done.operator + 1}: ${await operator.act()}`);
        done[fault] += 1;
      } catch (error) {
        o.log(`[chaos] ${fault} could not be done: ${(error as Error).message}`);
      }
    }
    faultsOver = true;
    await Promise.all([feed.done, attendant]);

    o.log(`[chaos] faults done at ${((Date.now() - startedAt) / 1_000).toFixed(1)} s; settling`);
    const settle = await settleDrill({
      orders,
      orderIds: plan.orderIds,
      fleet,
      stalls,
      operator,
      answerAfterMs: DRILL_INTERVALS.maxPrintDurationMs + 2_000,
      stuckAfterMs: Math.max(20_000, 3 * (DRILL_INTERVALS.leaseMs + DRILL_INTERVALS.maxPrintDurationMs)),
      deadline,
      log: o.log,
    });
    const printersAtEnd: Record<string, number> = {};
    for (const p of await db
      .collection('printers')
      .find({ stationId: { $in: fleet.stationIds } }, { projection: { state: 1 } })
      .toArray()) {
      printersAtEnd[String(p.state)] = (printersAtEnd[String(p.state)] ?? 0) + 1;
    }
    // Stop before counting, so no print is still on its way into a folder.
    await fleet.stopAll();
    const tally = await tallyDrill(
      orders,
      plan.orderIds,
      fleet.printers.map((p) => p.dir),
      { logs: db.collection('print_logs'), cancels: operator.cancels },
    );
    return {
      ...tally,
      stations: o.stations,
      seconds: Math.round((Date.now() - startedAt) / 100) / 10,
      seed: o.seed,
      faults: done,
      timedOut: settle.timedOut,
      settle,
      printersAtEnd,
      failedRestarts: fleet.failedRestarts,
      restartFailures: fleet.restartFailures,
      heldAtKill: deaths.heldAtKill,
      restartLog: deaths.restartLog,
      operator: operatorSummary(operator.actions),
      operatorCancels: Object.fromEntries([...operator.cancels].map(([id, at]) => [id, new Date(at).toISOString()])),
    };
  } finally {
    await fleet.killAll();
    process.removeListener('exit', killAll);
    await files.stop();
    if (!o.keep) {
      await db.dropDatabase().catch(() => {});
      rmSync(work, { recursive: true, force: true });
    } else {
      o.log(`[chaos] kept database ${o.dbName} and folder ${work}`);
    }
    await admin.close();
  }
}

function operatorSummary(actions: OperatorRecord[]): Record<string, { ok: number; refused: number }> {
  const summary: Record<string, { ok: number; refused: number }> = {};
  for (const a of actions) {
    const s = (summary[a.action] ??= { ok: 0, refused: 0 });
    if (a.ok) s.ok += 1;
    else s.refused += 1;
  }
  return summary;
}

if (isMainModule(import.meta.url)) {
  run(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`chaos drill failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
