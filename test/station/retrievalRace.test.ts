// A slow reply to "bad, reprint" lets the printer's own retrieval look see the write first: the command must still answer ok.
import { describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, operator, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('retrieval_race');
const cleanup = cleanupAfterEach();

describe('retrieval answer on a busy machine', () => {
  it('"bad, reprint" answers ok when the database reply is slower than one retrieval look', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'race');
    const shop = await startShopSimulator({ db });
    cleanup.push(drop, () => shop.stop());
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'race',
      printerRoot: tempDir('race'),
      printers: [{ name: 'R', requiresRetrieval: true }],
    });
    cleanup.push(() => s.engine.stop('test over'));
    await s.engine.start();
    const { orderId } = await shop.createOrder({ pages: 1 });
    await waitFor('awaiting retrieval', () => s.engine.snapshot().printers[0]!.state === 'awaiting_retrieval');
    const orders = s.engine.repositories.orders;
    const write = orders.confirmRetrieval.bind(orders);
    // The write lands; its reply reaches the station only after the printer's own retrieval look has seen it
    // (a loaded machine: the reply is slower than one orderPollMs).
    orders.confirmRetrieval = async (...args: Parameters<typeof write>) => {
      const result = await write(...args);
      await waitFor('the loop saw the retrieval on the order', () => s.engine.snapshot().printers[0]!.state !== 'awaiting_retrieval');
      return result;
    };
    const answer = await s.engine.confirmRetrieval(s.printerId('R'), 'bad', operator, 'smudged');
    expect(answer).toEqual({ ok: true });
    await waitFor('the reprint printed', async () => (await db.collection('orders').findOne({ orderId }))?.printStatus === 'printed');
  });
});
