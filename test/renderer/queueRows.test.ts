/**
 * The open queue follows changed orders (issue 11): a row that stays in its tab changes in place; one that leaves,
 * moves in the claim order, or arrives in a tab loaded whole makes the tab stale; a counts move reads the tab again
 * only when it can change which orders the tab lists.
 */
import { describe, expect, it } from 'vitest';
import type { OrderView, QueueCounts } from '../../shared/stationApi';
import { belongsToTab, countsMoveTouchesTab, patchQueueRows } from '../../renderer/src/queueRows';

const order = (orderId: string, patch: Partial<OrderView> = {}): OrderView =>
  ({ orderId, printStatus: 'pending', priority: 0, hold: null, printAttempt: 0, printError: null, ...patch }) as OrderView;
const counts = (patch: Partial<QueueCounts> = {}): QueueCounts => ({
  pending: 10,
  printing: 1,
  printed: 5,
  failed: 0,
  cancelled: 0,
  needs_attention: 0,
  ...patch,
});

describe('the open queue and changed orders', () => {
  it('changes a row of the all tab in place when its order is cancelled elsewhere', () => {
    const queue = { tab: 'all' as const, total: 100, pages: { 0: [order('A'), order('B')] } };
    const { queue: next, stale } = patchQueueRows(queue, [order('B', { printStatus: 'cancelled' })]);
    expect(stale).toBe(false);
    expect(next.pages[0]!.map((o) => o.printStatus)).toEqual(['pending', 'cancelled']);
    expect(queue.pages[0]![1]!.printStatus).toBe('pending'); // the old state is not changed under React
  });

  it('changes a pending row in place with its retry note, and leaves the queue as it was when nothing on it changed', () => {
    const queue = { tab: 'pending' as const, total: 100, pages: { 0: [order('A')] } };
    const noted = patchQueueRows(queue, [order('A', { printError: 'download timed out', printAttempt: 1 })]);
    expect(noted.stale).toBe(false);
    expect(noted.queue.pages[0]![0]!.printAttempt).toBe(1);
    const elsewhere = patchQueueRows(queue, [order('Z', { printStatus: 'printed' })]);
    expect(elsewhere).toEqual({ queue, stale: false });
  });

  it('makes the tab stale when a row leaves it or moves in the claim order', () => {
    const queue = { tab: 'pending' as const, total: 100, pages: { 0: [order('A'), order('B')] } };
    expect(patchQueueRows(queue, [order('A', { printStatus: 'printing' })]).stale).toBe(true);
    expect(patchQueueRows(queue, [order('B', { priority: 5 })]).stale).toBe(true);
  });

  it('makes a tab loaded whole stale when an order arrives in it; a big tab waits for its count to move', () => {
    const held = {
      tab: 'held' as const,
      total: 1,
      pages: { 0: [order('A', { hold: { by: 'Anna', reason: 'x', at: new Date() } as OrderView['hold'] })] },
    };
    const newlyHeld = order('B', { hold: { by: 'Ben', reason: 'y', at: new Date() } as OrderView['hold'] });
    expect(patchQueueRows(held, [newlyHeld]).stale).toBe(true);
    const big = { tab: 'pending' as const, total: 10_000, pages: { 0: [order('A')] } };
    expect(patchQueueRows(big, [order('C')]).stale).toBe(false);
  });

  it('knows which orders a tab lists by status and hold', () => {
    expect(belongsToTab(order('A'), 'pending')).toBe(true);
    expect(belongsToTab(order('A'), 'held')).toBe(false);
    expect(belongsToTab(order('A', { printStatus: 'failed' }), 'all')).toBe(true);
    expect(belongsToTab(order('A', { printStatus: 'failed' }), 'pending')).toBe(false);
  });

  it('reads a tab again on a counts move only when the move can change its list', () => {
    const before = counts();
    const cancelledOne = counts({ pending: 9, cancelled: 1 });
    expect(countsMoveTouchesTab('all', false, before, cancelledOne)).toBe(false); // same orders, one changed row
    expect(countsMoveTouchesTab('all', false, before, counts({ pending: 11 }))).toBe(true); // one arrived
    expect(countsMoveTouchesTab('pending', false, before, cancelledOne)).toBe(true);
    expect(countsMoveTouchesTab('failed', false, before, cancelledOne)).toBe(false);
    expect(countsMoveTouchesTab('held', false, before, cancelledOne)).toBe(true);
    expect(countsMoveTouchesTab('printed', false, before, cancelledOne)).toBe(true); // the day's work: cannot tell
    expect(countsMoveTouchesTab('failed', true, before, cancelledOne)).toBe(true); // words or filters: cannot tell
    expect(countsMoveTouchesTab('all', false, undefined, cancelledOne)).toBe(true);
  });
});
