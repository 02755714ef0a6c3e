import { describe, expect, it } from 'vitest';
import { MongoNetworkError } from 'mongodb';
import { OutcomeQueue } from '../../electron/station/durability/outcomeQueue';
import type { Attempt, AttemptJournal, Outcome } from '../../electron/station/printer/attempt';

const attempt = (n: number): Attempt => ({
  printJobId: `job-${n}`,
  orderId: `ORD-${n}`,
  orderKey: `key-${n}`,
  printerId: 'p1',
  systemName: 'P',
  attemptNo: 1,
  claimedAt: new Date(),
});
const printed: Outcome = { kind: 'printed', completedAt: new Date() };

function harness(writeOf: (orderId: string) => Promise<{ ok: true }>) {
  const listeners: Array<(s: string) => void> = [];
  const link = {
    state: 'offline' as 'offline' | 'online',
    run: <T>(_what: string, run: () => Promise<T>) => run(),
    onChange: (l: (s: string) => void) => (listeners.push(l), () => {}),
  };
  const written: string[] = [];
  const journal = { outcome: async () => {}, written: async (id: string) => void written.push(id) } as unknown as AttemptJournal;
  const orders = { completePrinted: (fence: { orderId: string }) => writeOf(fence.orderId) };
  const logged: string[] = [];
  const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => void logged.push(m) };
  const queue = new OutcomeQueue({
    orders: orders as never,
    journal,
    link: link as never,
    logger: logger as never,
    writeTimeoutMs: 1_000,
    retryMs: 60_000,
  });
  return { queue, link, written, logged };
}

describe('the outcome queue', () => {
  it('an outcome the database refuses for good does not block the ones behind it; it stays in the journal', async () => {
    const { queue, link, written, logged } = harness(async (orderId) => {
      if (orderId === 'ORD-1') throw new Error('Document failed validation');
      return { ok: true };
    });
    await queue.record(attempt(1), printed);
    await queue.record(attempt(2), printed);
    await queue.record(attempt(3), printed);
    link.state = 'online';
    await queue.flush();
    expect(written).toEqual(['job-2', 'job-3']); // job-1 is not marked written: the journal keeps it for a person
    expect(queue.size).toBe(0);
    expect(logged.join('\n')).toContain('ORD-1');
    queue.stop();
  });

  it('a link error keeps the outcome waiting and stops the flush (the database is away, not refusing)', async () => {
    const { queue, link, written } = harness(async () => {
      throw new MongoNetworkError('connection reset');
    });
    await queue.record(attempt(1), printed);
    await queue.record(attempt(2), printed);
    link.state = 'online';
    await queue.flush();
    expect(written).toEqual([]);
    expect(queue.size).toBe(2);
    queue.stop();
  });
});
