/**
 * Issue 12 follow-up: a printer that prints orders one after another claims about once per order. Before, after each
 * print it looked for more (found nothing), and then the wake-up its own move back to ready had left behind sent
 * a second claim that found nothing either: about three findAndModify per printed order.
 */
import { describe, expect, it } from 'vitest';
import type { CommandStartedEvent } from 'mongodb';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, tempDir, waitFor, type FixtureStation } from './stationFixture';

const t = await openTestDatabase('station_claim_count');
const cleanup = cleanupAfterEach();

const ORDERS = 6;

/** Counts the claims the station sends, and waits until the printer is ready and its moves have had their effect. */
function watchClaims(s: FixtureStation) {
  s.engine.link.client.options.monitorCommands = true;
  const claims: string[] = [];
  let beats = 0;
  s.engine.link.client.on('commandStarted', (e: CommandStartedEvent) => {
    // A claim asks for a pending order; the fenced outcome writes (also findAndModify) name their printJobId.
    const query = (e.command as { query?: { printStatus?: unknown } }).query;
    if (e.commandName === 'findAndModify' && e.command.findAndModify === 'orders' && query?.printStatus === 'pending') claims.push('claim');
    if (e.commandName === 'update' && e.command.update === 'stations') beats += 1;
  });
  const settled = async () => {
    // Two heartbeats after the printer is back to ready: whatever its moves left behind has run by then.
    await waitFor('printer ready', () => s.engine.snapshot().printers[0]!.state === 'ready');
    const from = beats;
    await waitFor('two heartbeats', () => beats >= from + 2, 20_000);
  };
  return { claims, settled };
}

describe('claims per printed order', () => {
  it('a printer printing orders one after another sends about one claim per order, and still prints each', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'claims');
    const shop = await startShopSimulator({ db });
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'counter',
      printerRoot: tempDir('claims'),
      printers: [{ name: 'A' }],
      // The safety poll rarely: the claims counted here are the ones the order and the printer's own moves cause.
      intervals: { healthMs: 200, safetyPollMs: 60_000 },
    });
    cleanup.push(
      drop,
      () => shop.stop(),
      () => s.engine.stop('test over'),
    );
    const { claims, settled } = watchClaims(s);
    await s.engine.start();
    await settled();

    claims.length = 0;
    for (let i = 0; i < ORDERS; i++) {
      const { orderId } = await shop.createOrder({ pages: 1 });
      await waitFor(`order ${i + 1} printed`, async () => (await db.collection('orders').findOne({ orderId }))?.printStatus === 'printed');
      await settled();
    }
    console.log(`[claimCount] ${claims.length} claims for ${ORDERS} orders printed one after another`);
    expect(claims.length).toBeLessThanOrEqual(ORDERS + 2);
  }, 120_000);

  it('orders announced while the printer prints, or all at once, are claimed after its job without waiting for the safety poll', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'busy');
    const shop = await startShopSimulator({ db });
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'busy',
      printerRoot: tempDir('busy'),
      printers: [{ name: 'A' }],
      msPerPage: 400,
      // Far longer than the test may take: only the announcements and the printer's own looks can find the orders.
      intervals: { healthMs: 200, safetyPollMs: 600_000 },
    });
    cleanup.push(
      drop,
      () => shop.stop(),
      () => s.engine.stop('test over'),
    );
    const { settled } = watchClaims(s);
    await s.engine.start();
    await settled(); // its first look at the queue is over: from now on only announcements make it claim
    const printed = async (ids: string[]) =>
      (await db.collection('orders').countDocuments({ orderId: { $in: ids }, printStatus: 'printed' })) === ids.length;

    const { orderId: first } = await shop.createOrder({ pages: 3 });
    await waitFor('first order printing', () => s.engine.snapshot().printers[0]!.state === 'printing');
    const second = await shop.createOrders(2, { pages: 1 }); // announced while A prints: A may not claim them now
    await waitFor('all three printed', () => printed([first, ...second]), 30_000);

    await waitFor('printer ready again', () => s.engine.snapshot().printers[0]!.state === 'ready');
    const batch = await shop.createOrders(4, { pages: 1 }); // one burst: a claim takes one, the printer looks for more
    await waitFor('the burst printed', () => printed(batch), 30_000);
  }, 120_000);
});
