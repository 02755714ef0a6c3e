/** One order: what it is, what can be done with it (each with confirmation and a reason), its history, its first page. */
import { useState } from 'react';
import { operatorActionAllowed, type OperatorAction } from '../../../shared/lifecycle';
import { ORDER_STATUS_LABEL, dateTime, optionsSummary } from '../printRoom';
import { useStation } from '../storeContext';
import { ActionDialog } from './ActionDialog';
import { PdfPreview } from './PdfPreview';

const ACTIONS: Array<{
  action: Extract<OperatorAction, 'reprint' | 'cancel' | 'resetStuck' | 'forcePrinted'>;
  label: string;
  explain: string;
}> = [
  { action: 'reprint', label: 'Reprint', explain: 'The order goes back to the queue and prints again.' },
  { action: 'cancel', label: 'Cancel', explain: 'The order will not be printed. A printing order is stopped at the printer.' },
  {
    action: 'resetStuck',
    label: 'Reset stuck',
    explain: 'The order goes back to pending. Use it only when you are sure nothing is printing it.',
  },
  { action: 'forcePrinted', label: 'Mark as printed', explain: 'The order is recorded as printed without printing it.' },
];

/** For an order whose outcome is unknown, "mark as printed" is the answer "yes, it printed". */
function labelFor(action: (typeof ACTIONS)[number], status: string): (typeof ACTIONS)[number] {
  if (status === 'needs_attention' && action.action === 'forcePrinted') {
    return { ...action, label: 'Yes, it printed', explain: 'The order is recorded as printed; it will not print again.' };
  }
  return action;
}

export function OrderPanel({ orderId, onClose }: { orderId: string; onClose(): void }) {
  const detail = useStation((s) => s.orderHistory);
  const command = useStation((s) => s.command);
  const [asking, setAsking] = useState<(typeof ACTIONS)[number] | null>(null);
  const order = detail?.order?.orderId === orderId ? detail.order : null;

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
            </dd>
            <dt>Options</dt>
            <dd>{optionsSummary(order.printingOptions)}</dd>
            <dt>Created</dt>
            <dd>{dateTime(order.createdAt)}</dd>
            <dt>Printer</dt>
            <dd>{order.printerName ?? '—'}</dd>
            <dt>Attempts</dt>
            <dd>{order.printAttempt}</dd>
            {order.printError && (
              <>
                <dt>Problem</dt>
                <dd className="error-text">
                  {order.printError} {order.printErrorCode ? `(${order.printErrorCode})` : ''}
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
          <div className="button-row">
            {ACTIONS.filter((a) => operatorActionAllowed(a.action, order.printStatus)).map((a) => (
              <button
                key={a.action}
                className={a.action === 'cancel' ? 'danger-outline' : ''}
                onClick={() => setAsking(labelFor(a, order.printStatus))}
              >
                {labelFor(a, order.printStatus).label}
              </button>
            ))}
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
          title={`${asking.label}: order ${order.orderId}?`}
          description={asking.explain}
          confirmLabel={asking.label}
          onClose={() => setAsking(null)}
          onConfirm={async ({ reason, pin }) => (await command(asking.action, { orderId: order.orderId, reason }, pin)).ok}
        />
      )}
    </aside>
  );
}
