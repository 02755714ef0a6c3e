/**
 * Issue 8, station half: maybe-sent driver errors, per-class failure counts, any BSON _id in the journal, the
 * retrieval gate across restarts, a resumed job holding its lease, a claim in flight during stop.
 */
import { describe, expect, it } from 'vitest';
import { Binary, UUID } from 'mongodb';
import { PrintFailure, type SubmitRequest } from '../../electron/printing/driver';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, operator, systemNameOf, waitFor, openPrintRoom, type PrintRoomStation } from './stationFixture';

const t = await openTestDatabase('station_issue8');
const cleanup = cleanupAfterEach();

function setup(label: string, station: PrintRoomStation, start = true) {
  return openPrintRoom(t, cleanup, label, station, { start });
}

const viewOf = (s: { engine: { snapshot(): { printers: Array<{ name: string }> } } }, name: string) =>
  s.engine.snapshot().printers.find((p) => p.name === name) as ReturnType<
    import('../../electron/station/engine').StationEngine['snapshot']
  >['printers'][number];

async function statusOf(order: (id: string) => Promise<any>, orderId: string, status: string) {
  return waitFor(`order ${orderId} ${status}`, async () => {
    const o = await order(orderId);
    return o?.printStatus === status && o;
  });
}

describe('a driver error is not proof that nothing was sent', () => {
  it('a driver that queues the job and then throws a plain error: the job is found by name, printed once', async () => {
    const { shop, s, order, printed, system } = await setup('throw-after', { printers: [{ name: 'P' }] });
    s.driver.throwAfterQueue(system('P'));
    const { orderId } = await shop.createOrder({ pages: 2 });
    const done = await statusOf(order, orderId, 'printed');
    expect(printed('P')).toEqual([done.printJobId]);
    expect(done.printAttempt).toBe(1);
  });

  it('an IPP-like timeout after the upload (a maybe-sent PrintFailure): the job is found and printed once, not re-queued', async () => {
    const { shop, s, order, printed } = await setup('maybe-sent', { printers: [{ name: 'P' }] });
    const submit = s.driver.submit.bind(s.driver);
    let thrown = 0;
    s.driver.submit = async (request: SubmitRequest) => {
      await submit(request);
      if (thrown++ > 0) throw new Error('only the first submit fails');
      throw new PrintFailure('printer_offline', 'the printer did not answer after the upload (timeout)');
    };
    const { orderId } = await shop.createOrder({ pages: 2 });
    const done = await statusOf(order, orderId, 'printed');
    await new Promise((r) => setTimeout(r, 1_000)); // a wrongly re-queued copy would print within this
    expect(printed('P')).toEqual([done.printJobId]);
  });

  it('where the driver cannot tell, the order goes to needs_attention and the printer to error with the question', async () => {
    const { shop, s, order, printed } = await setup('cannot-tell', { printers: [{ name: 'P' }] });
    Object.defineProperty(s.driver, 'knowsEveryJob', { value: false });
    s.driver.submit = async () => {
      throw new PrintFailure('printer_offline', 'connection dropped mid-write');
    };
    const { orderId } = await shop.createOrder({ pages: 2 });
    const flagged = await statusOf(order, orderId, 'needs_attention');
    expect(flagged.printError).toMatch(/did order .* print\?/);
    await waitFor('printer in error', () => viewOf(s, 'P').state === 'error');
    expect(viewOf(s, 'P').unknownOutcome?.orderId).toBe(orderId);
    expect(printed('P')).toEqual([]);
  });

  it('a refusal the driver marks sent: no is released at once as before', async () => {
    const { shop, s, order } = await setup('sent-no', { printers: [{ name: 'P' }] });
    s.driver.submit = async () => {
      throw new PrintFailure('printer_offline', 'connection refused', { sent: 'no' });
    };
    const { orderId } = await shop.createOrder({ pages: 2 });
    await waitFor('released', async () => (await order(orderId))?.printErrorCode === 'printer_offline');
    expect((await order(orderId))?.printStatus).not.toBe('needs_attention');
  });
});

describe('the failure policy counts each class on its own', () => {
  it('a download failing once after four printer_offline bounces is retried, not failed "after 5 attempts"', async () => {
    const { db, shop, order } = await setup('per-class', { printers: [{ name: 'P' }] }, false).then(async (env) => {
      await env.s.engine.start();
      return env;
    });
    const { orderId } = await shop.createOrder({ pages: 1, fileURL: `${shop.baseUrl}/files/server-error` });
    // Four bounces off offline printers before this claim (written as the order core counts them).
    await db.collection('orders').updateOne({ orderId }, { $set: { printAttempt: 4, failureCounts: { printer_offline: 4 } } });
    const retried = await waitFor('download failure settled', async () => {
      const o = await order(orderId);
      return o?.printErrorCode && o.printStatus !== 'printing' && o;
    });
    expect(retried.printStatus).toBe('pending');
    expect(retried.printErrorCode).toBe('network');
  });
});

describe('an order _id of any BSON type', () => {
  it('sub-document, UUID and Date _ids each print once, and the loop keeps claiming', async () => {
    const { db, shop, s, order, printed } = await setup('bson-ids', { printers: [{ name: 'P' }] }, false);
    const ids: unknown[] = [{ shop: 'eu', n: 7 }, new UUID(), new Binary(Buffer.from('raw-id-bytes'), 0), new Date('2024-05-01T10:00:00Z')];
    const odd: string[] = [];
    for (const _id of ids) {
      const { orderId } = await shop.createOrder({ pages: 1 });
      const doc = (await db.collection('orders').findOneAndDelete({ orderId }))!;
      await db.collection('orders').insertOne({ ...doc, _id: _id as never });
      odd.push(orderId);
    }
    await s.engine.start();
    for (const orderId of odd) await statusOf(order, orderId, 'printed');
    const { orderId: plain } = await shop.createOrder({ pages: 1 });
    await statusOf(order, plain, 'printed');
    expect(printed('P')).toHaveLength(odd.length + 1);
    // The outcome is written before the printer moves on: wait for the move instead of sampling it.
    await waitFor('P ready again', () => viewOf(s, 'P').state === 'ready');
  });
});

describe('the retrieval gate survives restarts', () => {
  it('a printer awaiting retrieval comes back awaiting it after a graceful restart; only a person releases it', async () => {
    const { shop, s, open, order } = await setup('gate-restart', { printers: [{ name: 'R', requiresRetrieval: true }] });
    const first = await shop.createOrder({ pages: 1 });
    await waitFor('awaiting retrieval', () => viewOf(s, 'R').state === 'awaiting_retrieval');
    await s.engine.stop('restart');
    const second = await shop.createOrder({ pages: 1 });
    const again = open();
    await again.engine.start();
    expect(viewOf(again, 'R').state).toBe('awaiting_retrieval');
    expect(viewOf(again, 'R').awaitingOrderId).toBe(first.orderId);
    await new Promise((r) => setTimeout(r, 1_500)); // claim opportunities pass; the gate holds
    expect((await order(second.orderId))?.printStatus).toBe('pending');
    expect(await again.engine.confirmRetrieval(again.printerId('R'), 'good', operator)).toEqual({ ok: true });
    await waitFor('second printed', async () => (await order(second.orderId))?.printStatus === 'printed');
  });

  it('a job that finished while the station was down puts a retrieval printer in awaiting_retrieval at start', async () => {
    const { shop, s, open, order } = await setup('gate-reconcile', {
      printers: [{ name: 'R', requiresRetrieval: true }],
      msPerPage: 100,
      intervals: { shutdownGraceMs: 200 },
    });
    const first = await shop.createOrder({ pages: 8 });
    await waitFor('job at the spooler', () => viewOf(s, 'R').currentJob?.spoolerState === 'processing');
    await s.engine.stop('restart'); // leaves the job to the journal; the spooler finishes it while the station is down
    const second = await shop.createOrder({ pages: 1 });
    const again = open();
    await waitFor('the spooler finished it', async () => {
      const ref = await again.driver.findJob(systemNameOf('gate-reconcile', 'R'), (await order(first.orderId))!.printJobId);
      return ref && (await again.driver.jobState(ref)).state === 'completed';
    });
    await again.engine.start();
    expect(viewOf(again, 'R').state).toBe('awaiting_retrieval');
    expect(viewOf(again, 'R').awaitingOrderId).toBe(first.orderId);
    await statusOf(order, first.orderId, 'printed');
    expect((await order(second.orderId))?.printStatus).toBe('pending');
  });
});

describe('a job followed again after a restart holds its lease', () => {
  it('a graceful restart in the middle of a long job: never flagged while printing, printed exactly once', async () => {
    const { db, shop, s, open, order, printed } = await setup('resume-lease', {
      printers: [{ name: 'P' }],
      msPerPage: 150,
      intervals: { shutdownGraceMs: 200 },
    });
    const { orderId } = await shop.createOrder({ pages: 70 });
    await waitFor('job at the spooler', () => viewOf(s, 'P').currentJob?.spoolerState === 'processing');
    await s.engine.stop('restart');
    const again = open();
    await again.engine.start();
    expect(again.engine.lastReconcile?.resumed).toBe(1);
    const done = await statusOf(order, orderId, 'printed');
    expect(printed('P')).toEqual([done.printJobId]);
    const flagged = await db.collection('print_logs').countDocuments({ orderId, newStatus: 'needs_attention' });
    expect(flagged).toBe(0);
  }, 60_000);
});

describe('stop() while a claim is in flight', () => {
  it('the order claimed as the station stops goes back to pending in the same shutdown', async () => {
    const { shop, s, order } = await setup('claim-in-flight', { printers: [{ name: 'P' }], intervals: { leaseMs: 60_000 } }, false);
    const orders = s.engine.repositories.orders;
    const claim = orders.claimNextOrder.bind(orders);
    let stopping!: () => void;
    const stopBegun = new Promise<void>((r) => (stopping = r));
    let claimStarted!: () => void;
    const started = new Promise<void>((r) => (claimStarted = r));
    orders.claimNextOrder = async (...args) => {
      claimStarted();
      await stopBegun;
      await new Promise((r) => setTimeout(r, 300)); // lands while the shutdown is under way
      return claim(...args);
    };
    const { orderId } = await shop.createOrder({ pages: 1 });
    await s.engine.start();
    await started;
    const stopped = s.engine.stop('test');
    stopping();
    await stopped;
    expect((await order(orderId))?.printStatus).toBe('pending');
  });
});
