/**
 * `npm run chaos -- --stations 3 --orders 300 --kills 5 [--json] [--timeout-s 300] [--pages 2] [--ms-per-page 40]
 *                   [--seed N] [--kill-min-ms 500] [--kill-max-ms 3000] [--power-cut] [--polling] [--keep]`
 *
 * The fault drill of issue 3 as a command. S station processes (`npm run station`'s entry, two virtual printers
 * each in its own folder) print N paid orders whose PDFs come from a loopback file server; K times, after a random
 * pause while work remains, one running station chosen at random is killed -9 and started again on the same data
 * dir, so its journal is reconciled with its spooler and the database. Nothing is resolved by hand. Once every order is
 * printed, failed, cancelled or waiting for a person (or the time is up), the stations are stopped and counted:
 *
 *   printed         orders the database has as printed
 *   duplicates      orders that came out of the printers more than once (any printJobId)
 *   lost            orders neither printed, failed, cancelled nor needs_attention
 *   needsAttention  orders waiting for a person to say whether they printed
 *   failed
 *
 * Exits non-zero when duplicates > 0 or lost > 0 (or a printed order has no print, or a print names no order).
 * `--seed` replays the same choice of victims and pauses; `--keep` leaves the database and folders for a look.
 * `--power-cut` makes each kill a power cut (the virtual spoolers forget their queues): what was at the printer
 * then waits for a person, and so does its printer. When every printer waits for a person the drill stops early
 * and says so (the orders left count as lost: nobody answers in a drill).
 *
 * Printed files are counted whatever happens; the drill stops by itself at --timeout-s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { migrate } from '../electron/db/migrate';
import { printerDir } from '../electron/printing/virtualPrinterControl';
import { startStationProcess, type StationProcess } from '../test/helpers/stationProcess';
import { startTestServer } from '../test/testDatabase';
import { isMainModule, parseArgs, sleep, stdout, type Output } from './args';
import { startOrderFileServer } from './drill/orderFiles';
import { tallyDrill, type DrillTally } from './drill/tally';
import { formatTable } from './table';

export interface ChaosOptions {
  uri: string;
  dbName: string;
  stations: number;
  orders: number;
  kills: number;
  timeoutMs: number;
  pages: number;
  msPerPage: number;
  seed: number;
  /** false: stations poll instead of watching the orders collection. */
  useChangeStreams: boolean;
  /** A power cut instead of a process kill: the virtual spoolers lose their queues with the station. */
  powerCut: boolean;
  /** Pause before each kill, drawn from this range. */
  killEveryMs: [number, number];
  keep: boolean;
  log: (line: string) => void;
}

export interface ChaosResult extends DrillTally {
  kills: number;
  stations: number;
  seconds: number;
  /** The time limit ran out before every order settled. */
  timedOut: boolean;
  /** Stopped early: every printer was waiting for a person, so the rest of the queue could not move. */
  stalled: boolean;
  /** Printer states (`printers.state`) when the waiting ended. */
  printersAtEnd: Record<string, number>;
  seed: number;
  /** Restarts that did not come up (the station stayed down). */
  failedRestarts: number;
  /** Orders the victims held at the instant of their kills, by phase (submitted = at the spooler). */
  heldAtKill: Record<string, number>;
}

/**
 * Short timings so that a killed station's orders come back within the drill: a 6 s lease renewed every second,
 * a reaper every second. The figures of the engine's fault tests (FAST_INTERVALS in test/station/stationFixture.ts),
 * but a health check every second instead of every half second, and the unprintable and counts timers at their defaults.
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
};
/** Printer states only a person ends (DESIGN §5). */
const PERSON_NEEDED = new Set(['error', 'awaiting_retrieval', 'paused']);
const DRILL_DATABASE = { serverSelectionTimeoutMS: 2_000, heartbeatFrequencyMS: 500, connectTimeoutMS: 2_000, socketTimeoutMS: 10_000, offlineAfterMs: 1_500 };

export async function run(args: string[], out: Output = stdout): Promise<void> {
  const flags = parseArgs(args);
  const json = flags.has('json');
  const log = json || flags.has('quiet') ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  const server = await startTestServer();
  log(`[chaos] database: ${server.kind}`);
  let result: ChaosResult;
  try {
    result = await runChaos({
      uri: server.uri,
      dbName: `chaos_${randomUUID().slice(0, 8)}`,
      stations: Math.max(1, Math.floor(flags.number('stations', 3))),
      orders: Math.max(1, Math.floor(flags.number('orders', 300))),
      kills: Math.floor(flags.number('kills', 5)),
      timeoutMs: flags.number('timeout-s', 300) * 1_000,
      pages: Math.max(1, Math.floor(flags.number('pages', 2))),
      msPerPage: Math.floor(flags.number('ms-per-page', 40)),
      seed: Math.floor(flags.number('seed', Math.floor(Math.random() * 2 ** 31))),
      useChangeStreams: !flags.has('polling'),
      powerCut: flags.has('power-cut'),
      killEveryMs: [flags.number('kill-min-ms', 500), flags.number('kill-max-ms', 3_000)],
      keep: flags.has('keep'),
      log,
    });
  } finally {
    await server.stop();
  }
  if (json) {
    const { printed, duplicates, lost, needsAttention, failed } = result;
    out(JSON.stringify({ printed, duplicates, lost, needsAttention, failed, details: result }));
  } else {
    out(
      formatTable(
        ['orders', 'printed', 'duplicates', 'lost', 'needs attention', 'failed', 'cancelled', 'kills', 'files', 'seconds'],
        [[result.orders, result.printed, result.duplicates, result.lost, result.needsAttention, result.failed, result.cancelled, result.kills, result.files, result.seconds]],
      ),
    );
    out(
      `statuses ${JSON.stringify(result.byStatus)}; jobs printed twice ${result.jobsPrintedTwice}; printed without a file ` +
        `${result.printedWithoutFile}; files naming no order ${result.unattributedFiles}; victims held at their kills ` +
        `${JSON.stringify(result.heldAtKill)}; seed ${result.seed}` +
        (result.needsAttention ? `; waiting for a person because ${JSON.stringify(result.needsAttentionReasons)}` : '') +
        (result.timedOut ? '; TIMED OUT before every order settled' : '') +
        (result.stalled ? `; STALLED: every printer waits for a person ${JSON.stringify(result.printersAtEnd)}` : '') +
        (result.failedRestarts ? `; ${result.failedRestarts} restart(s) did not come up` : ''),
    );
  }
  if (!drillPassed(result)) process.exitCode = 1;
}

export function drillPassed(r: ChaosResult): boolean {
  return r.duplicates === 0 && r.lost === 0 && r.printedWithoutFile === 0 && r.unattributedFiles === 0;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const random = mulberry32(o.seed);
  const startedAt = Date.now();
  const deadline = startedAt + o.timeoutMs;
  const work = mkdtempSync(path.join(tmpdir(), 'ps-chaos-'));
  const printerRoot = path.join(work, 'printers');
  const admin = await new MongoClient(o.uri).connect();
  const db = admin.db(o.dbName);
  const files = await startOrderFileServer();
  const running = new Map<number, StationProcess>();
  // Restarts run in the background, so the next kill does not wait for the last victim to come back: kills keep
  // their pace while work remains, and two stations may be down at once.
  const restarting = new Map<number, Promise<void>>();
  // Whatever happens to the drill, no station outlives it.
  const killAll = () => {
    for (const p of running.values()) if (!p.exited) process.kill(p.pid, 'SIGKILL');
  };
  process.once('exit', killAll);

  const configs = Array.from({ length: o.stations }, (_, i) => stationConfig(o, `chaos-${i + 1}`, path.join(work, `station-${i + 1}`), printerRoot));
  try {
    await migrate(db);
    o.log(`[chaos] starting ${o.stations} station(s), 2 virtual printers each, in ${work}`);
    await Promise.all(
      configs.map(async (config, i) => running.set(i, await startStationProcess({ config, readyTimeoutMs: remaining(deadline, 120_000) }))),
    );

    const orderIds = Array.from({ length: o.orders }, (_, i) => `CHAOS-${String(i + 1).padStart(5, '0')}-${randomUUID().slice(0, 4)}`);
    const t0 = Date.now();
    await db.collection('orders').insertMany(
      orderIds.map((orderId, i) => ({
        orderId,
        paymentStatus: 'completed',
        printStatus: 'pending',
        createdAt: new Date(t0 + i),
        priority: 0,
        fileURL: files.urlFor(orderId, o.pages),
        printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      })),
    );
    o.log(`[chaos] ${o.orders} paid orders in the queue; ${o.kills} kill(s) to come (seed ${o.seed})`);

    const orders = db.collection('orders');
    const unsettled = () => orders.countDocuments({ orderId: { $in: orderIds }, printStatus: { $in: ['pending', 'printing'] } });
    // What a station holds a moment before it dies (read just before the kill, so a phase may move on in between).
    const heldBy = async (stationId: string) => {
      const held: Record<string, number> = {};
      for (const d of await orders.find({ orderId: { $in: orderIds }, printStatus: 'printing', stationId }, { projection: { printPhase: 1 } }).toArray()) {
        held[String(d.printPhase)] = (held[String(d.printPhase)] ?? 0) + 1;
      }
      return held;
    };
    const heldAtKill: Record<string, number> = {};
    const stationIds = configs.map((c) => c.station.id);
    const printerStates = async () => {
      const states: Record<string, number> = {};
      for (const p of await db.collection('printers').find({ stationId: { $in: stationIds } }, { projection: { state: 1 } }).toArray()) {
        states[String(p.state)] = (states[String(p.state)] ?? 0) + 1;
      }
      return states;
    };
    let kills = 0;
    let failedRestarts = 0;
    const restart = (victim: number) =>
      startStationProcess({ config: configs[victim]!, readyTimeoutMs: remaining(deadline, 120_000) })
        .then((p) => void running.set(victim, p))
        .catch((error: Error) => {
          failedRestarts += 1;
          running.delete(victim);
          o.log(`[chaos] station chaos-${victim + 1} did not come back: ${error.message.split('\n')[0]}`);
        })
        .finally(() => restarting.delete(victim));
    while (kills < o.kills) {
      const [min, max] = o.killEveryMs;
      await sleep(min + random() * (max - min));
      if (Date.now() > deadline || (await unsettled()) === 0) break;
      const up = configs.map((_, i) => i).filter((i) => running.has(i) && !running.get(i)!.exited && !restarting.has(i));
      if (up.length === 0) continue;
      const victim = up[Math.floor(random() * up.length)]!;
      const before = running.get(victim)!;
      const held = await heldBy(`chaos-${victim + 1}`);
      await before.kill9();
      kills += 1;
      for (const [phase, n] of Object.entries(held)) heldAtKill[phase] = (heldAtKill[phase] ?? 0) + n;
      o.log(
        `[chaos] kill ${kills}: station chaos-${victim + 1} (pid ${before.pid}) at ${((Date.now() - startedAt) / 1_000).toFixed(1)} s ` +
          `holding ${JSON.stringify(held)}; restarting it`,
      );
      restarting.set(victim, restart(victim));
    }
    await Promise.all(restarting.values());

    let timedOut = false;
    let stalled = false;
    let blockedSince: number | undefined;
    let lastReport = 0;
    for (;;) {
      const left = await unsettled();
      if (left === 0) break;
      if (Date.now() > deadline) {
        timedOut = true;
        o.log(`[chaos] time is up with ${left} order(s) still pending or printing`);
        break;
      }
      // Every printer waiting for a person (a power cut's question, say) and nothing printing: nobody will
      // answer in this drill, so waiting out the time limit would only hide what happened.
      const states = await printerStates();
      const blocked = Object.keys(states).length > 0 && Object.keys(states).every((s) => PERSON_NEEDED.has(s));
      blockedSince = blocked ? (blockedSince ?? Date.now()) : undefined;
      if (blockedSince && Date.now() - blockedSince > 10_000) {
        stalled = true;
        o.log(`[chaos] every printer waits for a person (${JSON.stringify(states)}) with ${left} order(s) left; stopping`);
        break;
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        o.log(`[chaos] ${left} order(s) pending or printing`);
      }
      await sleep(500);
    }

    const printersAtEnd = await printerStates();
    // Stop before counting, so no print is still on its way into a folder.
    await Promise.all([...running.values()].map((p) => stopStation(p)));
    const printerDirs = configs.flatMap((c) => c.printers.map((p) => printerDir(printerRoot, p.systemName)));
    const tally = await tallyDrill(orders, orderIds, printerDirs);
    return {
      ...tally,
      kills,
      stations: o.stations,
      seconds: Math.round((Date.now() - startedAt) / 100) / 10,
      timedOut,
      stalled,
      printersAtEnd,
      seed: o.seed,
      failedRestarts,
      heldAtKill,
    };
  } finally {
    await Promise.all(restarting.values()); // a station still starting is in `running` once it is up
    killAll();
    await Promise.all([...running.values()].map((p) => p.kill9().catch(() => {})));
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

function stationConfig(o: ChaosOptions, name: string, dataDir: string, printerRoot: string) {
  return {
    mongodbUri: o.uri,
    dbName: o.dbName,
    station: { id: name, name },
    dataDir,
    printers: ['P1', 'P2'].map((printer) => ({
      name: printer,
      driver: 'virtual' as const,
      systemName: `${name}-${printer}`,
      requiresRetrieval: false,
      autoPrint: true,
      capabilities: { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 },
    })),
    intervals: DRILL_INTERVALS,
    fetch: { allowPrivateNetworks: true }, // the drill's files are served on 127.0.0.1
    database: { ...DRILL_DATABASE, useChangeStreams: o.useChangeStreams },
    // A kill -9 of the station: the OS spooler (the driver's folder) outlives the process and goes on printing.
    // A power cut: the spooler's queue is gone too, and what was at the printer has an unknown outcome.
    virtual: { root: printerRoot, msPerPage: o.msPerPage, afterCrash: o.powerCut ? ('forget' as const) : ('resume' as const) },
    log: { level: 'info' as const, console: false, file: true },
  };
}

/** SIGTERM (orders not yet at the printer go back to the queue), and kill -9 if it takes too long. */
async function stopStation(p: StationProcess): Promise<void> {
  if (p.exited) return;
  const timer = setTimeout(() => void p.kill9(), 15_000);
  await p.stop('SIGTERM');
  clearTimeout(timer);
}

function remaining(deadline: number, cap: number): number {
  return Math.max(5_000, Math.min(cap, deadline - Date.now()));
}

/** A small seeded generator, so `--seed` replays the same victims and pauses. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

if (isMainModule(import.meta.url)) {
  run(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`chaos drill failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
