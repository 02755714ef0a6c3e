import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { PRINT_STATUSES, type PrintStatus } from '../../shared/domain';
import { openTestDatabase } from '../helpers/db';
import { anna, hourAgo, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('operator');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);

let n = 0;
/** An order sitting in `status`, shaped as the station would have left it there. */
async function orderIn(status: PrintStatus, extra: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const orderId = `OP-${status}-${n}`;
  const owned = status === 'printing' || status === 'needs_attention' || status === 'printed' || status === 'failed';
  await orders.insertOne(
    paidOrder({
      orderId,
      printStatus: status,
      printAttempt: owned ? 3 : 0,
      ...(owned ? { printJobId: `job-${orderId}`, printingBy: 'worker-1', printPhase: 'submitted', printError: 'earlier trouble' } : {}),
      ...(status === 'printing' ? { leaseExpiresAt: new Date(Date.now() + 60_000) } : {}),
      ...extra,
    }),
  );
  return orderId;
}

type Act = (orderId: string) => ReturnType<OrderRepository['reprint']>;
const ACTIONS: Array<{ name: string; act: Act; moves: Partial<Record<PrintStatus, PrintStatus>>; log: string }> = [
  {
    name: 'reprint',
    act: (id) => repo.reprint(id, anna, 'customer asked again'),
    moves: { printed: 'pending', failed: 'pending', cancelled: 'pending', needs_attention: 'pending' },
    log: 'reprint',
  },
  {
    name: 'cancel',
    act: (id) => repo.cancel(id, anna, 'refunded'),
    moves: { pending: 'cancelled', failed: 'cancelled', needs_attention: 'cancelled', printing: 'printing' },
    log: 'cancel',
  },
  {
    name: 'reset stuck',
    act: (id) => repo.resetStuck(id, anna, 'printer was unplugged'),
    moves: { printing: 'pending', needs_attention: 'pending' },
    log: 'reset_state',
  },
  {
    name: 'force printed',
    act: (id) => repo.forcePrinted(id, anna, 'printed by hand'),
    moves: { pending: 'printed', printing: 'printed', failed: 'printed', needs_attention: 'printed' },
    log: 'force_printed',
  },
  {
    name: 'confirm retrieval (good)',
    act: (id) => repo.confirmRetrieval(id, 'good', anna),
    moves: { printed: 'printed' },
    log: 'retrieval_confirmed',
  },
  {
    name: 'confirm retrieval (bad, reprint)',
    act: (id) => repo.confirmRetrieval(id, 'bad', anna, 'smudged'),
    moves: { printed: 'pending' },
    log: 'retrieval_rejected',
  },
];

describe(`operator actions (${t.serverKind})`, () => {
  for (const { name, act, moves, log } of ACTIONS) {
    for (const from of PRINT_STATUSES) {
      const to = moves[from];
      it(`${name} on a ${from} order is ${to ? `allowed (-> ${to})` : 'refused'}, and logged either way`, async () => {
        const orderId = await orderIn(from);
        const result = await act(orderId);
        const doc = await orders.findOne({ orderId });
        const entry = await logs.findOne({ orderId });
        expect(entry).toMatchObject({ adminId: 'anna', adminEmail: 'anna@shop.example', source: 'operator', previousStatus: from });
        expect(entry?.timestamp).toBeInstanceOf(Date);
        if (to) {
          expect(result).toEqual({ ok: true, previousStatus: from, newStatus: to });
          expect(doc?.printStatus).toBe(to);
          const expectedLog = name === 'cancel' && from === 'printing' ? 'cancel_requested' : log;
          expect(entry).toMatchObject({ action: expectedLog, newStatus: to });
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toContain(`an order that is ${from}`);
          expect(doc?.printStatus).toBe(from);
          expect(entry?.action).toBe(log);
          expect(entry?.metadata?.refused).toBe(result.ok ? undefined : result.reason);
        }
      });
    }
  }

  it('reprint puts the order back in the queue with a clean slate', async () => {
    const orderId = await orderIn('failed', {
      priority: 99,
      nextAttemptAt: hourAgo(),
      retrievedAt: hourAgo(),
      printErrorCode: 'exhausted',
    });
    await repo.reprint(orderId, anna);
    const doc = await orders.findOne({ orderId });
    expect(doc).toMatchObject({ printStatus: 'pending', printAttempt: 0 });
    for (const field of ['printJobId', 'printError', 'printErrorCode', 'nextAttemptAt', 'retrievedAt', 'printingBy'])
      expect(doc).not.toHaveProperty(field);
    expect((await repo.claimNextOrder(officeLaser, station()))?.order.orderId).toBe(orderId);
  });

  it('cancelling a printing order only asks its station to stop; the station then records it cancelled', async () => {
    await orders.insertOne(paidOrder({ orderId: 'CANCEL-ME', priority: 50 }));
    const claim = await repo.claimNextOrder(officeLaser, station());
    expect(claim?.order.orderId).toBe('CANCEL-ME');
    expect(await repo.cancel('CANCEL-ME', anna)).toEqual({ ok: true, previousStatus: 'printing', newStatus: 'printing' });
    expect((await orders.findOne({ orderId: 'CANCEL-ME' }))?.cancelRequestedAt).toBeInstanceOf(Date);
    expect(await repo.completeCancelled(claim!.fence)).toEqual({ ok: true });
    expect((await orders.findOne({ orderId: 'CANCEL-ME' }))?.printStatus).toBe('cancelled');
  });

  it("resetting a stuck order takes it from its station: the station's next write reports lost ownership", async () => {
    await orders.insertOne(paidOrder({ orderId: 'STUCK', priority: 60 }));
    const claim = await repo.claimNextOrder(officeLaser, station());
    await repo.resetStuck('STUCK', anna);
    expect(await repo.renewLease(claim!.fence)).toEqual({ ok: false, lostOwnership: true });
  });

  it('confirms a retrieval only once, recording who took the item from the tray', async () => {
    const orderId = await orderIn('printed');
    expect((await repo.confirmRetrieval(orderId, 'good', anna)).ok).toBe(true);
    expect(await orders.findOne({ orderId })).toMatchObject({ printStatus: 'printed', retrievedBy: 'anna@shop.example' });
    const again = await repo.confirmRetrieval(orderId, 'bad', anna);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.reason).toContain('already taken from the tray');
  });

  it('a bad item goes back to the queue, retrieved, and the next claim starts a fresh retrieval', async () => {
    const orderId = await orderIn('printed', { priority: 70 });
    await repo.confirmRetrieval(orderId, 'bad', anna, 'smudged');
    expect(await orders.findOne({ orderId })).toMatchObject({ printStatus: 'pending', retrievedBy: 'anna@shop.example' });
    const claim = await repo.claimNextOrder(officeLaser, station());
    expect(claim?.order.orderId).toBe(orderId);
    expect(await orders.findOne({ orderId })).not.toHaveProperty('retrievedAt');
  });

  it('refuses an order that does not exist, and says so', async () => {
    const result = await repo.forcePrinted('NO-SUCH-ORDER', anna);
    expect(result).toMatchObject({ ok: false, reason: 'there is no order NO-SUCH-ORDER' });
    expect(await logs.findOne({ orderId: 'NO-SUCH-ORDER' })).toMatchObject({ action: 'force_printed', adminId: 'anna' });
  });
});

describe(`reads for the operator's screens (${t.serverKind})`, () => {
  it('counts orders by status and lists them a page at a time, malformed ones included', async () => {
    const counts = await repo.countByStatus();
    expect(Object.keys(counts).sort()).toEqual([...PRINT_STATUSES].sort());
    expect(counts.pending).toBe(await orders.countDocuments({ printStatus: 'pending' }));
    await orders.insertOne({ orderId: 'SHOWN-ANYWAY', printStatus: 'failed', createdAt: 'yesterday' });
    const page = await repo.listOrders({ tab: 'failed', search: 'shown-any', page: 0, pageSize: 10 });
    expect(page.total).toBe(1);
    expect(page.orders[0]?.orderId).toBe('SHOWN-ANYWAY');
    expect((await repo.listOrders({ tab: 'failed', search: 'shown-any', page: 1, pageSize: 10 })).orders).toEqual([]);
    expect((await repo.getOrder('SHOWN-ANYWAY'))?.printStatus).toBe('failed');
    expect(await repo.getOrder('NOPE')).toBeNull();
  });
});

describe(`a cancel request meets a failing attempt (${t.serverKind})`, () => {
  it('an order whose attempt fails after the operator asked to cancel is cancelled, not printed again', async () => {
    await orders.insertOne(paidOrder({ orderId: 'CANCEL-THEN-FAIL', priority: 80 }));
    const claim = await repo.claimNextOrder(officeLaser, station());
    await repo.cancel('CANCEL-THEN-FAIL', anna, 'customer rang');
    expect(await repo.releaseForRetry(claim!.fence, { code: 'network', message: 'download timed out', nextAttemptAt: null })).toEqual({
      ok: true,
    });
    expect((await orders.findOne({ orderId: 'CANCEL-THEN-FAIL' }))?.printStatus).toBe('cancelled');
    expect(await logs.findOne({ orderId: 'CANCEL-THEN-FAIL', action: 'cancel', source: 'station' })).toMatchObject({
      previousStatus: 'printing',
      newStatus: 'cancelled',
    });
  });
});

describe(`"did it print?" answers act on the attempt they were asked about (${t.serverKind})`, () => {
  it('an answer naming an earlier printJobId is refused once the order has moved on, and accepted for the current one', async () => {
    const orderId = await orderIn('needs_attention');
    const asked = `job-${orderId}`;
    // Meanwhile another person re-queued it and a station claimed it again: a new attempt.
    await orders.updateOne(
      { orderId },
      { $set: { printStatus: 'printing', printJobId: 'job-second-attempt', leaseExpiresAt: new Date(Date.now() + 60_000) } },
    );
    for (const act of [
      () => repo.reprint(orderId, anna, 'tray empty', { printJobId: asked }),
      () => repo.forcePrinted(orderId, anna, 'it printed', { printJobId: asked }),
      () => repo.resetStuck(orderId, anna, undefined, { printJobId: asked }),
      () => repo.cancel(orderId, anna, undefined, { printJobId: asked }),
    ]) {
      const result = await act();
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain('has moved on since you were asked');
    }
    expect(await orders.findOne({ orderId })).toMatchObject({ printStatus: 'printing', printJobId: 'job-second-attempt' });
    expect(await orders.findOne({ orderId })).not.toHaveProperty('cancelRequestedAt');
    expect((await repo.forcePrinted(orderId, anna, 'it printed', { printJobId: 'job-second-attempt' })).ok).toBe(true);
  });

  it('a retrieval answer for an earlier attempt is refused too', async () => {
    const orderId = await orderIn('printed');
    expect((await repo.confirmRetrieval(orderId, 'bad', anna, 'smudged', { printJobId: 'job-long-ago' })).ok).toBe(false);
    expect((await repo.confirmRetrieval(orderId, 'good', anna, undefined, { printJobId: `job-${orderId}` })).ok).toBe(true);
  });
});
