/**
 * Issue 12, the parts without a database: who claims a new order first (rendezvous rank), which printer of a station
 * claims, the backup's turn, and the queue counts moved from change events.
 */
import { describe, expect, it } from 'vitest';
import type { PrinterCapabilities } from '../../shared/domain';
import { claimRank } from '../../electron/station/printer/claimRank';
import { ClaimScheduler, type ClaimingPrinter } from '../../electron/station/printer/claimScheduler';
import { OrderStatusMemory } from '../../electron/db/orderStatusMemory';
import { waitFor } from './stationFixture';

const A4: PrinterCapabilities = { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 99 };
const A3colour: PrinterCapabilities = { paperSizes: ['A3'], color: true, duplex: false, maxCopies: 99 };
const options = { paperSize: 'A4', color: false, duplex: false, copies: 1 } as const;

function printer(capabilities: PrinterCapabilities, state: 'ready' | 'printing' = 'ready', printerId = 'p') {
  const p = {
    wakes: 0,
    state,
    view: () => ({ printerId, state: p.state, autoPrint: true, health: 'online' as const, capabilities }),
    wake: () => void (p.wakes += 1),
  };
  return p satisfies ClaimingPrinter;
}

describe('rendezvous rank', () => {
  it('every station agrees who goes first, and each goes first for about its share of orders', () => {
    const stations = Array.from({ length: 10 }, (_, i) => `station-${i}`);
    const first = new Map<string, number>();
    for (let o = 0; o < 5_000; o++) {
      const ranks = stations.map((s) => claimRank(`order-${o}`, s, stations));
      expect([...ranks].sort((a, b) => a - b)).toEqual(stations.map((_, i) => i)); // one station per turn
      const winner = stations[ranks.indexOf(0)]!;
      first.set(winner, (first.get(winner) ?? 0) + 1);
    }
    for (const s of stations) expect(first.get(s)).toBeGreaterThan(350); // 500 each on average
  });
});

describe('claim scheduler', () => {
  const fleet = ['here', 'there'].map((stationId) => ({ stationId, capabilities: A4 }));
  const rankOf = (key: string) => claimRank(key, 'here', ['here', 'there']);
  const keyWithRank = (rank: number) => Array.from({ length: 100 }, (_, i) => `order-${i}`).find((k) => rankOf(k) === rank)!;

  it('first in turn: one idle printer that fits is woken, not every printer', async () => {
    const big = printer(A3colour);
    const small = [printer(A4), printer(A4)];
    const scheduler = new ClaimScheduler({ stationId: 'here', printers: () => [big, ...small], roster: async () => fleet });
    scheduler.work({ key: keyWithRank(0), options });
    await waitFor('a printer woken', () => small[0]!.wakes + small[1]!.wakes === 1);
    expect(big.wakes).toBe(0);
    scheduler.stop();
  });

  it('second in turn: claims after a slot, unless the order was seen taken meanwhile', async () => {
    const p = printer(A4);
    const scheduler = new ClaimScheduler({ stationId: 'here', printers: () => [p], roster: async () => fleet, slotMs: 40 });
    const [taken, left] = Array.from({ length: 100 }, (_, i) => `order-${i}`).filter((k) => rankOf(k) === 1);
    scheduler.work({ key: taken!, options });
    scheduler.orderTaken(taken!);
    scheduler.work({ key: left!, options });
    await waitFor('the backup claims the order nobody took', () => p.wakes === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(p.wakes).toBe(1);
    scheduler.stop();
  });

  it('a busy station leaves the order to others; a poll wakes one idle printer, a wake-up about the whole queue every one', async () => {
    const busy = printer(A4, 'printing');
    const idle = [printer(A4), printer(A4)];
    const scheduler = new ClaimScheduler({ stationId: 'here', printers: () => [busy, ...idle], roster: async () => fleet });
    scheduler.work({ key: keyWithRank(0), options: { ...options, paperSize: 'A3' } }); // nothing here fits
    scheduler.work({ key: keyWithRank(1), options, polled: true });
    expect(idle.map((p) => p.wakes).sort()).toEqual([0, 1]);
    scheduler.work(undefined);
    expect(idle.map((p) => p.wakes).sort()).toEqual([1, 2]);
    expect(busy.wakes).toBe(0);
    scheduler.stop();
  });

  it('an order pinned to a printer is claimed by that printer at once, whatever the turn; other stations leave it', async () => {
    const [mine, other] = [printer(A4, 'ready', 'here:P1'), printer(A4, 'ready', 'here:P2')];
    const scheduler = new ClaimScheduler({ stationId: 'here', printers: () => [mine, other], roster: async () => fleet });
    scheduler.work({ key: keyWithRank(1), pinnedPrinterId: 'here:P2' });
    scheduler.work({ key: keyWithRank(0), pinnedStationId: 'there' });
    await new Promise((r) => setTimeout(r, 100));
    expect([mine.wakes, other.wakes]).toEqual([0, 1]);
    scheduler.stop();
  });

  it('a roster that cannot be read makes this station first, so the order is still claimed', async () => {
    const p = printer(A4);
    const scheduler = new ClaimScheduler({ stationId: 'here', printers: () => [p], roster: () => Promise.reject(new Error('offline')) });
    scheduler.work({ key: keyWithRank(1), options });
    await waitFor('woken', () => p.wakes === 1);
    scheduler.stop();
  });
});

describe('queue counts moved by change events', () => {
  const insert = (id: string) => ({ operationType: 'insert', documentKey: { _id: id }, fullDocument: { printStatus: 'pending' } });
  const update = (id: string, printStatus?: string) => ({
    operationType: 'update',
    documentKey: { _id: id },
    updateDescription: { updatedFields: printStatus ? { printStatus } : {} },
  });

  it('moves the counts of orders it has seen, once the stream has shown it reports status updates', () => {
    const memory = new OrderStatusMemory();
    expect(memory.moveOf(insert('a'))).toBeUndefined(); // not yet known to report updates: count again
    expect(memory.moveOf(update('a', 'printing'))).toEqual({ pending: -1, printing: 1 });
    expect(memory.moveOf(insert('b'))).toEqual({ pending: 1 });
    expect(memory.moveOf(update('b', 'printing'))).toEqual({ pending: -1, printing: 1 });
    expect(memory.moveOf(update('b', 'printed'))).toEqual({ printing: -1, printed: 1 });
    expect(memory.moveOf(update('old', 'printed'))).toBeUndefined(); // from before it started: count again
    memory.forget();
    expect(memory.moveOf(update('b', 'pending'))).toBeUndefined();
  });

  it('a server that sends updates without their fields (mongo-java-server) always counts again', () => {
    const memory = new OrderStatusMemory();
    expect(memory.moveOf(insert('a'))).toBeUndefined();
    expect(memory.moveOf(update('a'))).toBeUndefined();
    expect(memory.moveOf(insert('b'))).toBeUndefined();
  });
});
