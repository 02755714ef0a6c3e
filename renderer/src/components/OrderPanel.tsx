/**
 * One order: what it is, how to steer it while it waits, what can be done with it (each with confirmation and a
 * reason), its history, its first page. The everyday actions are buttons; the dangerous ones ("Mark as printed",
 * "Reset stuck") sit behind "More", and only where they make sense.
 */
import { useState } from 'react';
import { operatorActionAllowed, type OperatorAction } from '../../../shared/lifecycle';
import { orderProblem, orderWhereabouts } from '../../../shared/operatorWords';
import type { OrderView } from '../../../shared/stationApi';
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
        ? { action, label: 'Back to queue', confirm: 'Put back in queue', explain: 'The order goes back to the queue and prints again.' }
        : { action, label: 'Reprint', confirm: 'Reprint order', explain: 'The order goes back to the queue and prints again.' };
    case 'cancel':
      return {
        action,
        label: 'Cancel order',
        confirm: 'Cancel order',
        explain: 'The order will not be printed. A printing order is stopped at the printer.',
      };
    case 'resetStuck':
      return {
        action,
        label: 'Reset stuck',
        confirm: 'Reset to pending',
        explain: 'The order goes back to pending. Use it only when you are sure nothing is printing it.',
      };
    case 'forcePrinted':
      // For an order whose outcome is unknown, "mark as printed" is the answer "yes, it printed".
      return order.printStatus === 'needs_attention'
        ? {
            action,
            label: 'Yes, it printed',
            confirm: 'Yes, it printed',
            explain: 'The order is recorded as printed; it will not print again.',
          }
        : {
            action,
            label: 'Mark as printed',
            confirm: 'Mark as printed',
            explain: 'The order is recorded as printed without printing it.',
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
    <aside className="order-panel" aria-label={`Order ${orderId}`}>
      <header>
        <h2>Order {orderId}</h2>
        <button onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {!order ? (
        <p className="muted">{detail && !detail.order ? 'This order no longer exists.' : 'Loading…'}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <span className={`status status-${order.printStatus}`}>{ORDER_STATUS_LABEL[order.printStatus]}</span>
              {order.cancelRequestedAt ? ' (cancel requested)' : ''}
              {order.hold ? ` (held by ${order.hold.by})` : ''}
            </dd>
            <dt>Options</dt>
            <dd>{optionsSummary(order.printingOptions)}</dd>
            <dt>Created</dt>
            <dd>{dateTime(order.createdAt)}</dd>
            <dt>Priority</dt>
            <dd>{order.priority}</dd>
            <dt>Printer</dt>
            <dd>{order.printerName ?? '—'}</dd>
            <dt>Attempts</dt>
            <dd>{order.printAttempt}</dd>
            {order.printError && (
              <>
                <dt>Problem</dt>
                <dd className="error-text" title={`${order.printErrorCode ?? ''}: ${order.printError}`}>
                  {orderProblem(order)?.headline ?? order.printError} <span className="muted small">{orderProblem(order)?.action}</span>
                </dd>
              </>
            )}
            {order.printCompletedAt && (
              <>
                <dt>Printed</dt>
                <dd>{dateTime(order.printCompletedAt)}</dd>
              </>
            )}
          </dl>
          {(() => {
            // Where the customer's copy comes out now, after a fault stopped it part-way elsewhere (issue 11).
            const where = orderWhereabouts(order, detail?.history ?? [], (id) => printerNames?.find((p) => p.printerId === id)?.name);
            return where ? (
              <p className="attention-question" data-testid="order-whereabouts">
                {where}
              </p>
            ) : null;
          })()}
          {order.strayCopy && (
            <p className="attention-question" role="alert">
              A copy of this order may still come out of printer {order.strayCopy.printerName} (station {order.strayCopy.stationId}):{' '}
              {order.strayCopy.reason}. Check that printer's tray before printing it again.
            </p>
          )}
          {order.printedUnconfirmed && (
            <p className="attention-question">
              Sent without confirmation: {order.printedUnconfirmed} The printer took the job but could not say that the label came out;
              check it did before handing the order over.
            </p>
          )}
          {order.printStatus === 'needs_attention' && (
            <p className="attention-question">
              The station cannot tell whether this order printed. Look at the printer's output: did it print?
            </p>
          )}
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
                  More ▾
                </button>
                {moreOpen && (
                  <div role="menu" className="more-items" aria-label="More actions">
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
          <h3>History</h3>
          <ol className="history" data-testid="order-history">
            {detail?.history.length === 0 && <li className="muted">Nothing recorded yet.</li>}
            {(detail?.history ?? []).map((h, i) => (
              <li key={i}>
                <span className="muted">{dateTime(h.at)}</span> <strong>{h.action.replace(/_/g, ' ')}</strong>
                {h.previousStatus || h.newStatus ? ` ${h.previousStatus ?? '…'} → ${h.newStatus ?? '…'}` : ''}
                <span className="muted"> by {h.actor ?? h.source}</span>
                {h.reason ? <div className="reason">“{h.reason}”</div> : null}
              </li>
            ))}
          </ol>
          <h3>First page</h3>
          <PdfPreview orderId={order.orderId} />
        </>
      )}
      {asking && order && (
        <ActionDialog
          title={`${asking.confirm}: ${order.orderId}?`}
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
