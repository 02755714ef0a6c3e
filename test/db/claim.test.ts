import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { colourInkjet, hourAgo, inAnHour, labelPrinter, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('claim');
await migrate(t.db);

async function freshQueue(name: string) {
  const db = t.client.db(`${t.dbName}_${name}`.slice(0, 60));
  await migrate(db);
  return { db, orders: db.collection('orders'), repo: new OrderRepository(db) };
}

describe(`claiming orders (${t.serverKind})`, () => {
  it('16 stations racing over 1,000 paid orders claim every order exactly once', async () => {
    const { orders, db } = await freshQueue('race');
    await orders.insertMany(Array.from({ length: 1000 }, () => paidOrder()));
    const clients: MongoClient[] = await Promise.all(Array.from({ length: 16 }, () => t.newClient()));
    const claimedBy = await Promise.all(
      clients.map(async (client, i) => {
        const repo = new OrderRepository(client.db(db.databaseName));
        const mine: string[] = [];
        for (;;) {
          const claim = await repo.claimNextOrder(officeLaser, station(i + 1));
          if (!claim) return mine;
          mine.push(claim.order.orderId);
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    expect(await orders.countDocuments({ printStatus: 'printing', printAttempt: 1 })).toBe(1000);
    expect(new Set((await orders.distinct('printJobId')).filter(Boolean)).size).toBe(1000);
  });

  it('a claim marks the order printing, owned by this station and printer, with a new print job id and a lease', async () => {
    const { orders, repo } = await freshQueue('fields');
    await orders.insertOne(paidOrder({ orderId: 'A-100', printError: 'old failure', retrievedAt: hourAgo() }));
    const claim = await repo.claimNextOrder(officeLaser, station(3));
    expect(claim?.order.orderId).toBe('A-100');
    const doc = await orders.findOne({ orderId: 'A-100' });
    expect(doc).toMatchObject({
      printStatus: 'printing',
      printJobId: claim!.fence.printJobId,
      printingBy: 'worker-3',
      stationId: 'station-3',
      printerId: 'laser-1',
      printerName: 'Office laser',
      printPhase: 'claimed',
      printAttempt: 1,
    });
    expect(doc?.printJobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc?.leaseExpiresAt).toEqual(claim!.leaseExpiresAt);
    expect(doc?.leaseRenewedAt).toBeInstanceOf(Date);
    expect(doc?.printStartedAt).toBeInstanceOf(Date);
    expect(doc).not.toHaveProperty('printError');
    expect(doc).not.toHaveProperty('retrievedAt');
  });

  it('takes the highest priority first, then the oldest', async () => {
    const { orders, repo } = await freshQueue('priority');
    await orders.insertMany([
      paidOrder({ orderId: 'OLD-NORMAL' }),
      paidOrder({ orderId: 'NEW-RUSH', priority: 5 }),
      paidOrder({ orderId: 'NEW-NORMAL' }),
      paidOrder({ orderId: 'NEWEST-RUSH', priority: 5 }),
    ]);
    const order: string[] = [];
    for (let claim = await repo.claimNextOrder(officeLaser, station()); claim; claim = await repo.claimNextOrder(officeLaser, station())) {
      order.push(claim.order.orderId);
    }
    expect(order).toEqual(['NEW-RUSH', 'NEWEST-RUSH', 'OLD-NORMAL', 'NEW-NORMAL']);
  });

  it('leaves orders alone until their backoff is over', async () => {
    const { orders, repo } = await freshQueue('backoff');
    await orders.insertMany([
      paidOrder({ orderId: 'WAITING', nextAttemptAt: inAnHour() }),
      paidOrder({ orderId: 'DUE', nextAttemptAt: hourAgo() }),
      paidOrder({ orderId: 'NEVER-FAILED', nextAttemptAt: null }),
    ]);
    const claimed = [
      await repo.claimNextOrder(officeLaser, station()),
      await repo.claimNextOrder(officeLaser, station()),
      await repo.claimNextOrder(officeLaser, station()),
    ];
    expect(claimed.map((c) => c?.order.orderId ?? null).sort()).toEqual(['DUE', 'NEVER-FAILED', null].sort());
    expect((await orders.findOne({ orderId: 'WAITING' }))?.printStatus).toBe('pending');
  });

  it('claims only paid, pending orders', async () => {
    const { orders, repo } = await freshQueue('paid');
    await orders.insertMany([
      paidOrder({ orderId: 'UNPAID', paymentStatus: 'pending' }),
      paidOrder({ orderId: 'ALREADY-PRINTED', printStatus: 'printed' }),
      paidOrder({ orderId: 'CANCELLED', printStatus: 'cancelled' }),
    ]);
    expect(await repo.claimNextOrder(officeLaser, station())).toBeNull();
  });

  it('a printer never claims an order its paper, colour, duplex or copies do not fit', async () => {
    const { orders, repo } = await freshQueue('caps');
    await orders.insertMany([
      paidOrder({ orderId: 'A3-POSTER', printingOptions: { paperSize: 'A3', color: true, duplex: false, copies: 1 } }),
      paidOrder({ orderId: 'COLOUR-FLYER', printingOptions: { paperSize: 'A4', color: true, duplex: false, copies: 2 } }),
      paidOrder({ orderId: 'DUPLEX-THESIS', printingOptions: { paperSize: 'A4', color: false, duplex: true, copies: 1 } }),
      paidOrder({ orderId: 'TWENTY-COPIES', printingOptions: { paperSize: 'A4', copies: 20 } }),
      paidOrder({ orderId: 'NO-OPTIONS', printingOptions: undefined }),
      paidOrder({ orderId: 'SHIPPING-LABEL', printingOptions: { paperSize: 'Label-4x6' } }),
    ]);
    const drain = async (printer: typeof officeLaser) => {
      const got: string[] = [];
      for (let c = await repo.claimNextOrder(printer, station()); c; c = await repo.claimNextOrder(printer, station()))
        got.push(c.order.orderId);
      return got.sort();
    };
    // labels first: only the label printer takes them
    expect(await drain(labelPrinter)).toEqual(['SHIPPING-LABEL']);
    // the inkjet: colour, A3, up to 5 copies, no duplex; a missing paper size is A4
    expect(await drain(colourInkjet)).toEqual(['A3-POSTER', 'COLOUR-FLYER', 'NO-OPTIONS']);
    // the laser: black and white, duplex, up to 50 copies
    expect(await drain(officeLaser)).toEqual(['DUPLEX-THESIS', 'TWENTY-COPIES']);
  });

  it('an order that turns out malformed after claiming is failed as invalid_data, logged, and the next one claimed', async () => {
    const { db, orders, repo } = await freshQueue('malformed');
    await orders.insertMany([
      paidOrder({ orderId: 'NO-FILE', fileURL: undefined }),
      paidOrder({ orderId: 'BAD-URL', fileURL: 'not a url' }),
      paidOrder({ orderId: 'GOOD' }),
    ]);
    const claim = await repo.claimNextOrder(officeLaser, station());
    expect(claim?.order.orderId).toBe('GOOD');
    for (const [orderId, field] of [
      ['NO-FILE', 'fileURL'],
      ['BAD-URL', 'fileURL'],
    ]) {
      const doc = await orders.findOne({ orderId });
      expect(doc).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
      expect(doc?.printError).toContain(field);
      const log = await db.collection('print_logs').findOne({ orderId, action: 'invalid_data' });
      expect(log).toMatchObject({ newStatus: 'failed', source: 'station' });
    }
  });

  it('ordinary shop documents print: files: [] beside a fileURL, priority: null, printingOptions: null or with null fields', async () => {
    const { orders, repo } = await freshQueue('nulls');
    await orders.insertMany([
      paidOrder({ orderId: 'EMPTY-FILES', files: [] }),
      paidOrder({ orderId: 'NULL-FILES', files: null }),
      paidOrder({ orderId: 'NULL-PRIORITY', priority: null }),
      paidOrder({ orderId: 'NULL-OPTIONS', printingOptions: null }),
      paidOrder({ orderId: 'NULL-OPTION-FIELDS', printingOptions: { paperSize: null, color: null, duplex: null, copies: null } }),
    ]);
    const unprintable = await repo.failUnprintable([officeLaser.capabilities], 0);
    expect(unprintable).toBe(0);
    const got: Record<string, unknown> = {};
    for (let c = await repo.claimNextOrder(officeLaser, station()); c; c = await repo.claimNextOrder(officeLaser, station())) {
      got[c.order.orderId] = { files: c.order.files, priority: c.order.priority, printingOptions: c.order.printingOptions };
    }
    const a4 = { paperSize: 'A4', color: false, duplex: false, copies: 1 };
    expect(got).toEqual({
      'EMPTY-FILES': { files: undefined, priority: 0, printingOptions: a4 },
      'NULL-FILES': { files: undefined, priority: 0, printingOptions: a4 },
      'NULL-PRIORITY': { files: undefined, priority: 0, printingOptions: a4 },
      'NULL-OPTIONS': { files: undefined, priority: 0, printingOptions: a4 },
      'NULL-OPTION-FIELDS': { files: undefined, priority: 0, printingOptions: a4 },
    });
    expect(await orders.countDocuments({ printStatus: 'failed' })).toBe(0);
  });

  it('files: [] with no fileURL is still an order with no file', async () => {
    const { orders, repo } = await freshQueue('nofile');
    await orders.insertOne(paidOrder({ orderId: 'EMPTY-NO-URL', files: [], fileURL: undefined }));
    expect(await repo.failUnprintable([officeLaser.capabilities], 0)).toBe(1);
    expect(await orders.findOne({ orderId: 'EMPTY-NO-URL' })).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
  });

  it('a non-numeric printAttempt does not block the queue: the next order is claimed and the bad one fails naming the field', async () => {
    const { orders, repo } = await freshQueue('attempt');
    await orders.insertMany([
      paidOrder({ orderId: 'ATTEMPT-TEXT', priority: 9, printAttempt: '3' }),
      paidOrder({ orderId: 'ATTEMPT-OBJECT', priority: 9, printAttempt: { n: 1 } }),
      paidOrder({ orderId: 'ATTEMPT-ARRAY', priority: 9, printAttempt: [2] }),
      paidOrder({ orderId: 'BEHIND-THEM' }),
    ]);
    expect((await repo.claimNextOrder(officeLaser, station()))?.order.orderId).toBe('BEHIND-THEM');
    expect(await repo.failUnprintable([officeLaser.capabilities], 60_000)).toBe(3);
    for (const orderId of ['ATTEMPT-TEXT', 'ATTEMPT-OBJECT', 'ATTEMPT-ARRAY']) {
      const doc = await orders.findOne({ orderId });
      expect(doc, orderId).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
      expect(doc?.printError, orderId).toContain('printAttempt');
    }
  });
});
