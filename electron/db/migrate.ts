/**
 * `npm run migrate`: brings a shop database up to what the stations need. Idempotent: every step only touches
 * what is missing, so running it twice changes nothing the second time. It also reports what it will not touch
 * but a person should know about: orders `printing` with no lease (an older worker's, or set by hand), which the
 * reaper brings to a person once they have been printing longer than the maximum print duration (DESIGN §4).
 */
import type { Db } from 'mongodb';
import { collections } from './collections';
import { INDEXES } from './indexes';
import { printingWithoutLeaseFilter } from './orderQueries';
import { orderIdOf } from './orderView';

export interface MigrationReport {
  indexesCreated: string[];
  backfilled: { pending: number; printed: number };
  printingWithoutLease: { count: number; orderIds: string[] };
}

/** How many order numbers the report lists; the count is always complete. */
const LISTED = 50;

export async function migrate(db: Db): Promise<MigrationReport> {
  const indexesCreated: string[] = [];
  for (const plan of INDEXES) {
    // A missing collection has no indexes yet; an index with the same key under another name (made by hand or by
    // the shop) already serves the query, and creating ours beside it would be refused.
    const existing = await db
      .collection(plan.collection)
      .listIndexes()
      .toArray()
      .catch(() => [] as { name?: string; key?: unknown }[]);
    const sameKey = JSON.stringify(plan.key);
    if (existing.some((i) => i.name === plan.options.name || JSON.stringify(i.key) === sameKey)) continue;
    await db.collection(plan.collection).createIndex(plan.key, plan.options);
    indexesCreated.push(plan.options.name);
  }

  // Orders from before the stations: delivered ones were printed by hand long ago, paid ones still wait.
  // Delivered first, so a paid *and* delivered order is never queued for printing again.
  const { orders } = collections(db);
  const delivered = await orders.updateMany(
    { printStatus: { $exists: false }, $or: [{ status: 'delivered' }, { deliveryStatus: 'delivered' }] },
    { $set: { printStatus: 'printed', printMigratedAt: new Date() } },
  );
  const paid = await orders.updateMany(
    { printStatus: { $exists: false }, paymentStatus: 'completed' },
    { $set: { printStatus: 'pending', printMigratedAt: new Date() } },
  );
  const unleased = printingWithoutLeaseFilter();
  const [count, listed] = await Promise.all([
    orders.countDocuments(unleased),
    orders
      .find(unleased, { projection: { orderId: 1 } })
      .sort({ createdAt: 1 })
      .limit(LISTED)
      .toArray(),
  ]);
  return {
    indexesCreated,
    backfilled: { pending: paid.modifiedCount, printed: delivered.modifiedCount },
    printingWithoutLease: { count, orderIds: listed.map(orderIdOf) },
  };
}
