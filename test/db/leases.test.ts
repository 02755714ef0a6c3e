/**
 * Leases judged by the database's clock, a lease kept over a flagged job, orders printing with no lease at all, and
 * what a station reads and writes when it may have lost an order (issue 8, cases 1, 2, 6 and 11).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_SKEW_MARGIN_MS, OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { waitFor } from '../station/stationFixture';
import { anna, hourAgo, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('leases');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);

let rush = 1_000;
/** Claims a new order ahead of anything left in the queue by earlier tests. */
async function claimWith(r: OrderRepository, orderId: string, worker = station()) {
  await orders.insertOne(paidOrder({ orderId, priority: (rush += 1) }));
  const claim = await r.claimNextOrder(officeLaser, worker);
  if (claim?.fence.orderId !== orderId) throw new Error(`claimed ${claim?.fence.orderId} instead of ${orderId}`);
  return claim;
}

describe(`leases by the database's clock (${t.serverKind})`, () => {
  it('the claim and every renewal stamp leaseRenewedAt with the database time', async () => {
    const { fence } = await claimWith(repo, 'L-STAMPED');
    const claimed = (await orders.findOne({ orderId: 'L-STAMPED' }))?.leaseRenewedAt as Date;
    expect(claimed).toBeInstanceOf(Date);
    await waitFor('a renewal moves leaseRenewedAt on', async () => {
      expect(await repo.renewLease(fence)).toEqual({ ok: true });
      return ((await orders.findOne({ orderId: 'L-STAMPED' }))?.leaseRenewedAt as Date) > claimed;
    });
  });

  it('a station whose clock runs an hour ahead still has its crashed claim reaped once the lease runs out', async () => {
    const ahead = new OrderRepository(t.db, { leaseMs: 300, clockSkewMarginMs: 100, now: () => new Date(Date.now() + 3_600_000) });
    const reaper = new OrderRepository(t.db, { leaseMs: 300, clockSkewMarginMs: 100 });
    await claimWith(ahead, 'L-CLOCK-AHEAD');
    await waitFor('the reaper returns the order to the queue', async () => {
      await reaper.reapExpiredLeases();
      return (await orders.findOne({ orderId: 'L-CLOCK-AHEAD' }))?.printStatus === 'pending';
    });
  });

  it("a live lease is not reaped however far behind the owner's clock is", async () => {
    const behind = new OrderRepository(t.db, { leaseMs: 60_000, now: () => new Date(Date.now() - 3_600_000) });
    await claimWith(behind, 'L-CLOCK-BEHIND');
    await repo.reapExpiredLeases();
    expect((await orders.findOne({ orderId: 'L-CLOCK-BEHIND' }))?.printStatus).toBe('printing');
  });

  it('an order left by an older station (leaseExpiresAt only) is still judged by it', async () => {
    await orders.insertOne(
      paidOrder({
        orderId: 'L-LEGACY',
        printStatus: 'printing',
        printPhase: 'claimed',
        printJobId: 'job-L-LEGACY',
        leaseExpiresAt: hourAgo(),
        printStartedAt: hourAgo(),
      }),
    );
    await repo.reapExpiredLeases();
    expect((await orders.findOne({ orderId: 'L-LEGACY' }))?.printStatus).toBe('pending');
  });

  it('one skew margin by default', () => {
    expect(DEFAULT_CLOCK_SKEW_MARGIN_MS).toBeGreaterThan(0);
  });
});

describe(`a flagged or resumed job stays owned (${t.serverKind})`, () => {
  it('renewLease keeps a lease on an order flagged needs_attention under the same printJobId', async () => {
    const { fence } = await claimWith(repo, 'L-FLAGGED');
    await repo.flagNeedsAttention(fence, 'printing for longer than 30 minutes');
    expect(await repo.renewLease(fence)).toEqual({ ok: true });
    expect(await repo.ownershipOf(fence)).toEqual({
      owned: true,
      printStatus: 'needs_attention',
      printJobId: fence.printJobId,
      cancelRequested: false,
    });
  });

  it('ownershipOf tells a station it lost the order after an operator acted, and when a cancel was asked', async () => {
    const a = await claimWith(repo, 'L-CANCEL-ASKED');
    await repo.cancel('L-CANCEL-ASKED', anna);
    expect(await repo.ownershipOf(a.fence)).toEqual({
      owned: true,
      printStatus: 'printing',
      printJobId: a.fence.printJobId,
      cancelRequested: true,
    });
    const b = await claimWith(repo, 'L-RESET');
    await repo.resetStuck('L-RESET', anna);
    expect(await repo.ownershipOf(b.fence)).toEqual({ owned: false, printStatus: 'pending', printJobId: null, cancelRequested: false });
    expect(await repo.renewLease(b.fence)).toEqual({ ok: false, lostOwnership: true });
    await orders.deleteOne({ orderId: 'L-RESET' });
    expect(await repo.ownershipOf(b.fence)).toEqual({ owned: false, printStatus: null, printJobId: null, cancelRequested: false });
  });

  it('a stray copy is written on the order by _id, logged stray_copy, and cleared once the job is confirmed gone', async () => {
    const { fence } = await claimWith(repo, 'L-STRAY');
    await repo.resetStuck('L-STRAY', anna);
    await repo.noteStrayCopy(fence, {
      stationId: 'station-1',
      printerId: 'laser-1',
      printerName: 'Office laser',
      spoolJobId: 'cups-77',
      reason: 'the spooler did not answer the cancel',
    });
    const doc = await orders.findOne({ orderId: 'L-STRAY' });
    expect(doc?.strayCopy).toMatchObject({
      printJobId: fence.printJobId,
      stationId: 'station-1',
      printerId: 'laser-1',
      printerName: 'Office laser',
      spoolJobId: 'cups-77',
    });
    expect(doc?.strayCopy.at).toBeInstanceOf(Date);
    expect(await logs.findOne({ orderId: 'L-STRAY', action: 'stray_copy' })).toMatchObject({
      printJobId: fence.printJobId,
      printerId: 'laser-1',
    });
    expect((await repo.getOrder('L-STRAY'))?.strayCopy?.printerName).toBe('Office laser');
    await repo.clearStrayCopy('L-STRAY', 'some-other-job');
    expect(await orders.findOne({ orderId: 'L-STRAY' })).toHaveProperty('strayCopy');
    await repo.clearStrayCopy('L-STRAY', fence.printJobId);
    expect(await orders.findOne({ orderId: 'L-STRAY' })).not.toHaveProperty('strayCopy');
  });
});

describe(`orders printing with no lease at all (${t.serverKind})`, () => {
  const bare = (orderId: string, extra: Record<string, unknown>) =>
    paidOrder({ orderId, printStatus: 'printing', printJobId: `job-${orderId}`, printerId: 'laser-old', ...extra });

  it('go to a person after the maximum print duration, or at once with no start time; recent ones are left alone', async () => {
    const r = new OrderRepository(t.db, { maxPrintDurationMs: 30 * 60_000 });
    await orders.insertMany([
      bare('L-BARE-OLD', { printStartedAt: hourAgo() }),
      bare('L-BARE-NO-START', {}),
      bare('L-BARE-RECENT', { printStartedAt: new Date() }),
    ]);
    expect(await r.reapExpiredLeases()).toMatchObject({ needsAttention: 2 });
    for (const orderId of ['L-BARE-OLD', 'L-BARE-NO-START']) {
      const doc = await orders.findOne({ orderId });
      expect(doc, orderId).toMatchObject({ printStatus: 'needs_attention' });
      expect(doc?.printError, orderId).toMatch(/no lease.*say whether it printed/);
      expect(await logs.findOne({ orderId, source: 'reaper' }), orderId).toMatchObject({
        previousStatus: 'printing',
        newStatus: 'needs_attention',
      });
    }
    expect((await orders.findOne({ orderId: 'L-BARE-RECENT' }))?.printStatus).toBe('printing');
  });
});
