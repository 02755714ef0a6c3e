/**
 * The queue: one tab per status (and held, and all), a search and filter bar, and a virtualised list that loads
 * pages as they scroll into view, so ten thousand orders scroll as smoothly as ten. Clicking an order (or Enter on
 * it) opens its panel, reachable by URL as #/orders/<id>. Arrow keys move between tabs and between rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { orderProblem } from '../../../shared/operatorWords';
import { QUEUE_TABS, type OrderView, type QueueTab } from '../../../shared/stationApi';
import { OrderPanel } from '../components/OrderPanel';
import { QueueFilterBar } from '../components/QueueFilterBar';
import { BulkBar, ForecastNote, forecastText, HoldMark, SelectOrder, usePendingForecast } from '../components/QueueSteering';
import type { OrderForecast } from '../../../shared/queueForecast';
import { ORDER_STATUS_LABEL, optionsSummary, timeAgo } from '../printRoom';
import { PAGE_SIZE } from '../store';
import { fmt, t } from '../i18n';
import { orderProblemWords } from '../i18n/printerWords';
import { useStation } from '../storeContext';

const TAB_LABEL = (tab: QueueTab) => t(`queue.tab.${tab}`);
/** Tabs whose badge is a status count from the snapshot. */
const COUNTED = new Set<QueueTab>(['pending', 'printing', 'needs_attention', 'failed', 'cancelled']);
const ROW_HEIGHT = 44;

export function QueueScreen() {
  const queue = useStation((s) => s.queue);
  const counts = useStation((s) => s.snapshot?.counts);
  const setTab = useStation((s) => s.setQueueTab);
  const loadPage = useStation((s) => s.loadQueuePage);
  const selected = useStation((s) => s.selectedOrderId);
  const openOrder = useStation((s) => s.openOrder);
  const fleet = useStation((s) => s.fleet);
  const loadFleet = useStation((s) => s.loadFleet);
  const forecast = usePendingForecast();

  // The printer and station filters offer the whole fleet's; asked once the first rows are in, not before them.
  const firstRowsIn = Boolean(queue.pages[0]) || Boolean(queue.error);
  useEffect(() => {
    if (!fleet && firstRowsIn) void loadFleet();
  }, [fleet, firstRowsIn, loadFleet]);

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

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? index + 1
        : event.key === 'ArrowLeft'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? -1
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = QUEUE_TABS[(next + QUEUE_TABS.length) % QUEUE_TABS.length]!;
    setTab(tab);
    document.getElementById(`queue-tab-${tab}`)?.focus();
  };

  const focusRow = (index: number) => {
    if (index < 0 || index >= queue.total) return;
    virtualizer.scrollToIndex(index);
    // The row may only exist after the list scrolled to it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
  };
  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number, order: OrderView | undefined) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: queue.total - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if ((event.key === 'Enter' || event.key === ' ') && order && event.target === event.currentTarget) {
      event.preventDefault();
      void openOrder(order.orderId);
    }
  };

  // Without a date range, the printed tab is the day's work; with one, it is history.
  const dayOnly = !queue.filters.from && !queue.filters.to;
  const printedHint = queue.tab === 'printed' && dayOnly;
  const label = (tab: QueueTab) => (tab === 'printed' && dayOnly ? t('queue.tab.printedDay') : TAB_LABEL(tab));

  return (
    <section className={`queue ${selected ? 'with-panel' : ''}`}>
      <div className="queue-main">
        <div className="screen-head">
          <h1>{t('queue.title')}</h1>
        </div>
        <QueueFilterBar />
        <div className="tabs" role="tablist" aria-label={t('queue.tabs')}>
          {QUEUE_TABS.map((tab, i) => (
            <button
              key={tab}
              id={`queue-tab-${tab}`}
              role="tab"
              aria-selected={queue.tab === tab}
              aria-controls="queue-orders"
              tabIndex={queue.tab === tab ? 0 : -1}
              className={queue.tab === tab ? 'active' : ''}
              onClick={() => setTab(tab)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {label(tab)}
              {COUNTED.has(tab) && counts ? <span className="badge">{fmt().number(counts[tab as keyof typeof counts] ?? 0)}</span> : null}
            </button>
          ))}
        </div>
        {queue.error && <p className="error-text">{t('queue.loadFailed', { error: queue.error })}</p>}
        <BulkBar />
        <div
          id="queue-orders"
          className="order-grid"
          role="grid"
          aria-label={t('queue.gridLabel', { tab: label(queue.tab) })}
          aria-rowcount={queue.total + 1}
          aria-busy={!queue.pages[0] && !queue.error}
        >
          <div role="rowgroup">
            <div className="order-row order-head" role="row" aria-rowindex={1}>
              <span role="columnheader">{t('queue.col.order')}</span>
              <span role="columnheader" className="col-customer">
                {t('queue.col.customer')}
              </span>
              <span role="columnheader">{t('queue.col.status')}</span>
              <span role="columnheader" className="col-created">
                {t('queue.col.created')}
              </span>
              <span role="columnheader" className="col-options">
                {t('queue.col.options')}
              </span>
              <span role="columnheader" className="col-printer">
                {t('queue.col.printer')}
              </span>
              <span role="columnheader" className="col-try">
                {t('queue.col.try')}
              </span>
              <span role="columnheader" className="col-note">
                {t('queue.col.note')}
              </span>
            </div>
          </div>
          <div ref={scrollRef} className="order-list" data-testid="order-list" role="rowgroup">
            <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const order = rowAt(item.index);
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={Boolean(order && order.orderId === selected)}
                    data-index={item.index}
                    className={`order-row ${order && order.orderId === selected ? 'selected' : ''}`}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                    onClick={() => order && openOrder(order.orderId)}
                    onKeyDown={(e) => onRowKey(e, item.index, order)}
                    tabIndex={order ? 0 : -1}
                    data-testid={order ? `order-${order.orderId}` : undefined}
                  >
                    {order ? (
                      <OrderRow order={order} forecast={forecast.get(order.orderId)} />
                    ) : (
                      <span role="gridcell" className="muted">
                        …
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {queue.total === 0 && !queue.error ? <p className="empty">{t('queue.empty')}</p> : null}
        <div className="muted small" aria-live="polite">
          {t('queue.total', { count: queue.total })}
          {printedHint ? t('queue.printedHint') : ''}
        </div>
      </div>
      {selected && <OrderPanel orderId={selected} onClose={() => openOrder(null)} />}
    </section>
  );
}

function OrderRow({ order, forecast }: { order: OrderView; forecast?: OrderForecast }) {
  return (
    <>
      <span role="gridcell" className="mono ellipsis-plain col-order" title={order.orderId}>
        <SelectOrder orderId={order.orderId} />
        {order.orderId}
      </span>
      <span role="gridcell" className="ellipsis-plain col-customer" title={order.customer ?? ''}>
        {order.customer ?? ''}
      </span>
      <span role="gridcell">
        <span className={`status status-${order.printStatus}`}>{ORDER_STATUS_LABEL[order.printStatus]}</span>
        <HoldMark order={order} />
        {order.printedUnconfirmed && (
          <span className="muted" title={order.printedUnconfirmed}>
            {' '}
            {t('queue.unconfirmed')}
          </span>
        )}
      </span>
      <span role="gridcell" className="col-created">
        {timeAgo(order.createdAt)}
      </span>
      <span role="gridcell" className="col-options">
        {optionsSummary(order.printingOptions)}
      </span>
      <span role="gridcell" className="ellipsis-plain col-printer" title={forecast ? forecastText(forecast) : undefined}>
        {forecast ? <ForecastNote forecast={forecast} /> : (order.printerName ?? '—')}
      </span>
      <span role="gridcell" className="col-try">
        {order.printAttempt}
      </span>
      <span role="gridcell" className="ellipsis col-note" title={order.printError ?? ''}>
        {order.cancelRequestedAt
          ? t('queue.cancelRequested')
          : (orderProblem(order, orderProblemWords())?.headline ?? order.printError ?? '')}
      </span>
    </>
  );
}
