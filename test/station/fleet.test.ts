import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../electron/db/migrate';
import { startShopSimulator, type ShopSimulator } from '../../electron/headless/shopSimulator';
import { printedJobNames } from '../../electron/printing/virtualPrinterControl';
import { openTestDatabase } from '../helpers/db';
import { createFixtureStation, tempDir, waitFor, type FixtureStation } from './stationFixture';

const t = await openTestDatabase('station_fleet');
let shop: ShopSimulator;
const stations: FixtureStation[] = [];

beforeAll(async () => {
  await migrate(t.db);
  shop = await startShopSimulator({ db: t.db });
});
afterAll(async () => {
  await Promise.all(stations.map((s) => s.engine.stop('test over')));
  await shop.stop();
});

describe('three stations with two printers each, racing over one queue', () => {
  it('print 300 orders, each exactly once', async () => {
    const root = tempDir('fleet');
    for (const name of ['north', 'south', 'east']) {
      stations.push(
        createFixtureStation({
          uri: t.uri,
          dbName: t.dbName,
          name,
          printerRoot: root,
          msPerPage: 2,
          printers: [{ name: 'P1' }, { name: 'P2' }],
        }),
      );
    }
    await Promise.all(stations.map((s) => s.engine.start()));
    const orderIds = await shop.createOrders(300, { pages: 1 });

    const orders = t.db.collection('orders');
    await waitFor('every order printed', async () => (await orders.countDocuments({ printStatus: 'printed' })) === 300, 110_000, 250);

    const printed = readdirSync(root).flatMap((dir) => printedJobNames(join(root, dir)));
    expect(printed).toHaveLength(300);
    expect(new Set(printed).size).toBe(300);
    const docs = await orders.find({ orderId: { $in: orderIds } }).toArray();
    expect(new Set(docs.map((d) => d.printJobId))).toEqual(new Set(printed));
    // Every station took part: the claim spreads work, it does not hand it all to the fastest one.
    const byStation = new Map<string, number>();
    for (const d of docs) byStation.set(d.stationId, (byStation.get(d.stationId) ?? 0) + 1);
    expect([...byStation.keys()].sort()).toEqual(['east', 'north', 'south']);
    console.log(`[fleet] prints per station: ${JSON.stringify(Object.fromEntries(byStation))}`);
  });
});
