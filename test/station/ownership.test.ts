/**
 * Issue 8, item 1: a spool job is owned like its order (DESIGN §4). A printer stalls with the job queued, the
 * order goes to needs_attention, an operator acts on it; the first printer's queued copy must never print.
 */
import { describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { printedJobNames } from '../../electron/printing/virtualPrinterControl';
import { openTestDatabase } from '../helpers/db';
import {
  cleanupAfterEach,
  createFixtureStation,
  freshDatabase,
  operator,
  systemNameOf,
  tempDir,
  waitFor,
  openPrintRoom,
  type PrintRoomStation,
} from './stationFixture';

const t = await openTestDatabase('station_ownership');
const cleanup = cleanupAfterEach();

function setup(label: string, station: PrintRoomStation) {
  return openPrintRoom(t, cleanup, label, station);
}

/** Two printers, B paused; an order starts on A, A stalls, the order goes to needs_attention. */
async function stalledOnA(label: string) {
  const env = await setup(label, { printers: [{ name: 'A' }, { name: 'B' }], msPerPage: 100, intervals: { maxPrintDurationMs: 1_500 } });
  const { shop, s, order, view, system } = env;
  expect((await s.engine.pausePrinter(s.printerId('B'), operator)).ok).toBe(true);
  const { orderId } = await shop.createOrder({ pages: 20 });
  await waitFor('job printing on A', () => view('A').currentJob?.spoolerState === 'processing');
  s.driver.stall(system('A'));
  const flagged = await waitFor('order needs attention', async () => {
    const o = await order(orderId);
    return o?.printStatus === 'needs_attention' && o;
  });
  const stuckJob = (await s.driver.findJob(system('A'), flagged.printJobId!))!;
  expect(stuckJob).toBeDefined();
  return { ...env, orderId, firstJobId: flagged.printJobId as string, stuckJob };
}

describe('a spool job is owned like its order', () => {
  it.each(['reprint', 'resetStuck'] as const)(
    'stalled printer, order needs attention, operator presses %s: it prints once, on the other printer',
    async (action) => {
      const { s, order, printed, view, system, orderId, firstJobId, stuckJob } = await stalledOnA(`own-${action}`);
      // The card does not pretend the stuck job is printing: it says it is stuck and the order needs a person.
      await waitFor('card says stuck', () => /stuck/.test(view('A').notClaimingReason ?? ''));
      expect(view('A').notClaimingReason).not.toMatch(/^printing order/);
      expect(view('A').stateReason).toMatch(/needs a person/);

      await s.engine.resumePrinter(s.printerId('B'), operator);
      const done = await s.engine.repositories.orders[action](orderId, operator, 'the tray is empty');
      expect(done.ok).toBe(true);
      const printedOnB = await waitFor('printed on B', async () => {
        const o = await order(orderId);
        return o?.printStatus === 'printed' && o;
      });
      expect(printedOnB.printerName).toBe('B');
      await waitFor('A cancelled its stuck job', async () => (await s.driver.jobState(stuckJob)).state === 'canceled');

      s.driver.unstall(system('A'));
      await waitFor('A claims again', () => view('A').state === 'ready');
      expect(printed('B')).toEqual([printedOnB.printJobId]);
      expect(printed('A')).toEqual([]);
      expect(printed('A')).not.toContain(firstJobId);
      expect((await order(orderId))?.printStatus).toBe('printed');
    },
  );

  it('a cancel from needs_attention at a stalled printer: cancelled, and the stuck copy never prints', async () => {
    const { s, order, printed, view, system, orderId, stuckJob } = await stalledOnA('own-cancel');
    expect((await s.engine.repositories.orders.cancel(orderId, operator, 'customer called')).ok).toBe(true);
    await waitFor('A cancelled its stuck job', async () => (await s.driver.jobState(stuckJob)).state === 'canceled');
    s.driver.unstall(system('A'));
    await waitFor('A claims again', () => view('A').state === 'ready');
    expect(printed('A')).toEqual([]);
    expect(printed('B')).toEqual([]);
    expect((await order(orderId))?.printStatus).toBe('cancelled');
  });

  it('a stuck job the spooler will not cancel: the printer goes to error with the question, the order says where', async () => {
    const { s, order, view, orderId } = await stalledOnA('own-stray');
    s.driver.cancel = async () => {
      throw new Error('the spooler refuses');
    };
    await s.engine.resumePrinter(s.printerId('B'), operator);
    expect((await s.engine.repositories.orders.reprint(orderId, operator, 'the tray is empty')).ok).toBe(true);
    await waitFor('A in error', () => view('A').state === 'error');
    expect(view('A').stateReason).toContain(`A copy of order ${orderId} may still come out of printer A`);
    const noted = await waitFor('stray copy on the order', async () => (await order(orderId))?.strayCopy);
    expect(noted).toMatchObject({ printerName: 'A' });
  });

  it('a copy that could not be withdrawn is still a question after a restart, until the spooler lets it go', async () => {
    const label = 'own-stray-restart';
    const { db, dbName, drop } = await freshDatabase(t, label);
    const shop = await startShopSimulator({ db });
    const root = tempDir(label);
    const options = {
      uri: t.uri,
      dbName,
      name: label,
      printerRoot: root,
      printers: [{ name: 'A' }, { name: 'B' }],
      msPerPage: 100,
      intervals: { maxPrintDurationMs: 1_500 },
    };
    const first = createFixtureStation(options);
    cleanup.push(drop, () => shop.stop());
    const refuseCancel = (station: typeof first) => {
      station.driver.cancel = async () => {
        throw new Error('the spooler refuses');
      };
    };
    refuseCancel(first);
    await first.engine.start();
    const viewOf = (station: typeof first, name: string) => station.engine.snapshot().printers.find((p) => p.name === name)!;
    const order = (orderId: string) => db.collection('orders').findOne({ orderId });
    await first.engine.pausePrinter(first.printerId('B'), operator);
    const { orderId } = await shop.createOrder({ pages: 20 });
    await waitFor('job printing on A', () => viewOf(first, 'A').currentJob?.spoolerState === 'processing');
    first.driver.stall(systemNameOf(label, 'A'));
    await waitFor('order needs attention', async () => (await order(orderId))?.printStatus === 'needs_attention');
    expect((await first.engine.repositories.orders.reprint(orderId, operator, 'the tray is empty')).ok).toBe(true);
    await waitFor('A in error', () => viewOf(first, 'A').state === 'error');
    await first.engine.stop('restart');

    // Restarted while the spooler still refuses: the printer asks the same question again instead of printing on.
    const second = createFixtureStation({ ...options, dataDir: first.dataDir });
    refuseCancel(second);
    await second.engine.start();
    await waitFor('A in error again after the restart', () => viewOf(second, 'A').state === 'error');
    expect(viewOf(second, 'A').stateReason).toContain(`A copy of order ${orderId} may still come out of printer A`);
    await second.engine.stop('restart');

    // Restarted once the spooler cancels again: the stray job is withdrawn at start and the order no longer warns.
    const third = createFixtureStation({ ...options, dataDir: first.dataDir });
    cleanup.push(() => third.engine.stop('test over'));
    await third.engine.start();
    const strayJobId = (await db.collection('print_logs').findOne({ orderId, action: 'stray_copy' }))!.printJobId as string;
    const stuck = (await third.driver.findJob(systemNameOf(label, 'A'), strayJobId))!;
    await waitFor('the stray job cancelled', async () => (await third.driver.jobState(stuck)).state === 'canceled');
    await waitFor('the order no longer warns', async () => !(await order(orderId))?.strayCopy);
    third.driver.unstall(systemNameOf(label, 'A'));
    await waitFor('A ready', () => viewOf(third, 'A').state === 'ready');
    // The reprint (B is paused) then prints on A, once; the withdrawn copy never does.
    const reprinted = await waitFor('the reprint printed', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'printed' && o;
    });
    expect(printedJobNames(`${root}/${systemNameOf(label, 'A')}`)).toEqual([reprinted.printJobId]);
  });
});
