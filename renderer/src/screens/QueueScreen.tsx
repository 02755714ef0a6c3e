/**
 * The queue: one tab per status, search, and a virtualised list that loads pages as they scroll into view, so
 * ten thousand orders scroll as smoothly as ten. Clicking an order opens its panel (actions, history, preview).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { QUEUE_TABS, type OrderView, type QueueTab } from '../../../shared/stationApi';
import { OrderPanel } from '../components/OrderPanel';
import { ORDER_STATUS_LABEL, optionsSummary, timeAgo } from '../printRoom';
import { PAGE_SIZE } from '../store';
import { useStation } from '../storeContext';

const TAB_LABEL: Record<QueueTab, string> = {
  pending: 'Pending',
  printing: 'Printing',
  needs_attention: 'Needs attention',
  failed: 'Failed',
  printed: 'Printed',
  held: 'Held',
  cancelled: 'Cancelled',
  all: 'All',
};
const ROW_HEIGHT = 44;

export function QueueScreen() {
  const queue = useStation((s) => s.queue);
  const counts = useStation((s) => s.snapshot?.counts);
  const setTab = useStation((s) => s.setQueueTab);
  const setSearch = useStation((s) => s.setQueueSearch);
  const loadPage = useStation((s) => s.loadQueuePage);
  const selected = useStation((s) => s.selectedOrderId);
  const openOrder = useStation((s) => s.openOrder);
  const [searchText, setSearchText] = useState(queue.search);

  useEffect(() => {
    const timer = setTimeout(() => searchText !== queue.search && setSearch(searchText), 300);
    return () => clearTimeout(timer);
  }, [searchText, queue.search, setSearch]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: queue.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE_SIZE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE_SIZE) : 0;
  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) if (!queue.pages[p]) void loadPage(p);
  }, [firstPage, lastPage, queue.pages, loadPage]);

  const rowAt = (index: number): OrderView | undefined => queue.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];

  return (
    <section className={`queue ${selected ? 'with-panel' : ''}`}>
      <div className="queue-main">
        <div className="screen-head">
          <h1>Queue</h1>
          <div className="grow" />
          <input
            type="search"
            className="search"
            placeholder="Search order number…"
            aria-label="Search orders"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
        <nav className="tabs" role="tablist">
          {QUEUE_TABS.map((tab) => (
            <button
              key={tab}
              role="tab"
              aria-selected={queue.tab === tab}
              className={queue.tab === tab ? 'active' : ''}
              onClick={() => setTab(tab)}
            >
              {TAB_LABEL[tab]}
              {tab !== 'printed' && tab !== 'held' && tab !== 'all' && counts ? <span className="badge">{counts[tab] ?? 0}</span> : null}
            </button>
          ))}
        </nav>
        {queue.error && <p className="error-text">Could not load the queue: {queue.error}</p>}
        <div className="order-row order-head">
          <span>Order</span>
          <span>Status</span>
          <span>Created</span>
          <span>Options</span>
          <span>Printer</span>
          <span>Try</span>
          <span>Note</span>
        </div>
        <div ref={scrollRef} className="order-list" data-testid="order-list">
          {queue.total === 0 && !queue.error ? <p className="empty">No orders here.</p> : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const order = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  className={`order-row ${order && order.orderId === selected ? 'selected' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => order && openOrder(order.orderId)}
                  onKeyDown={(e) => e.key === 'Enter' && order && openOrder(order.orderId)}
                  tabIndex={order ? 0 : -1}
                  data-testid={order ? `order-${order.orderId}` : undefined}
                >
                  {order ? <OrderRow order={order} /> : <span className="muted">…</span>}
                </div>
              );
            })}
          </div>
        </div>
        <div className="muted small">{queue.total} orders</div>
      </div>
      {selected && <OrderPanel orderId={selected} onClose={() => openOrder(null)} />}
    </section>
  );
}

function OrderRow({ order }: { order: OrderView }) {
  return (
    <>
      <span className="mono ellipsis-plain" title={order.orderId}>
        {order.orderId}
      </span>
      <span>
        <span className={`status status-${order.printStatus}`}>{ORDER_STATUS_LABEL[order.printStatus]}</span>
        {order.printedUnconfirmed && (
          <span className="muted" title={order.printedUnconfirmed}>
            {' '}
            (sent without confirmation)
          </span>
        )}
      </span>
      <span>{timeAgo(order.createdAt)}</span>
      <span>{optionsSummary(order.printingOptions)}</span>
      <span>{order.printerName ?? '—'}</span>
      <span>{order.printAttempt}</span>
      <span className="ellipsis" title={order.printError ?? ''}>
        {order.cancelRequestedAt ? 'cancel requested' : (order.printError ?? '')}
      </span>
    </>
  );
}
