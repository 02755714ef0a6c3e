/**
 * One order: what it is, how to steer it while it waits, what can be done with it (each with confirmation and a
 * reason), its history, its first page. The everyday actions are buttons; the dangerous ones ("Mark as printed",
 * "Reset stuck") sit behind "More", and only where they make sense.
 */
import { useState } from 'react';
import { operatorActionAllowed, type OperatorAction } from '../../../shared/lifecycle';
import { orderProblem, orderWhereabouts } from '../../../shared/operatorWords';
import type { HistoryEntry, OrderView } from '../../../shared/stationApi';
import { t, useLocale } from '../i18n';
import { historyLine } from '../orderHistory';
import { orderProblemWords, whereaboutsWords } from '../i18n/printerWords';
import { ORDER_STATUS_LABEL, dateTime, optionsSummary } from '../printRoom';
import { useStation } from '../storeContext';
import { ActionDialog } from './ActionDialog';
import { PdfPreview } from './PdfPreview';
import { SteeringControls } from './QueueSteering';
import './OrderPanel.css';

type PanelAction = Extract<OperatorAction, 'reprint' | 'cancel' | 'resetStuck' | 'forcePrinted'>;
interface ActionWords {
  action: PanelAction;
  /** The button in the panel. */
  label: string;
  /** The dialog's confirm button: what it does, never a bare "Cancel" beside "Back". */
  confirm: string;
  explain: string;
}

/** The words of each action for an order in this status. */
export function actionWords(action: PanelAction, order: Pick<OrderView, 'printStatus'>): ActionWords {
  const back = order.printStatus === 'failed' || order.printStatus === 'cancelled';
  switch (action) {
    case 'reprint':
      return back
        ? { action, label: t('order.backToQueue'), confirm: t('order.putBack'), explain: t('order.reprintExplain') }
        : { action, label: t('order.reprint'), confirm: t('order.reprintOrder'), explain: t('order.reprintExplain') };
    case 'cancel':
      return {
        action,
        label: t('order.cancel'),
        confirm: t('order.cancel'),
        explain: t('order.cancelExplain'),
      };
    case 'resetStuck':
      return {
        action,
        label: t('order.resetStuck'),
        confirm: t('order.resetConfirm'),
        explain: t('order.resetExplain'),
      };
    case 'forcePrinted':
      // For an order whose outcome is unknown, "mark as printed" is the answer "yes, it printed".
      return order.printStatus === 'needs_attention'
        ? {
            action,
            label: t('order.yesPrinted'),
            confirm: t('order.yesPrinted'),
            explain: t('order.yesPrintedExplain'),
          }
        : {
            action,
            label: t('order.markPrinted'),
            confirm: t('order.markPrinted'),
            explain: t('order.markPrintedExplain'),
          };
  }
}

/**
 * Which actions the panel offers, and where: `main` as buttons, `more` behind "More". Reset stuck is offered only
 * for an order nobody is following: printing with a lease that ran out (or none), or waiting for a person.
 */
export function panelActions(order: Pick<OrderView, 'printStatus' | 'leaseExpiresAt'>, now = Date.now()) {
  const allowed = (a: PanelAction) => operatorActionAllowed(a, order.printStatus);
  const liveJob = order.printStatus === 'printing' && order.leaseExpiresAt != null && new Date(order.leaseExpiresAt).getTime() > now;
  const main: PanelAction[] = [];
  const more: PanelAction[] = [];
  if (allowed('reprint')) main.push('reprint');
  if (order.printStatus === 'needs_attention') main.push('forcePrinted');
  if (allowed('cancel')) main.push('cancel');
  if (allowed('forcePrinted') && order.printStatus !== 'needs_attention') more.push('forcePrinted');
  if (allowed('resetStuck') && !liveJob) more.push('resetStuck');
  return { main, more };
}

export function OrderPanel({ orderId, onClose }: { orderId: string; onClose(): void }) {
  const detail = useStation((s) => s.orderHistory);
  const command = useStation((s) => s.command);
  const printerNames = useStation((s) => s.snapshot?.printers);
  const [asking, setAsking] = useState<ActionWords | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const order = detail?.order?.orderId === orderId ? detail.order : null;
  const actions = order ? panelActions(order) : { main: [], more: [] };

  return (
    <aside className="order-panel" aria-label={t('order.label', { orderId })}>
      <header>
        <h2>{t('order.label', { orderId })}</h2>
        <button onClick={onClose} aria-label={t('order.close')}>
          ✕
        </button>
      </header>
      {!order ? (
        <p className="muted">{detail && !detail.order ? t('order.gone') : t('order.loading')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('order.status')}</dt>
            <dd>
              <span className={`status status-${order.printStatus}`}>{ORDER_STATUS_LABEL[order.printStatus]}</span>
              {order.cancelRequestedAt ? t('order.cancelRequested') : ''}
              {order.hold ? t('order.heldBy', { name: order.hold.by }) : ''}
            </dd>
            <dt>{t('order.options')}</dt>
            <dd>{optionsSummary(order.printingOptions)}</dd>
            <dt>{t('order.created')}</dt>
            <dd>{dateTime(order.createdAt)}</dd>
            <dt>{t('order.priority')}</dt>
            <dd>{order.priority}</dd>
            <dt>{t('order.printer')}</dt>
            <dd>{order.printerName ?? '—'}</dd>
            <dt>{t('order.attempts')}</dt>
            <dd>{order.printAttempt}</dd>
            {order.printError && (
              <>
                <dt>{t('order.problem')}</dt>
                <dd className="error-text" title={`${order.printErrorCode ?? ''}: ${order.printError}`}>
                  {orderProblem(order, orderProblemWords())?.headline ?? order.printError}{' '}
                  <span className="muted small">{orderProblem(order, orderProblemWords())?.action}</span>
                </dd>
              </>
            )}
            {order.printCompletedAt && (
              <>
                <dt>{t('order.printed')}</dt>
                <dd>{dateTime(order.printCompletedAt)}</dd>
              </>
            )}
          </dl>
          {(() => {
            // Where the customer's copy comes out now, after a fault stopped it part-way elsewhere (issue 11).
            const where = orderWhereabouts(
              order,
              detail?.history ?? [],
              (id) => printerNames?.find((p) => p.printerId === id)?.name,
              whereaboutsWords(),
            );
            return where ? (
              <p className="attention-question" data-testid="order-whereabouts">
                {where}
              </p>
            ) : null;
          })()}
          {order.strayCopy && (
            <p className="attention-question" role="alert">
              {t('order.strayCopy', {
                printer: order.strayCopy.printerName,
                station: order.strayCopy.stationId,
                reason: order.strayCopy.reason,
              })}
            </p>
          )}
          {order.printedUnconfirmed && <p className="attention-question">{t('order.unconfirmed', { what: order.printedUnconfirmed })}</p>}
          {order.printStatus === 'needs_attention' && <p className="attention-question">{t('order.didItPrint')}</p>}
          <SteeringControls order={order} />
          <div className="button-row order-actions">
            {actions.main.map((a) => {
              const words = actionWords(a, order);
              return (
                <button key={a} className={a === 'cancel' ? 'danger-outline' : ''} onClick={() => setAsking(words)}>
                  {words.label}
                </button>
              );
            })}
            {actions.more.length > 0 && (
              <div className="more-menu">
                <button aria-haspopup="menu" aria-expanded={moreOpen} onClick={() => setMoreOpen(!moreOpen)}>
                  {t('order.more')}
                </button>
                {moreOpen && (
                  <div role="menu" className="more-items" aria-label={t('order.moreActions')}>
                    {actions.more.map((a) => {
                      const words = actionWords(a, order);
                      return (
                        <button
                          key={a}
                          role="menuitem"
                          className="danger-outline"
                          onClick={() => {
                            setMoreOpen(false);
                            setAsking(words);
                          }}
                        >
                          {words.label}
                        </button>
                      );
                    })}
                  </div>
                )}
              </div>
            )}
          </div>
          <h3>{t('order.history')}</h3>
          <ol className="history" data-testid="order-history">
            {detail?.history.length === 0 && <li className="muted">{t('order.nothingYet')}</li>}
            {(detail?.history ?? []).map((h, i) => (
              <li key={i}>
                <span className="muted">{dateTime(h.at)}</span> <HistoryWhat entry={h} />
                <span className="muted">{t('order.by', { who: h.actor ?? h.source })}</span>
                {h.reason ? <div className="reason">“{h.reason}”</div> : null}
              </li>
            ))}
          </ol>
          <h3>{t('order.firstPage')}</h3>
          <PdfPreview orderId={order.orderId} />
        </>
      )}
      {asking && order && (
        <ActionDialog
          title={t('order.confirmTitle', { confirm: asking.confirm, orderId: order.orderId })}
          description={asking.explain}
          confirmLabel={asking.confirm}
          tone={asking.action === 'forcePrinted' && order.printStatus === 'needs_attention' ? 'primary' : 'danger'}
          onClose={() => setAsking(null)}
          onConfirm={({ reason, pin }) => command(asking.action, { orderId: order.orderId, reason }, pin)}
        />
      )}
    </aside>
  );
}

/** One history line's what and status move, in the operator's words. */
function HistoryWhat({ entry }: { entry: HistoryEntry }) {
  const { what, move } = historyLine(entry, useLocale().locale);
  return (
    <>
      <strong>{what}</strong>
      {move ? ` ${move}` : ''}
    </>
  );
}
