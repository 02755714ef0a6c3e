import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrderChangeFeed, emptyAnswerPause } from '../../electron/db/changeFeed';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('feed');
await migrate(t.db);
const orders = t.db.collection('orders');
const repo = new OrderRepository(t.db);
const HOUR = 3_600_000;
const feeds: OrderChangeFeed[] = [];

function feed(options: ConstructorParameters<typeof OrderChangeFeed>[1]) {
  const f = new OrderChangeFeed(t.db, options);
  feeds.push(f);
  return f;
}

/** What a printer's claim loop does when the queue is empty: wait for a wake-up, then claim. */
async function waitThenClaim(f: OrderChangeFeed, timeoutMs: number) {
  const woken = await f.waitForWork(timeoutMs);
  return { woken, claim: woken ? await repo.claimNextOrder(officeLaser, station()) : null };
}

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
  await orders.deleteMany({});
});

describe(`the change feed wakes claimers (${t.serverKind})`, () => {
  it('a waiting claimer is woken by the change stream within a second of a paid order arriving', async () => {
    // Polls an hour apart: only the stream can wake the claimer in time.
    const f = feed({ safetyPollMs: HOUR, pollIntervalMs: HOUR });
    await f.start();
    expect(f.mode).toBe('change_stream');
    const waiting = waitThenClaim(f, 1_000);
    await orders.insertOne(paidOrder({ orderId: 'WAKE-1' }));
    const { woken, claim } = await waiting;
    expect(woken).toBe(true);
    expect(claim?.order.orderId).toBe('WAKE-1');
  });

  it('does not wake anyone for an order that is not paid', async () => {
    const f = feed({ safetyPollMs: HOUR, pollIntervalMs: HOUR });
    await f.start();
    const waiting = f.waitForWork(1_000);
    await orders.insertOne(paidOrder({ orderId: 'UNPAID', paymentStatus: 'pending' }));
    expect(await waiting).toBe(false);
  });

  it('tells every subscriber, and stops telling one that unsubscribed', async () => {
    const f = feed({ safetyPollMs: HOUR, pollIntervalMs: HOUR });
    await f.start();
    let a = 0;
    let b = 0;
    f.onWork(() => a++);
    const unsubscribe = f.onWork(() => b++);
    unsubscribe();
    const waiting = f.waitForWork(1_000);
    await orders.insertOne(paidOrder());
    expect(await waiting).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(0);
  });

  it('reopens a broken stream (from its resume token when it has one), so an order that arrived meanwhile still wakes the claimer', async () => {
    const f = feed({ safetyPollMs: HOUR, pollIntervalMs: HOUR, reopenMaxDelayMs: 200 });
    await f.start();
    await (f as unknown as { stream: { close(): Promise<void> } }).stream.close(); // the connection dropped
    await orders.insertOne(paidOrder({ orderId: 'WHILE-BROKEN' }));
    const { woken, claim } = await waitThenClaim(f, 5_000);
    expect(woken).toBe(true);
    expect(claim?.order.orderId).toBe('WHILE-BROKEN');
  });

  it('with change streams off it polls, and polling still delivers the order', async () => {
    const f = feed({ useChangeStreams: false, pollIntervalMs: 100, safetyPollMs: HOUR });
    await f.start();
    expect(f.mode).toBe('polling');
    const waiting = waitThenClaim(f, 5_000);
    await orders.insertOne(paidOrder({ orderId: 'POLLED' }));
    const { woken, claim } = await waiting;
    expect(woken).toBe(true);
    expect(claim?.order.orderId).toBe('POLLED');
  });

  it('a poll that finds nothing claimable says so to the quiet listeners, and one that finds work wakes instead', async () => {
    const f = feed({ useChangeStreams: false, pollIntervalMs: 100, safetyPollMs: HOUR });
    let quiet = 0;
    f.onQuiet(() => quiet++);
    await f.start();
    await vi.waitFor(() => expect(quiet).toBeGreaterThan(0));
    const waiting = f.waitForWork(5_000);
    await orders.insertOne(paidOrder({ orderId: 'AFTER-QUIET' }));
    expect(await waiting).toBe(true);
  });

  it('work already waiting when the feed starts is signalled at once', async () => {
    await orders.insertOne(paidOrder({ orderId: 'WAS-THERE' }));
    const f = feed({ safetyPollMs: HOUR, pollIntervalMs: HOUR });
    await f.start();
    expect(await f.waitForWork(0)).toBe(true);
  });
});

describe('the change feed with the database away', () => {
  it('starts anyway, in polling mode, without waiting for the database', async () => {
    const { MongoClient } = await import('mongodb');
    // Nothing listens on port 9: every command fails after the (short) server selection timeout.
    const client = new MongoClient('mongodb://127.0.0.1:9/?directConnection=true', { serverSelectionTimeoutMS: 300 });
    const f = new OrderChangeFeed(client.db('away'), { safetyPollMs: HOUR, pollIntervalMs: HOUR, reopenMaxDelayMs: HOUR });
    try {
      await f.start();
      expect(f.mode).toBe('polling');
    } finally {
      await f.stop();
      await client.close();
    }
  });
});

describe('on a server that answers an empty getMore at once', () => {
  it('asks again quickly right after an event, less often the longer the shop is quiet, and never slower than the cap', () => {
    expect(emptyAnswerPause(0, 5_000)).toBe(100);
    expect(emptyAnswerPause(2_000, 5_000)).toBe(400);
    expect(emptyAnswerPause(10_000, 5_000)).toBe(2_000);
    expect(emptyAnswerPause(10 * 60_000, 5_000)).toBe(5_000);
    expect(emptyAnswerPause(10 * 60_000, 50)).toBe(100);
  });
});
