/**
 * The open queue follows the orders' changes (issue 11) without asking for its tab again where it can: a changed order
 * whose row is on a loaded page and still belongs there at the same place is changed in place; one that left the tab,
 * or moved in its order, or arrived in a tab that is loaded whole, makes the tab stale (read again). Pure functions.
 */
import type { OrderView, QueueCounts, QueueTab } from '../../shared/stationApi';

export interface LoadedQueue {
  tab: QueueTab;
  total: number;
  pages: Record<number, OrderView[]>;
}

/** Whether the order is listed on `tab` by its status and hold (words and filters are not judged here). */
export function belongsToTab(order: Pick<OrderView, 'printStatus' | 'hold'>, tab: QueueTab): boolean {
  if (tab === 'all') return true;
  if (tab === 'held') return order.printStatus === 'pending' && order.hold != null;
  return order.printStatus === tab;
}

/** Pending work is listed in claim order (priority first): a new priority may move the row. */
const movesInTab = (tab: QueueTab, before: OrderView, after: OrderView) =>
  (tab === 'pending' || tab === 'held') && before.priority !== after.priority;

/** The queue with the changed orders' rows replaced, and whether the tab must be read again. */
export function patchQueueRows<Q extends LoadedQueue>(queue: Q, changed: OrderView[]): { queue: Q; stale: boolean } {
  let pages = queue.pages;
  let stale = false;
  const loadedRows = Object.values(queue.pages).reduce((n, rows) => n + rows.length, 0);
  for (const order of changed) {
    const at = findRow(pages, order.orderId);
    if (!at) {
      // Not on screen: new to this tab only matters when the tab is loaded whole (else its count moves, see below).
      if (belongsToTab(order, queue.tab) && loadedRows >= queue.total) stale = true;
      continue;
    }
    const before = pages[at.page]![at.index]!;
    if (!belongsToTab(order, queue.tab) || movesInTab(queue.tab, before, order)) stale = true;
    const rows = [...pages[at.page]!];
    rows[at.index] = order;
    pages = { ...pages, [at.page]: rows };
  }
  return { queue: pages === queue.pages ? queue : { ...queue, pages }, stale };
}

function findRow(pages: Record<number, OrderView[]>, orderId: string): { page: number; index: number } | undefined {
  for (const [page, rows] of Object.entries(pages)) {
    const index = rows.findIndex((o) => o.orderId === orderId);
    if (index >= 0) return { page: Number(page), index };
  }
  return undefined;
}

/**
 * Whether a move of the header's counts can change which orders the open tab lists, once changed rows arrive on
 * their own (rows that stay are changed in place): a status tab's own count, the pending count for held orders, the
 * sum for all. The printed tab (the day's work, or a date range) and any words or filters: any move.
 */
export function countsMoveTouchesTab(
  tab: QueueTab,
  narrowed: boolean,
  before: QueueCounts | undefined,
  after: QueueCounts | undefined,
): boolean {
  if (!before || !after || narrowed || tab === 'printed') return true;
  if (tab === 'all') return sum(before) !== sum(after);
  if (tab === 'held') return before.pending !== after.pending;
  return before[tab] !== after[tab];
}

const sum = (counts: QueueCounts) => Object.values(counts).reduce<number>((n, v) => n + (v ?? 0), 0);
