/**
 * What the link's watchdog does to a hung driver monitor (monitorWatchdog.ts) is `client.close()` then
 * `client.connect()` on the same client. The change feed's stream, opened before, must follow new orders again
 * afterwards through the same Db handle.
 */
import { describe, expect, it } from 'vitest';
import { OrderChangeFeed, type WorkHint } from '../../electron/db/changeFeed';
import { DatabaseLink } from '../../electron/station/link/databaseLink';
import { createStationLogger } from '../../electron/station/logger';
import { openTestDatabase } from '../helpers/db';
import { freshShop } from './shopBehindProxy';
import { cleanupAfterEach, waitFor } from './stationFixture';

const t = await openTestDatabase('station_client_reconnect');
const cleanup = cleanupAfterEach();

describe('the database client closed and connected again', () => {
  it('the change feed reopens its stream, wakes the claimers once, and names new orders again', async () => {
    const { db, dbName, shop } = await freshShop(t, cleanup, 'reconnect');
    const logger = createStationLogger({ logId: `reconnect-${Date.now()}`, console: false, file: false });
    const link = new DatabaseLink({
      uri: t.uri,
      dbName,
      serverSelectionTimeoutMS: 2_000,
      heartbeatFrequencyMS: 500,
      connectTimeoutMS: 2_000,
      socketTimeoutMS: 10_000,
      offlineAfterMs: 1_500,
      logger,
    });
    cleanup.push(() => link.close());
    expect(await link.connect()).toBe(true);
    // Polls far apart: a wake-up within the test comes from the stream.
    const feed = new OrderChangeFeed(link.db, { safetyPollMs: 600_000, pollIntervalMs: 600_000, reopenMaxDelayMs: 1_000 });
    cleanup.push(() => feed.stop());
    const hints: Array<WorkHint | undefined> = [];
    feed.onWork((hint) => hints.push(hint));
    await feed.start();
    await waitFor('stream open', () => feed.mode === 'change_stream');

    const before = hints.length;
    await link.client.close(true);
    await link.client.connect();
    // The closed client ends the stream's cursor; the feed opens a new stream and, as after any break, wakes the
    // claimers once with no hint (events of the gap may be gone).
    await waitFor('stream reopened', () => hints.slice(before).includes(undefined) && feed.mode === 'change_stream');

    const { orderId } = await shop.createOrder();
    const order = await db.collection('orders').findOne({ orderId });
    await waitFor('the stream names the new order', () => hints.some((h) => h?.key === String(order!._id) && !h.polled), 30_000);
    expect(feed.mode).toBe('change_stream');
    expect(await link.db.collection('orders').countDocuments({ orderId })).toBe(1);
  });
});
