/**
 * The station's document in `stations` (issue 12): what the fleet screen reads to tell which stations run an older
 * version. It must be there, with this station's version, however the station started.
 */
import { describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { parseStationConfig } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import { openTestDatabase } from '../helpers/db';
import { startTcpProxyForUri } from '../helpers/tcpProxy';
import { cleanupAfterEach, fixtureConfig, freshDatabase, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_document');
const cleanup = cleanupAfterEach();

function stationAt(uri: string, dbName: string, name: string, version: string) {
  const printerRoot = tempDir(`${name}-printers`);
  const config = parseStationConfig(fixtureConfig({ uri, dbName, name, printerRoot, dataDir: tempDir(name), printers: [{ name: 'P' }] }));
  const driver = new VirtualPrinterDriver({
    root: printerRoot,
    printers: config.printers.map((p) => ({ systemName: p.systemName!, capabilities: p.capabilities })),
    msPerPage: 20,
  });
  return new StationEngine({ config, driverFor: () => driver, version });
}

describe("the station's document in stations", () => {
  it('a station started while its database was away is in stations, with its version and printers, and prints once the database answers', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'late');
    const proxy = await startTcpProxyForUri(t.uri);
    const shop = await startShopSimulator({ db });
    cleanup.push(
      drop,
      () => proxy.close(),
      () => shop.stop(),
    );
    proxy.cut();
    const engine = stationAt(proxy.uri, dbName, 'late', '7.1.0');
    cleanup.push(() => engine.stop('test over'));
    await engine.start();
    expect(engine.snapshot().connection).toBe('offline');
    proxy.restore();
    const doc = await waitFor('the station document', () => db.collection('stations').findOne({ _id: 'late' as never }), 30_000);
    expect(doc).toMatchObject({ name: 'late', version: '7.1.0', workerId: engine.workerId });
    const printer = await waitFor('the printer document', () => db.collection('printers').findOne({ stationId: 'late' }));
    // Not left 'starting': the health check that follows the late registration writes what the printer is.
    await waitFor(
      'the printer shown ready',
      async () => (await db.collection('printers').findOne({ _id: printer._id }))?.state === 'ready',
    );
    const { orderId } = await shop.createOrder({ pages: 1 });
    await waitFor('the order printed', async () => (await db.collection('orders').findOne({ orderId }))?.printStatus === 'printed');
  }, 90_000);

  it('the heartbeat writes the version: a document an older install left under the same id is corrected', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'older');
    cleanup.push(drop);
    const engine = stationAt(t.uri, dbName, 'older', '7.2.0');
    cleanup.push(() => engine.stop('test over'));
    await engine.start();
    const stations = db.collection('stations');
    await waitFor('registered', async () => (await stations.findOne({ _id: 'older' as never }))?.version === '7.2.0');
    // A copy of this station's data dir, run by an older install, registers under the same id.
    await stations.updateOne({ _id: 'older' as never }, { $set: { version: '7.0.0' } });
    await waitFor(
      'the version put back by a heartbeat',
      async () => (await stations.findOne({ _id: 'older' as never }))?.version === '7.2.0',
    );
  }, 90_000);
});
