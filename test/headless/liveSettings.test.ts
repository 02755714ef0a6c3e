/**
 * A headless station (`npm run station --web`) takes the printers and timings its console saves without a restart
 * (issue 11, "True numbers" → Settings): the saved printer prints the order only it fits, in the same process; a
 * save while an order prints neither loses that order nor prints it twice; and the saved printers outlive a restart.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnStation, virtualStationConfig, type ChildStation } from '../../bench/fuzz/stationChild';
import { migrate } from '../../electron/db/migrate';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { printedJobNames, printerDir } from '../../electron/printing/virtualPrinterControl';
import { openTestDatabase } from '../helpers/db';
import { tempDir, waitFor } from '../station/stationFixture';
import { askConsole } from './consoleClient';

const t = await openTestDatabase('live_settings');
await migrate(t.db);
const orders = t.db.collection('orders');
const shop = await startShopSimulator({ db: t.db });

const started: ChildStation[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const operator = { name: 'Anna' };
const WIDE = {
  systemName: 'wide',
  displayName: 'Wide format',
  driverKind: 'virtual',
  managed: true,
  requiresRetrieval: false,
  capabilities: { paperSizes: ['A3', 'A4'], color: true, duplex: true, maxCopies: 99 },
};

async function startStation(dataDir: string, name: string, msPerPage?: number) {
  const child = spawnStation(virtualStationConfig({ mongodbUri: t.uri, dbName: t.dbName, dataDir, name, msPerPage }), [
    '--no-migrate',
    '--web',
    '0',
  ]);
  started.push(child);
  const ready = await child.ready();
  const ws = `ws://127.0.0.1:${new URL(ready.web!).port}/api`;
  return { child, ws };
}

/** Saves the console's Settings with `change` applied to what the Settings page shows, as the page does. */
async function saveFromConsole(ws: string, change: (settings: any) => any) {
  const shown = await askConsole(ws, 'settings', {});
  expect(shown.ok).toBe(true);
  const s = shown.result.settings;
  const settings = change({
    stationName: s.stationName,
    dbName: s.dbName,
    printers: s.printers,
    intervals: s.intervals,
    fileSources: s.fileSources,
    startOnLogin: s.startOnLogin,
    operatorName: s.operatorName,
  });
  return askConsole(ws, 'saveSettings', { operator, settings }, 60_000);
}

const printed = (dataDir: string, systemName: string) => printedJobNames(printerDir(path.join(dataDir, 'virtual-printers'), systemName));

describe('a headless station applies saved Settings without a restart', () => {
  it('a printer added from the console prints the A3 order only it fits, in the same process, and after a restart too', async () => {
    const dataDir = tempDir('live-add');
    const { child, ws } = await startStation(dataDir, 'Live add');
    const before = await askConsole(ws, 'settings', {});
    expect(before.result.appliesLive).toBe(true);

    // A save that changes nothing the engine runs on leaves the running engine alone (same run, same worker id).
    const workerId = async () => (await askConsole(ws, 'snapshot', {})).result.station.workerId;
    const firstRun = await workerId();
    expect((await saveFromConsole(ws, (s) => ({ ...s, operatorName: 'Anna' }))).result).toEqual({ ok: true, message: 'Settings saved.' });
    expect(await workerId()).toBe(firstRun);

    const { orderId } = await shop.createOrder({ printingOptions: { paperSize: 'A3', color: false, duplex: false, copies: 1 } });
    const answer = await saveFromConsole(ws, (s) => ({ ...s, printers: [...s.printers, WIDE] }));
    expect(answer.result).toEqual({ ok: true, message: 'Settings saved.' });

    const order = await waitFor('the A3 order printed', async () => {
      const o = await orders.findOne({ orderId });
      return o?.printStatus === 'printed' && o;
    });
    expect(printed(dataDir, 'wide')).toEqual([order.printJobId]);
    const secondRun = await workerId();
    expect(secondRun).not.toBe(firstRun); // a new engine run, in the same process
    expect(child.exited).toBe(false);
    const snapshot = await askConsole(ws, 'snapshot', {});
    expect(snapshot.result.printers.map((p: { name: string }) => p.name)).toEqual(['Counter', 'Wide format']);
    expect((await askConsole(ws, 'settings', {})).result.appliesLive).toBe(true);
    expect(child.output().match(/PRINT_STATION_READY/g)).toHaveLength(1); // one process, started once

    // The database is the start command's: a console save cannot move the station, and the answer and the page say so.
    const moved = await saveFromConsole(ws, (s) => ({ ...s, mongoUri: 'mongodb://elsewhere.invalid/', dbName: 'elsewhere' }));
    expect(moved.result.message).toMatch(/database stays .* restart the station/);
    expect((await askConsole(ws, 'settings', {})).result.settings.dbName).toBe(t.dbName);
    expect(await workerId()).toBe(secondRun);

    // The saved printers are this station's printers from now on, also after a restart with the same config file.
    await child.stop();
    const again = await startStation(dataDir, 'Live add');
    expect(again.child.output()).toMatch(/console-settings\.json/);
    const { orderId: second } = await shop.createOrder({ printingOptions: { paperSize: 'A3', color: false, duplex: false, copies: 1 } });
    await waitFor(
      'the second A3 order printed after the restart',
      async () => (await orders.findOne({ orderId: second }))?.printStatus === 'printed',
    );
    expect(printed(dataDir, 'wide')).toHaveLength(2);
  });

  it('a save the station cannot run on is refused with a sentence, and the station prints on as it was, also after a restart', async () => {
    const dataDir = tempDir('live-refused');
    const { child, ws } = await startStation(dataDir, 'Live refused');
    const workerId = async () => (await askConsole(ws, 'snapshot', {})).result.station.workerId;
    const run = await workerId();
    // A Windows spooler printer on this Linux test machine (an operator's typo in a printer's driver would look alike).
    const spooler = { ...WIDE, systemName: 'HP_LaserJet', displayName: 'Office laser', driverKind: 'windows' };
    const answer = await saveFromConsole(ws, (s) => ({ ...s, printers: [...s.printers, spooler] }));
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/Office laser: no windows driver on this computer/);
    expect(await workerId()).toBe(run);
    const { orderId } = await shop.createOrder();
    await waitFor('an A4 order printed on the printer it had', async () => (await orders.findOne({ orderId }))?.printStatus === 'printed');

    await child.stop();
    const again = await startStation(dataDir, 'Live refused');
    expect(again.child.output()).toMatch(/cannot run on this computer/);
    const { orderId: next } = await shop.createOrder();
    await waitFor(
      'an A4 order printed after the restart',
      async () => (await orders.findOne({ orderId: next }))?.printStatus === 'printed',
    );
  });

  it('a save while an order prints prints that order once, and every order once', async () => {
    const dataDir = tempDir('live-busy');
    // 400 ms a page: a 10-page order is still at the printer when the old engine's 2 s shutdown grace ends, so the
    // new engine takes it over from the journal and the printer folder, as after a restart.
    const { child, ws } = await startStation(dataDir, 'Live busy', 400);
    const ids = [await shop.createOrder({ pages: 10 }), await shop.createOrder({ pages: 2 }), await shop.createOrder({ pages: 2 })].map(
      (o) => o.orderId,
    );
    const busy = await waitFor('an order at the printer', async () => {
      const o = await orders.findOne({ orderId: { $in: ids }, printStatus: 'printing', printPhase: 'submitted' });
      return o;
    });

    const answer = await saveFromConsole(ws, (s) => ({ ...s, stationName: 'Live busy (renamed)', printers: [...s.printers, WIDE] }));
    expect(answer.result).toEqual({ ok: true, message: 'Settings saved.' });

    await waitFor(
      'every order printed',
      async () => (await orders.countDocuments({ orderId: { $in: ids }, printStatus: 'printed' })) === ids.length,
      90_000,
    );
    const docs = await orders.find({ orderId: { $in: ids } }).toArray();
    const jobs = [...printed(dataDir, 'counter'), ...printed(dataDir, 'wide')];
    // One printed file per order, each under the order's own (final) print job: nothing printed twice, nothing lost.
    expect(jobs.sort()).toEqual(docs.map((o) => o.printJobId).sort());
    expect(jobs.filter((j) => j === docs.find((o) => o.orderId === busy.orderId)!.printJobId)).toHaveLength(1);
    expect(child.exited).toBe(false);
    const snapshot = await askConsole(ws, 'snapshot', {});
    expect(snapshot.result.station.name).toBe('Live busy (renamed)');
  }, 120_000);
});
