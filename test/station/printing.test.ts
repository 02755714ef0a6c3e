import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate';
import { startShopSimulator, type ShopSimulator } from '../../electron/headless/shopSimulator';
import { printedJobNames } from '../../electron/printing/virtualPrinterControl';
import { openTestDatabase } from '../helpers/db';
import { createFixtureStation, systemNameOf, tempDir, waitFor, type FixtureStation } from './stationFixture';

const t = await openTestDatabase('station_printing');
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

describe('a station with two printers', () => {
  it('prints every paid order exactly once and records it printed', async () => {
    const root = tempDir('printers');
    const station = createFixtureStation({
      uri: t.uri,
      dbName: t.dbName,
      name: 'solo',
      printerRoot: root,
      printers: [{ name: 'A' }, { name: 'B' }],
    });
    stations.push(station);
    await station.engine.start();
    const ids = await shop.createOrders(20, { pages: 2 });
    await waitFor('all printed', async () => (await t.db.collection('orders').countDocuments({ printStatus: 'printed' })) === 20);
    const files = [...printedJobNames(`${root}/${systemNameOf('solo', 'A')}`), ...printedJobNames(`${root}/${systemNameOf('solo', 'B')}`)];
    expect(files).toHaveLength(20);
    expect(new Set(files).size).toBe(20);
    const jobIds = (
      await t.db
        .collection('orders')
        .find({ orderId: { $in: ids } })
        .toArray()
    ).map((o) => o.printJobId);
    expect(new Set(files)).toEqual(new Set(jobIds));
    const snapshot = await waitFor('printers idle', () => {
      const s = station.engine.snapshot();
      return s.printers.every((p) => p.state === 'ready') && s;
    });
    expect(snapshot.connection).toBe('online');
    expect(snapshot.printers.every((p) => p.notClaimingReason === undefined)).toBe(true);
  });
});
