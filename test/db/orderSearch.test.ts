/**
 * Finding any order (issue 11) at the database: by order id, customer, file name and printer; within a date range;
 * by status (cancelled, held, all), printer, station and options; a page at a time, on an index.
 */
import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { INDEXES } from '../../electron/db/indexes';
import type { OrderSearch } from '../../electron/db/orderSearch';
import { openTestDatabase } from '../helpers/db';
import { paidOrder } from './fixtures';

const t = await openTestDatabase('search');
await migrate(t.db);
const orders = t.db.collection('orders');
const repo = new OrderRepository(t.db);

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 9, d, h, 0, 0));
await orders.insertMany([
  paidOrder({
    orderId: 'FIND-1001',
    createdAt: day(1),
    customerName: 'Anna Berger',
    printStatus: 'printed',
    printerId: 'st1:laser',
    printerName: 'Counter laser',
    stationId: 'st1',
  }),
  paidOrder({
    orderId: 'FIND-1002',
    createdAt: day(2),
    customer: { name: 'Bruno Keller', email: 'bruno@mail.example' },
    printStatus: 'cancelled',
  }),
  paidOrder({
    orderId: 'FIND-1003',
    createdAt: day(3),
    customerEmail: 'carla@mail.example',
    fileURL: undefined,
    files: [{ url: 'https://cdn.shop.example/u/9f8e.pdf', name: 'Wedding-Invitation.pdf' }],
    printingOptions: { paperSize: 'A3', color: true, duplex: false, copies: 2 },
  }),
  paidOrder({
    orderId: 'FIND-1004',
    createdAt: day(4),
    fileURL: 'https://cdn.shop.example/uploads/Thesis_final.pdf',
    printStatus: 'failed',
    printerId: 'st2:inkjet',
    printerName: 'Back office inkjet',
    stationId: 'st2',
  }),
  paidOrder({ orderId: 'FIND-1005', createdAt: day(5), hold: { by: 'Anna', reason: 'customer will call', at: day(5, 13) } }),
  paidOrder({ orderId: 'FIND-1006', createdAt: day(6, 0), printingOptions: { paperSize: 'A4', color: false, duplex: true, copies: 1 } }),
]);

const find = async (q: Partial<OrderSearch>) =>
  (await repo.listOrders({ tab: 'all', page: 0, pageSize: 50, ...q })).orders.map((o) => o.orderId).sort();

describe('order search', () => {
  it.each([
    ['an order id, in any case and in part', 'find-1003', ['FIND-1003']],
    ['a customer name', 'anna', ['FIND-1001']],
    ['a customer name nested in customer {}', 'keller', ['FIND-1002']],
    ['a customer email', 'carla@mail', ['FIND-1003']],
    ['a file name in files[]', 'wedding', ['FIND-1003']],
    ['a file name in fileURL', 'thesis_final', ['FIND-1004']],
    ['a printer name', 'back office', ['FIND-1004']],
    ['every word somewhere', 'anna laser', ['FIND-1001']],
    ['words with regex characters, literally', 'a+b(', []],
  ])('finds by %s', async (_what, search, expected) => {
    expect(await find({ search })).toEqual(expected);
  });

  it('keeps to a date range: from inclusive, to exclusive', async () => {
    expect(await find({ from: day(2), to: day(4) })).toEqual(['FIND-1002', 'FIND-1003']);
    expect(await find({ from: day(4, 12) })).toEqual(['FIND-1004', 'FIND-1005', 'FIND-1006']);
    expect(await find({ to: day(6, 0) })).toEqual(['FIND-1001', 'FIND-1002', 'FIND-1003', 'FIND-1004', 'FIND-1005']);
  });

  it('shows history beyond 24 hours in the printed tab when a range is given', async () => {
    expect(await find({ tab: 'printed' })).toEqual([]); // the day's work: these are weeks old
    expect(await find({ tab: 'printed', from: day(1, 0), to: day(2, 0) })).toEqual(['FIND-1001']);
  });

  it('has tabs for cancelled, held and all', async () => {
    expect(await find({ tab: 'cancelled' })).toEqual(['FIND-1002']);
    expect(await find({ tab: 'held' })).toEqual(['FIND-1005']);
    expect(await find({ tab: 'all' })).toHaveLength(6);
  });

  it('filters by printer, station and options', async () => {
    expect(await find({ printerId: 'st1:laser' })).toEqual(['FIND-1001']);
    expect(await find({ stationId: 'st2' })).toEqual(['FIND-1004']);
    expect(await find({ paperSize: 'A3', color: true })).toEqual(['FIND-1003']);
    expect(await find({ duplex: true })).toEqual(['FIND-1006']);
    expect(await find({ tab: 'failed', stationId: 'st1' })).toEqual([]);
  });

  it('answers a page at a time, newest first, with the total', async () => {
    const first = await repo.listOrders({ tab: 'all', page: 0, pageSize: 4 });
    const second = await repo.listOrders({ tab: 'all', page: 1, pageSize: 4 });
    expect(first.total).toBe(6);
    expect(first.orders.map((o) => o.orderId)).toEqual(['FIND-1006', 'FIND-1005', 'FIND-1004', 'FIND-1003']);
    expect(second.orders.map((o) => o.orderId)).toEqual(['FIND-1002', 'FIND-1001']);
  });

  it('has an index for every status newest first within a date range', async () => {
    const names = (await orders.indexes()).map((i) => i.name);
    expect(INDEXES.find((i) => i.options.name === 'orders_by_created')?.key).toEqual({ createdAt: -1 });
    expect(names).toContain('orders_by_created');
  });
});
