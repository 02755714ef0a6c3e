/**
 * The drill's shop: N paid orders whose PDFs come from the loopback file server, about one in ten of them long
 * (many pages, so that a restart can land in the middle of one), arriving in waves over the fault period as a
 * shop's orders do, so that faults meet a fleet at work instead of an empty queue.
 */
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { sleep } from '../args';
import type { OrderFileServer } from './orderFiles';
import type { DrillRandom } from './random';

export interface ShopPlan {
  orderIds: string[];
  longOrderIds: Set<string>;
}

export function planOrders(count: number, longShare: number, random: DrillRandom): ShopPlan {
  const orderIds = Array.from({ length: count }, (_, i) => `CHAOS-${String(i + 1).padStart(5, '0')}-${randomUUID().slice(0, 4)}`);
  const longOrderIds = new Set(orderIds.filter(() => random.chance(longShare)));
  return { orderIds, longOrderIds };
}

/**
 * Inserts the orders in `waves` batches spread over `spanMs` (all at once when waves is 1). `arrived()` lists the
 * orders inserted so far. Stops early when `stopped()` says so.
 */
export function feedOrders(
  orders: Collection,
  plan: ShopPlan,
  files: OrderFileServer,
  pages: { normal: number; long: number },
  waves: number,
  spanMs: number,
  stopped: () => boolean,
): { done: Promise<void>; arrived: () => string[] } {
  let arrived = 0;
  const batch = Math.ceil(plan.orderIds.length / Math.max(1, waves));
  const done = (async () => {
    for (let start = 0; start < plan.orderIds.length && !stopped(); start += batch) {
      if (start > 0) await sleep(spanMs / waves);
      const t0 = Date.now();
      const ids = plan.orderIds.slice(start, start + batch);
      await orders.insertMany(
        ids.map((orderId, i) => ({
          orderId,
          paymentStatus: 'completed',
          printStatus: 'pending',
          createdAt: new Date(t0 + i),
          priority: 0,
          fileURL: files.urlFor(orderId, plan.longOrderIds.has(orderId) ? pages.long : pages.normal),
          printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
        })),
      );
      arrived = start + ids.length;
    }
  })();
  return { done, arrived: () => plan.orderIds.slice(0, arrived) };
}
