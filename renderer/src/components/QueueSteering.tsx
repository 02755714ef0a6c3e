/**
 * Steering the queue from the screen (issue 11): the forecast in a pending row (place, the printer that takes it and
 * about when, or why none can), a checkbox per row with a bar of bulk actions, and the steering buttons of the
 * order panel (print next, priority, hold and release, print on a printer). Every action is a StationApi command;
 * the order core decides, and a refusal comes back as a sentence.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { forecastQueue, nextPace, startsIn, type ForecastPrinter, type OrderForecast } from '../../../shared/queueForecast';
import type { OrderView, PrinterView } from '../../../shared/stationApi';
import { t } from '../i18n';
import { forecastWords } from '../i18n/printerWords';
import { useStation } from '../storeContext';
import { ActionDialog } from './ActionDialog';
import './QueueSteering.css';

// ── the selection (kept outside React state so the list's rows and the bar share it without the screen's help) ──

const selection = {
  ids: new Set<string>(),
  listeners: new Set<() => void>(),
  version: 0,
  set(ids: Iterable<string>) {
    this.ids = new Set(ids);
    this.version++;
    for (const l of this.listeners) l();
  },
  toggle(id: string) {
    const next = new Set(this.ids);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.set(next);
  },
};
const subscribe = (l: () => void) => {
  selection.listeners.add(l);
  return () => selection.listeners.delete(l);
};
function useSelection(): ReadonlySet<string> {
  useSyncExternalStore(subscribe, () => selection.version);
  return selection.ids;
}

/** The checkbox in a row: selects without opening the order. */
export function SelectOrder({ orderId }: { orderId: string }) {
  const selected = useSelection().has(orderId);
  return (
    <input
      type="checkbox"
      className="select-order"
      aria-label={t('steer.selectOrder', { orderId })}
      checked={selected}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={() => selection.toggle(orderId)}
    />
  );
}

// ── the printers' recent pace, learned from the snapshots this console sees ─────────────────────────────────────

const pace = new Map<string, { job?: { orderId: string; startedAt: number }; recent: number[]; paceMs?: number }>();

function learnPace(printers: PrinterView[], now: number): void {
  for (const p of printers) {
    const seen = pace.get(p.printerId) ?? { recent: [] };
    const job = p.currentJob && { orderId: p.currentJob.orderId, startedAt: new Date(p.currentJob.startedAt).getTime() };
    if (seen.job && seen.job.orderId !== job?.orderId) Object.assign(seen, nextPace(seen.recent, now - seen.job.startedAt));
    seen.job = job;
    pace.set(p.printerId, seen);
  }
}

/** The printers the forecast plans with: the fleet's (all stations), with this station's live views on top. */
function useForecastPrinters(): ForecastPrinter[] {
  const snapshot = useStation((s) => s.snapshot);
  const fleet = useStation((s) => s.fleet);
  return useMemo(() => {
    const live = snapshot?.printers ?? [];
    learnPace(live, Date.now());
    const byId = new Map<string, ForecastPrinter>();
    for (const p of fleet?.printers ?? []) {
      if (!p.isActive) continue;
      byId.set(p.printerId, { printerId: p.printerId, name: p.name, stationId: p.stationId, state: p.state, capabilities: p.capabilities });
    }
    for (const p of live) {
      byId.set(p.printerId, {
        printerId: p.printerId,
        name: p.name,
        stationId: snapshot?.station.id,
        state: p.state,
        capabilities: p.capabilities,
        jobStartedAt: p.currentJob ? new Date(p.currentJob.startedAt) : undefined,
        paceMs: pace.get(p.printerId)?.paceMs,
      });
    }
    return [...byId.values()];
  }, [snapshot, fleet]);
}

/**
 * The forecast of the pending orders loaded from the top of the queue (in claim order), by order id. Only the
 * plain pending list is the queue's order: with a search or a filter, positions would be wrong, so there is none.
 */
export function usePendingForecast(): Map<string, OrderForecast> {
  const queue = useStation((s) => s.queue);
  const printers = useForecastPrinters();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => {
    const plain = queue.tab === 'pending' && !queue.search && Object.values(queue.filters).every((v) => v === undefined || v === '');
    if (!plain) return new Map();
    const top: OrderView[] = [];
    for (let page = 0; queue.pages[page]; page++) top.push(...queue.pages[page]!);
    return new Map(forecastQueue(top, printers, now, undefined, forecastWords()).map((f) => [f.orderId, f]));
  }, [queue, printers, now]);
}

/** A pending row's forecast in full, in the operator's language (its cell is narrow: the cell's title shows all of it). */
export function forecastText(forecast: OrderForecast): string {
  const place = forecast.position ? `#${forecast.position} · ` : '';
  if (forecast.why) return `${place}${forecast.why}`;
  return `${place}${forecast.printer?.name ?? ''} · ${startsIn(forecast.startsAt, new Date(), forecastWords())}`;
}

/** Where a pending row stands: "#3 · Counter laser · in about 2 min", or why no printer takes it (in full in its title). */
export function ForecastNote({ forecast }: { forecast: OrderForecast }) {
  const text = forecastText(forecast);
  return (
    <span className={`forecast ${forecast.why ? 'forecast-blocked' : ''}`} title={text} data-testid="forecast">
      {text}
    </span>
  );
}

/** A short "held" mark beside the status of a held order; who and why are in its title and the order's panel. */
export function HoldMark({ order }: { order: OrderView }) {
  if (!order.hold) return null;
  return (
    <span
      className="hold-mark"
      title={t('steer.heldBy', { name: order.hold.by, reason: order.hold.reason })}
      aria-label={t('steer.heldByShort', { name: order.hold.by })}
    >
      {t('steer.held')}
    </span>
  );
}

// ── bulk actions ───────────────────────────────────────────────────────────────────────────────────────────────

/** One empty list for "no snapshot yet": a selector returning a new [] each call re-renders without end (React 19). */
const NO_PRINTERS: readonly PrinterView[] = [];

type Bulk = 'hold' | 'release' | 'cancel' | 'reprint' | 'retrieved';

/** The bar over the list: select all shown, and what to do with the selected orders. */
export function BulkBar() {
  const queue = useStation((s) => s.queue);
  const command = useStation((s) => s.command);
  const announce = useStation((s) => s.announce);
  const printers = useStation((s) => s.snapshot?.printers ?? NO_PRINTERS);
  const selected = useSelection();
  const [asking, setAsking] = useState<Bulk | null>(null);
  const shown = useMemo(() => Object.values(queue.pages).flat(), [queue.pages]);
  // Another tab shows other orders: start afresh. A search keeps the selection; actions apply to what is shown.
  useEffect(() => selection.set([]), [queue.tab]);

  const chosen = shown.filter((o) => selected.has(o.orderId));
  const allShown = shown.length > 0 && chosen.length === shown.length;

  const run = async (bulk: Bulk, input: { reason: string; pin?: string } = { reason: '' }) => {
    let done = 0;
    const refused: string[] = [];
    for (const order of chosen) {
      const orderId = order.orderId;
      const reason = input.reason || undefined;
      let result;
      if (bulk === 'hold') result = await command('holdOrder', { orderId, reason: input.reason });
      else if (bulk === 'release') result = await command('releaseOrder', { orderId, reason });
      else if (bulk === 'cancel') result = await command('cancel', { orderId, reason: input.reason }, input.pin);
      else if (bulk === 'reprint') result = await command('reprint', { orderId, reason: input.reason }, input.pin);
      else {
        const printer = printers.find((p) => p.awaitingOrderId === orderId);
        result = printer
          ? await command('confirmRetrieval', { printerId: printer.printerId, outcome: 'good' })
          : { ok: false as const, reason: t('steer.notInTray', { orderId }) };
      }
      if (result.ok) done++;
      else refused.push(result.reason);
    }
    announce(
      refused.length ? 'error' : 'ok',
      `${t(`bulk.${bulk}Done`, { count: done })}${refused.length ? t('steer.refused', { count: refused.length }) : ''}.`,
    );
    selection.set([]);
    return refused.length === 0 || done > 0;
  };

  if (shown.length === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('steer.selectedOrders')}>
      <label className="bulk-all">
        <input
          type="checkbox"
          checked={allShown}
          onChange={() => selection.set(allShown ? [] : shown.map((o) => o.orderId))}
          aria-label={t('steer.selectAll')}
        />
        {chosen.length ? t('steer.selected', { count: chosen.length }) : t('steer.selectAll')}
      </label>
      {chosen.length > 0 && (
        <>
          <button onClick={() => setAsking('hold')}>{t('steer.hold')}</button>
          <button onClick={() => void run('release')}>{t('steer.release')}</button>
          <button onClick={() => setAsking('reprint')}>{t('steer.reprint')}</button>
          <button className="danger-outline" onClick={() => setAsking('cancel')}>
            {t('steer.cancelOrders')}
          </button>
          <button onClick={() => void run('retrieved')}>{t('steer.confirmRetrieval')}</button>
          <button onClick={() => selection.set([])}>{t('steer.clearSelection')}</button>
        </>
      )}
      {asking && (
        <ActionDialog
          title={`${t(`bulk.${asking}`, { count: chosen.length })}?`}
          description={BULK_EXPLAIN[asking]()}
          confirmLabel={t(`bulk.${asking}`, { count: chosen.length })}
          tone={asking === 'cancel' ? 'danger' : 'primary'}
          needsPin={asking === 'cancel' || asking === 'reprint'}
          onClose={() => setAsking(null)}
          onConfirm={(input) => run(asking, input)}
        />
      )}
    </div>
  );
}

/** What a bulk action does, for its dialog; its title is bulk.<action>, its outcome bulk.<action>Done. */
const BULK_EXPLAIN: Record<Bulk, () => string> = {
  hold: () => t('bulk.holdExplain'),
  release: () => '',
  reprint: () => t('bulk.reprintExplain'),
  cancel: () => t('bulk.cancelExplain'),
  retrieved: () => '',
};

// ── steering one order (in its panel) ──────────────────────────────────────────────────────────────────────────

/** Print next, priority, hold / release, print on a printer: for a pending order only. */
export function SteeringControls({ order }: { order: OrderView }) {
  const command = useStation((s) => s.command);
  const printers = useForecastPrinters();
  const [holding, setHolding] = useState(false);
  const [pinTo, setPinTo] = useState('');
  if (order.printStatus !== 'pending') return null;
  const orderId = order.orderId;
  const pinnedTo = order.pinnedPrinterId
    ? (printers.find((p) => p.printerId === order.pinnedPrinterId)?.name ?? order.pinnedPrinterId)
    : order.pinnedStationId
      ? t('steer.anyOfStation', { station: order.pinnedStationId })
      : undefined;
  const stations = [...new Set(printers.map((p) => p.stationId).filter((s): s is string => Boolean(s)))];

  return (
    <section className="steering" aria-label={t('steer.label')}>
      {order.hold && <p className="hold-note">{t('steer.heldBy', { name: order.hold.by, reason: order.hold.reason })}</p>}
      {pinnedTo && <p className="pin-note">{t('steer.printsOnlyOn', { where: pinnedTo })}</p>}
      <div className="button-row">
        <button onClick={() => void command('printNext', { orderId })}>{t('steer.printNext')}</button>
        <button onClick={() => void command('changePriority', { orderId, direction: 'up' })} aria-label={t('steer.priorityUp')}>
          {t('steer.priorityUpButton')}
        </button>
        <button onClick={() => void command('changePriority', { orderId, direction: 'down' })} aria-label={t('steer.priorityDown')}>
          {t('steer.priorityDownButton')}
        </button>
        {order.hold ? (
          <button onClick={() => void command('releaseOrder', { orderId })}>{t('steer.release')}</button>
        ) : (
          <button onClick={() => setHolding(true)}>{t('steer.hold')}</button>
        )}
      </div>
      <div className="pin-row">
        <label>
          {t('steer.printOn')}
          <select value={pinTo} onChange={(e) => setPinTo(e.target.value)} aria-label={t('steer.printOnLabel')}>
            <option value="">{t('steer.choosePrinter')}</option>
            {printers.map((p) => (
              <option key={p.printerId} value={`printer:${p.printerId}`}>
                {p.name}
              </option>
            ))}
            {stations.map((s) => (
              <option key={s} value={`station:${s}`}>
                {t('steer.anyOfStation', { station: s })}
              </option>
            ))}
          </select>
        </label>
        <button
          disabled={!pinTo}
          title={pinTo ? undefined : t('steer.chooseFirst')}
          onClick={() => {
            const [kind, id] = [pinTo.slice(0, pinTo.indexOf(':')), pinTo.slice(pinTo.indexOf(':') + 1)];
            void command('pinOrder', kind === 'printer' ? { orderId, printerId: id } : { orderId, stationId: id });
          }}
        >
          {t('steer.pin')}
        </button>
        {pinnedTo && <button onClick={() => void command('unpinOrder', { orderId })}>{t('steer.anyPrinter')}</button>}
      </div>
      {holding && (
        <ActionDialog
          title={t('steer.holdTitle', { orderId })}
          description={t('steer.holdExplain')}
          confirmLabel={t('steer.holdOrder')}
          tone="primary"
          needsPin={false}
          onClose={() => setHolding(false)}
          onConfirm={({ reason }) => command('holdOrder', { orderId, reason })}
        />
      )}
    </section>
  );
}
