/**
 * `npm run bench -- pickup [--json] [--samples N] [--poll-samples N] [--poll-ms MS] [--gap-ms MS]`
 *
 * How long a paid order waits between the shop's insert and a station's claim (DESIGN §7, Pickup), once with the
 * change feed waking the claimer and once with polling only, in one run. The claimer does what a printer loop
 * does: claim until nothing fits, then wait on OrderChangeFeed.waitForWork. The shop inserts one order at a time,
 * each after the previous one was claimed plus a random gap, so the inserts fall at random points of the poll
 * cycle and the polling figures show what a shop really waits, not a lucky phase.
 *
 * Aim: change feed p50 <= 100 ms, p99 <= 500 ms. Polling waits half the poll interval on average by design.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Db } from 'mongodb';
import { OrderChangeFeed } from '../electron/db/changeFeed';
import { migrate } from '../electron/db/migrate';
import { OrderRepository, type PrinterClaimProfile, type Worker } from '../electron/db/orderRepository';
import { sleep, stdout, withTestServer, type Output } from './args';
import { formatTable } from './table';

export type PickupMode = 'change_stream' | 'polling';

export interface PickupResult {
  mode: PickupMode;
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

export interface PickupOptions {
  uri: string;
  dbName: string;
  /** Orders measured with the change feed. */
  samples: number;
  /** Orders measured with polling only (each waits up to a whole poll interval, so fewer by default). */
  pollSamples: number;
  pollMs: number;
  /** With the change feed, the shop waits a random 0..gapMs after each claim before inserting the next order. */
  gapMs: number;
  /** A claim that takes longer than this counts as lost and stops the bench with a sentence. */
  claimTimeoutMs?: number;
  log?: (line: string) => void;
}

const benchPrinter: PrinterClaimProfile = {
  printerId: 'bench-printer',
  printerName: 'Bench printer',
  capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 99 },
};
const benchWorker: Worker = { workerId: 'bench-worker', stationId: 'bench-station' };

export function run(args: string[], out: Output = stdout): Promise<void> {
  return withTestServer('pickup', args, async ({ flags, json, server, log }) => {
    const results = await measurePickup({
      uri: server.uri,
      dbName: `bench_pickup_${randomUUID().slice(0, 8)}`,
      samples: flags.number('samples', 100),
      pollSamples: flags.number('poll-samples', 20),
      pollMs: flags.number('poll-ms', 5_000),
      gapMs: flags.number('gap-ms', 250),
      log,
    });
    if (json) {
      out(JSON.stringify(results));
    } else {
      out(
        formatTable(
          ['mode', 'p50 ms', 'p99 ms', 'samples'],
          results.map((r) => [r.mode, r.p50Ms, r.p99Ms, r.samples]),
        ),
      );
      out(`aim: change_stream p50 <= 100 ms, p99 <= 500 ms (database: ${server.kind})`);
    }
  });
}

/** Both modes against one database, change feed first; the database is dropped afterwards. */
export async function measurePickup(options: PickupOptions): Promise<PickupResult[]> {
  const shopClient = await new MongoClient(options.uri).connect();
  const stationClient = await new MongoClient(options.uri).connect();
  const shopDb = shopClient.db(options.dbName);
  try {
    await migrate(shopDb);
    const results: PickupResult[] = [];
    for (const mode of ['change_stream', 'polling'] as const) {
      const samples = mode === 'change_stream' ? options.samples : options.pollSamples;
      if (samples === 0) continue;
      const latencies = await measureMode(mode, samples, shopDb, stationClient.db(options.dbName), options);
      results.push({ mode, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), samples: latencies.length });
    }
    return results;
  } finally {
    await shopDb.dropDatabase().catch(() => {});
    await Promise.all([shopClient.close(), stationClient.close()]);
  }
}

async function measureMode(mode: PickupMode, samples: number, shopDb: Db, stationDb: Db, o: PickupOptions): Promise<number[]> {
  const feed = new OrderChangeFeed(stationDb, { useChangeStreams: mode === 'change_stream', pollIntervalMs: o.pollMs });
  const orders = new OrderRepository(stationDb);
  await feed.start();
  if (feed.mode !== mode) {
    await feed.stop();
    throw new Error(`the change feed runs in ${feed.mode} mode where ${mode} was asked: this server has no change streams`);
  }
  o.log?.(`[pickup] ${mode}: ${samples} orders${mode === 'polling' ? `, poll every ${o.pollMs} ms` : ''}`);

  const claimed = new Map<string, (atMs: number) => void>();
  let stopped = false;
  // The claimer, as a printer loop runs it: drain what fits, then sleep until the feed says there may be more.
  const claimer = (async () => {
    while (!stopped) {
      for (;;) {
        const claim = await orders.claimNextOrder(benchPrinter, benchWorker);
        if (!claim) break;
        claimed.get(claim.order.orderId)?.(performance.now());
      }
      // Only a signal from the feed leads to a claim; the short timeout only lets the claimer notice the end.
      while (!stopped && !(await feed.waitForWork(1_000)));
    }
  })();

  const latencies: number[] = [];
  const claimTimeoutMs = o.claimTimeoutMs ?? o.pollMs * 4 + 10_000;
  try {
    for (let i = 0; i < samples; i++) {
      // Polling: a gap over the whole poll interval, or every insert would land just after a poll (phase lock).
      await sleep(Math.random() * (mode === 'polling' ? o.pollMs : o.gapMs));
      const orderId = `BENCH-${mode}-${i}-${randomUUID().slice(0, 6)}`;
      const claimedAt = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`order ${orderId} was not claimed within ${claimTimeoutMs} ms`)), claimTimeoutMs);
        claimed.set(orderId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const start = performance.now();
      await shopDb.collection('orders').insertOne(paidOrder(orderId));
      latencies.push((await claimedAt) - start);
      claimed.delete(orderId);
    }
  } finally {
    stopped = true;
    await feed.stop(); // wakes the claimer's wait
    await claimer.catch(() => {});
  }
  return latencies;
}

/** A paid order as the shop writes it; only the fields the claim reads. */
function paidOrder(orderId: string) {
  return {
    orderId,
    paymentStatus: 'completed',
    printStatus: 'pending',
    createdAt: new Date(),
    fileURL: `http://127.0.0.1:9/${orderId}.pdf`,
    printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
  };
}

/** Nearest-rank percentile, rounded to 0.1 ms. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}
