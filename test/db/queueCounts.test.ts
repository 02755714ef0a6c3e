/**
 * The header's queue counts (OrderRepository.countByStatus): one number per print status, over every order the
 * shop has. Orders with a status no station knows, or none yet, are in no count; a status with no orders is 0.
 * The query is index-served since issue 12's follow-up; these counts are what it answered before.
 */
import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { paidOrder } from './fixtures';

const t = await openTestDatabase('queue_counts');
await migrate(t.db);
const orders = t.db.collection('orders');
const repo = new OrderRepository(t.db);

describe(`the queue counts (${t.serverKind})`, () => {
  it('are zero for every status on an empty shop', async () => {
    expect(await repo.countByStatus()).toEqual({ pending: 0, printing: 0, printed: 0, failed: 0, cancelled: 0, needs_attention: 0 });
  });

  it('count each known status, and leave out an unknown status, a missing one, null and a malformed one', async () => {
    // paidOrder leaves out a field given as undefined: no printStatus at all.
    const inStatus = (printStatus: unknown, n: number) => Array.from({ length: n }, () => paidOrder({ printStatus }));
    await orders.insertMany([
      ...inStatus('pending', 3),
      ...inStatus('printing', 2),
      ...inStatus('printed', 5),
      ...inStatus('failed', 1),
      ...inStatus('needs_attention', 2),
      // none cancelled: still counted, as 0
      ...inStatus('on_hold_by_shop', 2), // a status the shop invented
      ...inStatus('PENDING', 1), // not the same word
      ...inStatus(undefined, 2), // from before the stations (migrate leaves unpaid ones alone)
      ...inStatus(null, 1),
      ...inStatus(7, 1),
    ]);
    // An order with no printStatus and no payment: migrate does not queue it.
    await orders.insertOne({ orderId: 'UNPAID-OLD', paymentStatus: 'pending', createdAt: new Date() });

    expect(await repo.countByStatus()).toEqual({ pending: 3, printing: 2, printed: 5, failed: 1, cancelled: 0, needs_attention: 2 });
  });
});
