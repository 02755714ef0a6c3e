/**
 * A station killed (-9) while a job was at the printer, after a power cut that also took the printer's queue:
 * it comes back with that printer in error, asking in the browser "did order X print?". The operator looks at the
 * tray and answers; the order is recorded as printed and the printer goes back to work. Real station process,
 * real engine on restart, real console.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startWebConsole } from '../../electron/headless/webConsole';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { launchChromium, openPage } from '../helpers/browser';
import { openTestDatabase } from '../helpers/db';
import { ensureRendererBuilt } from '../helpers/rendererBuild';
import { startStationProcess } from '../helpers/stationProcess';
import { createFixtureStation, fixtureConfig, freshDatabase, tempDir, waitFor } from '../station/stationFixture';
import { screenshot } from './helpers/operatorUi';

const t = await openTestDatabase('e2e_crash');
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

describe('a station killed while printing', () => {
  it('comes back asking whether the order printed; "Yes, it printed" settles it from the browser', async () => {
    const staticDir = await ensureRendererBuilt();
    const { db, dbName, drop } = await freshDatabase(t, 'killed');
    const shop = await startShopSimulator({ db });
    cleanup.push(drop, () => shop.stop());
    const options = {
      uri: t.uri,
      dbName,
      name: 'Front-desk',
      printerRoot: tempDir('e2e-crash-printers'),
      dataDir: tempDir('e2e-crash-data'),
      printers: [{ name: 'Front' }],
      msPerPage: 150,
      afterCrash: 'forget' as const,
    };
    const child = await startStationProcess({ config: fixtureConfig(options) });
    cleanup.push(() => child.kill9());
    const { orderId } = await shop.createOrder({ pages: 12 });
    const orders = db.collection('orders');
    await waitFor('job at the spooler', async () => (await orders.findOne({ orderId }))?.printPhase === 'submitted', 60_000);
    await child.kill9();

    // The PC comes back: same data dir, same printer; the operator opens the console.
    const station = createFixtureStation(options);
    cleanup.push(() => station.engine.stop('test over'));
    await station.engine.start();
    const web = await startWebConsole(new StationApiService({ engine: station.engine }), { staticDir });
    cleanup.push(() => web.close());
    const chromium = await launchChromium();
    cleanup.push(() => chromium.close());
    const page = await openPage(chromium.browser);
    await page.goto(web.url);
    await page.getByLabel('Operator name').fill('Dana');

    const card = page.getByTestId('printer-Front');
    await expect.poll(() => card.locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Error');
    await expect.poll(() => card.textContent()).toContain(`did order ${orderId} print? The station stopped while printing it.`);
    await screenshot(page, 'printers-after-crash');
    // The answer decides the order's fate, so it goes through the confirmation (with the PIN when one is set).
    await card.getByRole('button', { name: 'Yes, it printed' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, it printed' }).click();
    await expect.poll(async () => (await orders.findOne({ orderId }))?.printStatus, { timeout: 15_000 }).toBe('printed');
    await expect.poll(() => card.locator('.state-pill').textContent(), { timeout: 15_000 }).toBe('Ready');
    // The history line is its own write after the status change: wait for it.
    await expect
      .poll(async () =>
        (await station.engine.repositories.logs.history(orderId)).some((h) => h.adminId === 'Dana' || h.adminEmail === 'Dana'),
      )
      .toBe(true);
  });
});
