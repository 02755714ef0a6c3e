/**
 * The recent log's order (timestamp, then _id, newest first) has its own index, print_logs_recent_ordered, beside
 * seed 001's print_logs_recent on the timestamp alone. A new name rather than a new key for the old one: migrate
 * skips an index whose name exists, so a shop migrated before would have kept the old key and its scan.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { migrate } from '../../electron/db/migrate';
import { INDEXES } from '../../electron/db/indexes';
import { LOG_ORDER, PrintLogRepository } from '../../electron/db/printLogRepository';
import { openTestDatabase } from '../helpers/db';

const t = await openTestDatabase('migrate_log_index');

const NEW = 'print_logs_recent_ordered';

/** A shop as the release before this one left it: every index but the new one, and a log already written. */
async function migratedBefore(db: Db): Promise<void> {
  for (const plan of INDEXES.filter((i) => i.options.name !== NEW))
    await db.collection(plan.collection).createIndex(plan.key, plan.options);
  // One batch in one millisecond: only the _id tells which came last.
  const timestamp = new Date();
  await new PrintLogRepository(db).logMany([
    { action: 'claimed', orderId: 'OLD-1', printJobId: 'job-1', source: 'station', timestamp },
    { action: 'printed', orderId: 'OLD-1', printJobId: 'job-1', source: 'station', timestamp },
  ]);
}

const logIndexes = async (db: Db) =>
  Object.fromEntries((await db.collection('print_logs').listIndexes().toArray()).map((i) => [i.name, i.key]));

describe(`the recent log's index on a running shop (${t.serverKind})`, () => {
  it("has the recent log's order as its key", () => {
    expect(INDEXES.find((i) => i.options.name === NEW)?.key).toEqual(LOG_ORDER);
  });

  it('is added by migrate beside seed 001 print_logs_recent, which keeps its key; twice is the same as once', async () => {
    const db = t.client.db(`${t.dbName}_before`);
    await migratedBefore(db);

    expect((await migrate(db)).indexesCreated).toEqual([NEW]);
    const after = await logIndexes(db);
    expect(after[NEW]).toEqual({ timestamp: -1, _id: -1 });
    expect(after.print_logs_recent).toEqual({ timestamp: -1 });
    expect((await migrate(db)).indexesCreated).toEqual([]);
    // The log written before is read in its order through the new index.
    const newestFirst = await db.collection('print_logs').find({}).sort(LOG_ORDER).limit(5).toArray();
    expect(newestFirst.map((e) => e.action)).toEqual(['printed', 'claimed']);
    await db.dropDatabase();
  });

  it('is not added beside one with the same key the shop made by hand under another name', async () => {
    const db = t.client.db(`${t.dbName}_by_hand`);
    await migratedBefore(db);
    await db.collection('print_logs').createIndex({ timestamp: -1, _id: -1 }, { name: 'admin_log_newest' });

    expect((await migrate(db)).indexesCreated).toEqual([]);
    expect(Object.keys(await logIndexes(db)).sort()).not.toContain(NEW);
    await db.dropDatabase();
  });
});
