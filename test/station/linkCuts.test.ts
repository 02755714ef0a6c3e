/**
 * The database link cut and restored again and again while the station works. Each cut can hit the driver's
 * polling monitor in the window where it checks the server on a socket already destroyed (mongodb 6.22, see
 * electron/station/link/monitorWatchdog.ts); before the watchdog the station then stayed offline forever.
 * The race is timing-dependent: run it beside CPU burners to see it often.
 */
import { describe, expect, it } from 'vitest';
import { printedJobNames } from '../../electron/printing/virtualPrinterControl';
import { openTestDatabase } from '../helpers/db';
import { shopBehindProxy } from './shopBehindProxy';
import { cleanupAfterEach, createFixtureStation, systemNameOf, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_link_cuts');
const cleanup = cleanupAfterEach();
const CUTS = Number(process.env.PRINT_STATION_LINK_CUTS ?? 10);
/** Generous for a busy machine; a station caught by the monitor hang never comes back at all. */
const BACK_ONLINE_WITHIN_MS = 60_000;

describe('a database link cut again and again', () => {
  it(
    `comes back online after each of ${CUTS} cuts; no order is lost or printed twice`,
    async () => {
      const { db, dbName, shop, proxy } = await shopBehindProxy(t, cleanup, 'cuts');
      const root = tempDir('cuts');
      const station = createFixtureStation({
        uri: proxy.uri,
        dbName,
        name: 'cuts',
        printerRoot: root,
        printers: [{ name: 'P' }],
        msPerPage: 200,
        // Heartbeats further apart than the driver's 500 ms minimum, as in production (10 s): an operation's error
        // then makes the monitor check at once, which is the path that can hang.
        database: { heartbeatFrequencyMS: 5_000 },
      });
      cleanup.push(() => station.engine.stop('test over'));
      await station.engine.start();
      const state = () => station.engine.snapshot().connection;
      const orderIds: string[] = [];

      for (let cut = 1; cut <= CUTS; cut += 1) {
        await waitFor(`online before cut ${cut}`, () => state() === 'online', BACK_ONLINE_WITHIN_MS);
        // Work in flight at the cut: a job printing, claims and polls on the pool's connections.
        orderIds.push((await shop.createOrder({ pages: 3 })).orderId);
        await new Promise((r) => setTimeout(r, 150 * (cut % 4)));
        proxy.cut();
        await waitFor(`offline after cut ${cut}`, () => state() === 'offline', 30_000);
        orderIds.push((await shop.createOrder({ pages: 1 })).orderId); // sold while the station cannot see it
        proxy.restore();
        await waitFor(`online again after cut ${cut}`, () => state() === 'online', BACK_ONLINE_WITHIN_MS);
      }

      // As after any outage (DESIGN §4): an order given up before printing goes back to pending when its lease runs
      // out; one whose lease ran out after it reached the spooler waits for a person. None stays in between.
      const orders = db.collection('orders');
      const settled = await waitFor(
        'every order printed or waiting for a person',
        async () => {
          const all = await orders.find({ orderId: { $in: orderIds } }).toArray();
          return all.every((o) => o.printStatus === 'printed' || o.printStatus === 'needs_attention') && all;
        },
        120_000,
      );
      await waitFor('outcomes journaled during the cuts all written', () => station.engine.snapshot().pendingOutcomes === 0);
      const printed = printedJobNames(`${root}/${systemNameOf('cuts', 'P')}`);
      expect(new Set(printed).size).toBe(printed.length); // no job printed twice
      expect(printed.length).toBeLessThanOrEqual(orderIds.length); // no order printed twice
      for (const order of settled.filter((o) => o.printStatus === 'printed')) expect(printed).toContain(order.printJobId);
    },
    CUTS * 2 * 60_000 + 180_000,
  );
});
