/**
 * Every path that gives an order back to the queue (a failed attempt, the reaper, a station shutting down) honours
 * a pending cancel request in the same write and counts toward the failure policy's limits (issue 8, cases 4 and 8).
 */
import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { anna, hourAgo, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('giveback');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);

let rush = 1_000;
/** Claims a new order ahead of anything left in the queue by earlier tests. */
async function claimOne(overrides: Record<string, unknown> = {}, worker = station()) {
  const orderId = `GB-${(rush += 1)}`;
  await orders.insertOne(paidOrder({ orderId, priority: rush, ...overrides }));
  const claim = await repo.claimNextOrder(officeLaser, worker);
  if (claim?.fence.orderId !== orderId) throw new Error(`claimed ${claim?.fence.orderId} instead of ${orderId}`);
  return claim;
}

/** An order a crashed station left `printing` with an expired lease in the given phase. */
async function abandoned(orderId: string, printPhase: string, extra: Record<string, unknown> = {}) {
  await orders.insertOne(
    paidOrder({
      orderId,
      printStatus: 'printing',
      printPhase,
      printJobId: `job-${orderId}`,
      printingBy: 'worker-dead',
      stationId: 'station-dead',
      printerId: 'laser-9',
      leaseExpiresAt: hourAgo(),
      leaseRenewedAt: hourAgo(),
      printStartedAt: hourAgo(),
      ...extra,
    }),
  );
}

const statusOf = async (orderId: string) => (await orders.findOne({ orderId }))?.printStatus;

describe(`a cancel request is honoured by every give-back (${t.serverKind})`, () => {
  it('a failed attempt with a cancel request ends cancelled in the same write, logged printing -> cancelled', async () => {
    const { fence } = await claimOne();
    await repo.cancel(fence.orderId, anna, 'customer rang');
    expect(await repo.releaseForRetry(fence, { code: 'network', message: 'download timed out', nextAttemptAt: null })).toEqual({
      ok: true,
    });
    expect(await orders.findOne({ orderId: fence.orderId })).toMatchObject({ printStatus: 'cancelled', printErrorCode: 'cancelled' });
    expect(await logs.findOne({ orderId: fence.orderId, action: 'cancel', source: 'station' })).toMatchObject({
      previousStatus: 'printing',
      newStatus: 'cancelled',
    });
  });

  it('the reaper cancels an expired claim whose cancel was requested instead of re-queueing it', async () => {
    await abandoned('GB-REAP-CANCEL', 'downloading', { cancelRequestedAt: hourAgo() });
    await repo.reapExpiredLeases();
    expect(await statusOf('GB-REAP-CANCEL')).toBe('cancelled');
    expect(await logs.findOne({ orderId: 'GB-REAP-CANCEL', action: 'cancel' })).toMatchObject({
      source: 'reaper',
      previousStatus: 'printing',
      newStatus: 'cancelled',
    });
  });

  it('a station shutting down cancels its unsent orders whose cancel was requested', async () => {
    const quitting = station(21);
    const { fence } = await claimOne({}, quitting);
    await repo.cancel(fence.orderId, anna);
    expect(await repo.releaseOnShutdown(quitting.workerId)).toBe(1);
    expect(await statusOf(fence.orderId)).toBe('cancelled');
  });

  it('the claim never takes an order with a cancel request, and the unprintable sweep cancels it', async () => {
    await orders.insertOne(paidOrder({ orderId: 'GB-PENDING-CANCEL', priority: 20_000, cancelRequestedAt: hourAgo() }));
    await orders.insertOne(paidOrder({ orderId: 'GB-NEXT', priority: 19_999 }));
    expect((await repo.claimNextOrder(officeLaser, station()))?.fence.orderId).toBe('GB-NEXT');
    await repo.failUnprintable([officeLaser.capabilities], 60_000);
    expect(await orders.findOne({ orderId: 'GB-PENDING-CANCEL' })).toMatchObject({ printStatus: 'cancelled', printErrorCode: 'cancelled' });
    expect(await logs.findOne({ orderId: 'GB-PENDING-CANCEL', action: 'cancel' })).toMatchObject({
      previousStatus: 'pending',
      newStatus: 'cancelled',
    });
  });
});

describe(`give-backs count toward the failure policy (${t.serverKind})`, () => {
  it('a retry counts its class, a bounce counts nothing, a failure counts its class; the claim returns the counts', async () => {
    const first = await claimOne();
    await repo.releaseForRetry(first.fence, { code: 'network', message: 'HTTP 503', nextAttemptAt: null });
    expect((await orders.findOne({ orderId: first.fence.orderId }))?.failureCounts).toEqual({ network: 1 });
    const second = await repo.claimNextOrder(officeLaser, station());
    expect(second?.fence.orderId).toBe(first.fence.orderId);
    expect(second?.order.failureCounts).toEqual({ network: 1 });
    await repo.releaseForRetry(second!.fence, {
      code: 'printer_offline',
      message: 'the printer stopped being ready',
      nextAttemptAt: null,
      counts: false,
    });
    expect((await orders.findOne({ orderId: first.fence.orderId }))?.failureCounts).toEqual({ network: 1 });
    const third = await repo.claimNextOrder(officeLaser, station());
    await repo.failOrder(third!.fence, { code: 'exhausted', message: 'gave up' });
    expect((await orders.findOne({ orderId: first.fence.orderId }))?.failureCounts).toEqual({ network: 1, exhausted: 1 });
  });

  it('the reaper and the shutdown release count an interruption; the fifth fails the order as exhausted', async () => {
    await abandoned('GB-CRASHER', 'downloading', { failureCounts: { interrupted: 3 } });
    expect(await repo.reapExpiredLeases()).toMatchObject({ requeued: 1 });
    expect(await orders.findOne({ orderId: 'GB-CRASHER' })).toMatchObject({ printStatus: 'pending', failureCounts: { interrupted: 4 } });

    const quitting = station(22);
    await orders.updateOne({ orderId: 'GB-CRASHER' }, { $set: { priority: 50_000 } });
    const claim = await repo.claimNextOrder(officeLaser, quitting);
    expect(claim?.fence.orderId).toBe('GB-CRASHER');
    await repo.releaseOnShutdown(quitting.workerId);
    const doc = await orders.findOne({ orderId: 'GB-CRASHER' });
    expect(doc).toMatchObject({ printStatus: 'failed', printErrorCode: 'exhausted', failureCounts: { interrupted: 5 } });
    expect(doc?.printError).toContain('interrupted');
    expect(await logs.findOne({ orderId: 'GB-CRASHER', newStatus: 'failed' })).toMatchObject({
      previousStatus: 'printing',
      metadata: { code: 'exhausted' },
    });
  });

  it('a reconcile release (code interrupted) uses the same limit', async () => {
    const { fence } = await claimOne({ failureCounts: { interrupted: 4 } });
    expect(
      await repo.releaseForRetry(fence, {
        code: 'interrupted',
        message: 'the station restarted before the job reached the printer',
        nextAttemptAt: null,
      }),
    ).toEqual({ ok: true });
    expect(await orders.findOne({ orderId: fence.orderId })).toMatchObject({ printStatus: 'failed', printErrorCode: 'exhausted' });
  });

  it('an order a shop wrote with failureCounts: null is counted from nothing', async () => {
    await abandoned('GB-NULL-COUNTS', 'claimed', { failureCounts: null });
    await repo.reapExpiredLeases();
    expect(await orders.findOne({ orderId: 'GB-NULL-COUNTS' })).toMatchObject({
      printStatus: 'pending',
      failureCounts: { interrupted: 1 },
    });
    const { fence } = await claimOne({ failureCounts: null });
    await repo.releaseForRetry(fence, { code: 'network', message: 'timeout', nextAttemptAt: null });
    expect((await orders.findOne({ orderId: fence.orderId }))?.failureCounts).toEqual({ network: 1 });
  });

  it('a person re-queueing the order starts its counts again', async () => {
    const { fence } = await claimOne();
    await repo.failOrder(fence, { code: 'invalid_data', message: 'not a PDF' });
    await repo.reprint(fence.orderId, anna);
    expect(await orders.findOne({ orderId: fence.orderId })).not.toHaveProperty('failureCounts');
  });
});
