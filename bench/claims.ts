/**
 * `npm run bench -- claims [--json] [--claimers N] [--orders M] [--rounds R]`
 *
 * How fast N stations (each with its own MongoClient) drain M paid orders with `claimNextOrder`, against a bare
 * findOneAndUpdate loop on the same server in the same run (the cost of capability filter, priority sort, lease and
 * parsing), whether any order was claimed twice, and how many driver commands the printed path costs
 * (claim -> submitted -> printed -> logged), counted with command monitoring.
 *
 * Each path drains the M orders R times (default 3), taking turns; the figures are each path's best round.
 * Aim: ratio >= 0.8, duplicates 0, round trips <= 4.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Db } from 'mongodb';
import { migrate } from '../electron/db/migrate';
import { OrderRepository, type PrinterClaimProfile } from '../electron/db/orderRepository';
import { startTestServer } from '../test/testDatabase';
import { parseArgs, stdout, type Output } from './args';
import { formatTable } from './table';

export interface ClaimsResult {
  server: string;
  claimers: number;
  orders: number;
  claimsPerSec: number;
  baselineClaimsPerSec: number;
  ratio: number;
  duplicates: number;
  roundTripsPerPrintedOrder: number;
}

const printer: PrinterClaimProfile = {
  printerId: 'bench-laser',
  printerName: 'Bench laser',
  capabilities: { paperSizes: ['A4', 'A5'], color: true, duplex: true, maxCopies: 100 },
};

export async function run(args: string[], out: Output = stdout): Promise<void> {
  const flags = parseArgs(args);
  const claimers = Math.max(1, Math.floor(flags.number('claimers', 16)));
  const orders = Math.max(1, Math.floor(flags.number('orders', 1000)));
  const rounds = Math.max(1, Math.floor(flags.number('rounds', 3)));
  const server = await startTestServer();
  try {
    const result = await measureClaims(server.uri, server.kind, claimers, orders, rounds);
    if (flags.has('json')) out(JSON.stringify(result));
    else {
      out(
        formatTable(
          ['server', 'claimers', 'orders', 'claims/s', 'baseline claims/s', 'ratio', 'duplicates', 'round trips / printed order'],
          [
            [
              result.server,
              result.claimers,
              result.orders,
              result.claimsPerSec,
              result.baselineClaimsPerSec,
              Number(result.ratio.toFixed(2)),
              result.duplicates,
              result.roundTripsPerPrintedOrder,
            ],
          ],
        ),
      );
      if (result.server === 'mongo-java-server') {
        out('note: mongo-java-server uses no index for these queries: every claim scans and sorts all orders, so the');
        out("claim's backoff and capability conditions and its two-key sort are paid per order; mongod serves the same");
        out('query from orders_claim_queue. Set MONGODB_URI to measure against a real server.');
      }
    }
  } finally {
    await server.stop();
  }
}

export async function measureClaims(uri: string, server: string, claimers: number, orders: number, rounds = 3): Promise<ClaimsResult> {
  const admin = await new MongoClient(uri).connect();
  const db = admin.db(`bench_claims_${randomUUID().slice(0, 8)}`);
  const clients = await Promise.all(Array.from({ length: claimers }, () => new MongoClient(uri).connect()));
  try {
    await migrate(db);
    // Warm both paths up first (JIT on both ends, connection pools), so neither measurement pays for it.
    await timed(db, Math.min(200, orders), () => drainWithRepository(clients, db.databaseName));
    await timed(db, Math.min(200, orders), () => drainBare(clients, db.databaseName));

    // The machine may be shared (CI, other processes): the two paths take turns, which goes first alternates,
    // and each keeps its best round, so a burst of someone else's load does not decide the ratio.
    let bestOurs = Infinity;
    let bestBaseline = Infinity;
    let duplicates = 0;
    for (let round = 0; round < rounds; round++) {
      const runOurs = async () => {
        const ours = await timed(db, orders, () => drainWithRepository(clients, db.databaseName));
        if (ours.claimed.length !== orders) throw new Error(`claimNextOrder claimed ${ours.claimed.length} of ${orders} orders`);
        duplicates += ours.claimed.length - new Set(ours.claimed).size;
        bestOurs = Math.min(bestOurs, ours.seconds);
      };
      const runBaseline = async () => {
        bestBaseline = Math.min(bestBaseline, (await timed(db, orders, () => drainBare(clients, db.databaseName))).seconds);
      };
      if (round % 2 === 0) await runBaseline().then(runOurs);
      else await runOurs().then(runBaseline);
    }
    const claimsPerSec = Math.round(orders / bestOurs);
    const baselineClaimsPerSec = Math.round(orders / bestBaseline);
    return {
      server,
      claimers,
      orders,
      claimsPerSec,
      baselineClaimsPerSec,
      ratio: Number((claimsPerSec / baselineClaimsPerSec).toFixed(3)),
      duplicates,
      roundTripsPerPrintedOrder: await countPrintedPathCommands(uri, db),
    };
  } finally {
    await db.dropDatabase().catch(() => {});
    await Promise.all([admin, ...clients].map((c) => c.close()));
  }
}

/** Fills the queue with `count` paid orders, runs `drain`, and times only the drain. */
async function timed(db: Db, count: number, drain: () => Promise<string[]>): Promise<{ seconds: number; claimed: string[] }> {
  const orders = db.collection('orders');
  await orders.deleteMany({});
  const base = Date.now() - count * 1000;
  await orders.insertMany(
    Array.from({ length: count }, (_, i) => ({
      orderId: `B-${i}`,
      paymentStatus: 'completed',
      printStatus: 'pending',
      createdAt: new Date(base + i * 1000),
      fileURL: `https://cdn.shop.example/b/${i}.pdf`,
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
    })),
  );
  const started = performance.now();
  const claimed = await drain();
  return { seconds: (performance.now() - started) / 1000, claimed };
}

function drainWithRepository(clients: MongoClient[], dbName: string): Promise<string[]> {
  return Promise.all(
    clients.map(async (client, i) => {
      const repo = new OrderRepository(client.db(dbName));
      const worker = { workerId: `bench-worker-${i}`, stationId: `bench-station-${i}` };
      const mine: string[] = [];
      for (let claim = await repo.claimNextOrder(printer, worker); claim; claim = await repo.claimNextOrder(printer, worker)) {
        mine.push(claim.order.orderId);
      }
      return mine;
    }),
  ).then((all) => all.flat());
}

/** The floor: seed 001's claim with nothing else (no capabilities, no priority, no lease, no validation). */
function drainBare(clients: MongoClient[], dbName: string): Promise<string[]> {
  return Promise.all(
    clients.map(async (client) => {
      const orders = client.db(dbName).collection('orders', { writeConcern: { w: 'majority' } });
      const mine: string[] = [];
      for (;;) {
        const doc = await orders.findOneAndUpdate(
          { printStatus: 'pending', paymentStatus: 'completed' },
          { $set: { printStatus: 'printing', printJobId: randomUUID() } },
          { sort: { createdAt: 1 }, returnDocument: 'after', includeResultMetadata: false },
        );
        if (!doc) return mine;
        mine.push(String(doc.orderId));
      }
    }),
  ).then((all) => all.flat());
}

/** Driver commands for one order from claim to its logged print, seen by command monitoring. */
async function countPrintedPathCommands(uri: string, db: Db): Promise<number> {
  await db.collection('orders').insertOne({
    orderId: 'B-COUNTED',
    paymentStatus: 'completed',
    printStatus: 'pending',
    createdAt: new Date(),
    priority: 1,
    fileURL: 'https://cdn.shop.example/b/counted.pdf',
  });
  const client = await new MongoClient(uri, { monitorCommands: true }).connect();
  try {
    const repo = new OrderRepository(client.db(db.databaseName));
    let commands = 0;
    client.on('commandStarted', () => commands++);
    const claim = await repo.claimNextOrder(printer, { workerId: 'bench-counter', stationId: 'bench-counter' });
    if (!claim) throw new Error('the counted order was not claimed');
    await repo.markPhase(claim.fence, 'submitted', { spoolJobId: 'bench-1' });
    await repo.completePrinted(claim.fence);
    return commands;
  } finally {
    await client.close();
  }
}
