import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../helpers/db';

const t = await openTestDatabase('smoke');

describe(`the test database (${t.serverKind})`, () => {
  it('stores and finds a document through the official driver', async () => {
    await t.db.collection('orders').insertOne({ orderId: 'A-1', printStatus: 'pending' });
    const found = await t.db.collection('orders').findOne({ orderId: 'A-1' });
    expect(found?.printStatus).toBe('pending');
  });

  it('delivers an insert to a change stream watcher', async () => {
    const stream = t.db.collection('orders').watch([{ $match: { operationType: 'insert' } }]);
    const next = stream.next();
    await new Promise((r) => setTimeout(r, 200));
    await t.db.collection('orders').insertOne({ orderId: 'A-2' });
    const change = (await next) as { fullDocument?: { orderId?: string } };
    expect(change.fullDocument?.orderId).toBe('A-2');
    await stream.close();
  });
});
