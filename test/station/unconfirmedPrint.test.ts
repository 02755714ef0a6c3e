/**
 * Issue 10: a raw printer that takes the label but cannot confirm it came out (no answer to its status query) is
 * not counted as a confirmed print. The job state `sent-without-confirmation` ends the attempt as printed, with
 * `printedUnconfirmed` and the driver's sentence on the order, so the operator sees it; never silently.
 */
import { describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import type { SpoolJobRef } from '../../electron/printing/driver';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_unconfirmed');
const cleanup = cleanupAfterEach();

describe('a print the printer could not confirm', () => {
  it('ends printed with printedUnconfirmed and the sentence, and a confirmed print carries no such note', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'unconfirmed');
    const shop = await startShopSimulator({ db });
    cleanup.push(drop, () => shop.stop());
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'unconfirmed',
      printerRoot: tempDir('unconfirmed'),
      printers: [{ name: 'Label' }],
    });
    cleanup.push(() => s.engine.stop('test over'));
    const real = s.driver.jobState.bind(s.driver);
    let unconfirm = true;
    s.driver.jobState = async (job: SpoolJobRef) => {
      const state = await real(job);
      if (!unconfirm || state.state !== 'completed') return state;
      return {
        state: 'sent-without-confirmation',
        reasons: ['status-no-answer'],
        message: 'Label took 1 label but did not answer its status query: check that it came out.',
      };
    };
    await s.engine.start();

    const { orderId } = await shop.createOrder({ pages: 1 });
    const order = await waitFor('order printed', async () => {
      const o = await db.collection('orders').findOne({ orderId });
      return o?.printStatus === 'printed' && o;
    });
    expect(order.printedUnconfirmed).toBe(true);
    expect(order.printNote).toBe('Label took 1 label but did not answer its status query: check that it came out.');
    const log = await waitFor('printed log', () => db.collection('print_logs').findOne({ orderId, action: 'printed' }));
    expect(JSON.stringify(log)).toMatch(/did not answer its status query/);

    unconfirm = false;
    const second = await shop.createOrder({ pages: 1 });
    const confirmed = await waitFor('second order printed', async () => {
      const o = await db.collection('orders').findOne({ orderId: second.orderId });
      return o?.printStatus === 'printed' && o;
    });
    expect(confirmed.printedUnconfirmed).toBeUndefined();
    expect(confirmed.printNote).toBeUndefined();
  });
});
