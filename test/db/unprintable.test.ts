import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { colourInkjet, labelPrinter, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('unprintable');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);
const fleet = [officeLaser.capabilities, labelPrinter.capabilities];
const TEN_MINUTES = 10 * 60_000;

describe(`orders no printer will ever print (${t.serverKind})`, () => {
  it('malformed orders end failed/invalid_data at once, the message naming the field', async () => {
    const justNow = new Date();
    await orders.insertMany([
      paidOrder({ orderId: 'M-NO-FILE', fileURL: undefined, createdAt: justNow }),
      paidOrder({ orderId: 'M-UNKNOWN-PAPER', printingOptions: { paperSize: 'B5' }, createdAt: justNow }),
      paidOrder({ orderId: 'M-COPIES-TEXT', printingOptions: { paperSize: 'A4', copies: 'two' }, createdAt: justNow }),
      paidOrder({ orderId: 'M-COLOUR-TEXT', printingOptions: { paperSize: 'A4', color: 'yes' }, createdAt: justNow }),
      paidOrder({ orderId: 'M-FINE', createdAt: justNow }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(4);
    const expectations: Array<[string, string]> = [
      ['M-NO-FILE', 'fileURL'],
      ['M-UNKNOWN-PAPER', 'printingOptions.paperSize'],
      ['M-COPIES-TEXT', 'printingOptions.copies'],
      ['M-COLOUR-TEXT', 'printingOptions.color'],
    ];
    for (const [orderId, field] of expectations) {
      const doc = await orders.findOne({ orderId });
      expect(doc, orderId).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
      expect(doc?.printError, orderId).toContain(field);
      expect(await logs.findOne({ orderId, action: 'invalid_data' }), orderId).toMatchObject({
        previousStatus: 'pending',
        newStatus: 'failed',
      });
    }
    expect((await orders.findOne({ orderId: 'M-FINE' }))?.printStatus).toBe('pending');
  });

  it('a well-formed order no active printer fits fails as capability_mismatch after the grace period, naming the requirement', async () => {
    const longAgo = new Date(Date.now() - 2 * TEN_MINUTES);
    await orders.insertMany([
      paidOrder({ orderId: 'C-A3-OLD', printingOptions: { paperSize: 'A3' }, createdAt: longAgo }),
      paidOrder({ orderId: 'C-COLOUR-OLD', printingOptions: { paperSize: 'A4', color: true }, createdAt: longAgo }),
      paidOrder({ orderId: 'C-A3-NEW', printingOptions: { paperSize: 'A3' }, createdAt: new Date() }),
      paidOrder({ orderId: 'C-LABEL-OLD', printingOptions: { paperSize: 'Label-4x6' }, createdAt: longAgo }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(2);
    expect(await orders.findOne({ orderId: 'C-A3-OLD' })).toMatchObject({ printStatus: 'failed', printErrorCode: 'capability_mismatch' });
    expect((await orders.findOne({ orderId: 'C-A3-OLD' }))?.printError).toContain('no active printer has paper A3');
    expect((await orders.findOne({ orderId: 'C-COLOUR-OLD' }))?.printError).toContain('no active printer prints in colour');
    expect((await orders.findOne({ orderId: 'C-A3-NEW' }))?.printStatus).toBe('pending'); // still in its grace period
    expect((await orders.findOne({ orderId: 'C-LABEL-OLD' }))?.printStatus).toBe('pending'); // the label printer fits
    expect(await logs.findOne({ orderId: 'C-A3-OLD', action: 'capability_mismatch' })).toMatchObject({ newStatus: 'failed' });
  });

  it('once a colour printer joins, colour orders wait for it instead of failing', async () => {
    await orders.insertOne(
      paidOrder({ orderId: 'C-COLOUR-WAITS', printingOptions: { paperSize: 'A4', color: true }, createdAt: new Date(0) }),
    );
    await repo.failUnprintable([...fleet, colourInkjet.capabilities], TEN_MINUTES);
    expect((await orders.findOne({ orderId: 'C-COLOUR-WAITS' }))?.printStatus).toBe('pending');
    expect((await repo.claimNextOrder(colourInkjet, station()))?.order.orderId).toBe('C-COLOUR-WAITS');
  });

  it('an empty print room (no active printer) fails nothing for capability, only malformed orders', async () => {
    await orders.insertMany([
      paidOrder({ orderId: 'E-OLD-FINE', createdAt: new Date(0) }),
      paidOrder({ orderId: 'E-BROKEN', fileURL: 42 }),
    ]);
    await repo.failUnprintable([], TEN_MINUTES);
    expect((await orders.findOne({ orderId: 'E-OLD-FINE' }))?.printStatus).toBe('pending');
    expect((await orders.findOne({ orderId: 'E-BROKEN' }))?.printErrorCode).toBe('invalid_data');
  });
});
