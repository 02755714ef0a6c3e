/**
 * One printer: its state in colour, what it is doing, why it is not claiming, and the one big button its blocking
 * state needs. A blocking state (awaiting retrieval, error) is left only by the operator, so the button is the
 * card's loudest element.
 */
import { useState } from 'react';
import type { PrinterView } from '../../../shared/stationApi';
import { PRINTER_STATE_LABEL, stateClass, timeAgo } from '../printRoom';
import { useStation } from '../storeContext';
import { ActionDialog } from './ActionDialog';
import { SimulateButtons } from './SimulateButtons';

export function PrinterCard({ printer }: { printer: PrinterView }) {
  const command = useStation((s) => s.command);
  const [askBad, setAskBad] = useState(false);
  // After a crash: "did it print?" decides the order's fate like force-printed / reprint, so it asks for the PIN.
  const [askPrinted, setAskPrinted] = useState<boolean | null>(null);
  const id = printer.printerId;
  const job = printer.currentJob;
  const progress = job?.pagesTotal ? Math.min(100, Math.round(((job.pagesDone ?? 0) / job.pagesTotal) * 100)) : undefined;

  return (
    <article
      className={`printer-card ${stateClass(printer.state)}`}
      data-testid={`printer-${printer.name}`}
      aria-label={`Printer ${printer.name}`}
    >
      <header>
        <h3>{printer.name}</h3>
        <span className="state-pill">{PRINTER_STATE_LABEL[printer.state]}</span>
      </header>
      <div className="printer-meta">
        {printer.systemName} · {printer.driverKind} · {printer.capabilities.paperSizes.join('/')}
        {printer.capabilities.color ? ' · colour' : ''}
        {printer.capabilities.duplex ? ' · duplex' : ''}
        {printer.requiresRetrieval ? ' · needs retrieval' : ''}
      </div>

      {job && (
        <div className="current-job">
          <div>
            Printing order <strong>{job.orderId}</strong>{' '}
            <span className="muted">
              ({job.phase}
              {job.spoolerState ? `, ${job.spoolerState}` : ''})
            </span>
          </div>
          <div className="progress" role="progressbar" aria-valuenow={progress ?? 0} aria-valuemin={0} aria-valuemax={100}>
            <div className={progress === undefined ? 'indeterminate' : ''} style={{ width: `${progress ?? 30}%` }} />
          </div>
          {job.pagesTotal ? (
            <div className="muted">
              page {job.pagesDone ?? 0} of {job.pagesTotal} · started {timeAgo(job.startedAt)}
            </div>
          ) : null}
        </div>
      )}

      {printer.state === 'awaiting_retrieval' && (
        <div className="blocking">
          <p data-testid="not-claiming">
            Order <strong>{printer.awaitingOrderId ?? '?'}</strong> is waiting in the tray. Take it out and check it.
          </p>
          <button className="big primary" onClick={() => command('confirmRetrieval', { printerId: id, outcome: 'good' })}>
            Item retrieved
          </button>
          <button className="danger-outline" onClick={() => setAskBad(true)}>
            Bad — reprint
          </button>
        </div>
      )}

      {printer.state === 'error' && printer.unknownOutcome && (
        <div className="blocking">
          <p>
            The station stopped while printing. Did order <strong>{printer.unknownOutcome.orderId}</strong> print?
          </p>
          <div className="button-row">
            <button className="big primary" onClick={() => setAskPrinted(true)}>
              Yes, it printed
            </button>
            <button className="big danger-outline" onClick={() => setAskPrinted(false)}>
              Reprint
            </button>
          </div>
        </div>
      )}

      {printer.state === 'error' && !printer.unknownOutcome && (
        <div className="blocking">
          <p className="error-text" data-testid="not-claiming">
            {printer.stateReason ?? printer.lastError?.message ?? printer.healthMessage ?? 'The printer reported an error.'}
          </p>
          <p className="muted">Fix the printer (paper, jam, door), then:</p>
          <button className="big primary" onClick={() => command('printerRecovered', { printerId: id })}>
            Printer recovered
          </button>
        </div>
      )}

      {/* Printing and the blocking states already say, in their own box, why nothing new is taken. */}
      {printer.notClaimingReason && !['printing', 'awaiting_retrieval', 'error'].includes(printer.state) && (
        <p className="not-claiming" data-testid="not-claiming">
          Not taking orders: {printer.notClaimingReason}
        </p>
      )}
      {printer.lastError && printer.state !== 'error' && (
        <p className="muted small">
          Last error {timeAgo(printer.lastError.at)}: {printer.lastError.message}
        </p>
      )}

      <footer className="card-actions">
        {printer.state === 'paused' ? (
          <button className="primary" onClick={() => command('resumePrinter', { printerId: id })}>
            Resume
          </button>
        ) : (
          <button disabled={printer.state !== 'ready'} onClick={() => command('pausePrinter', { printerId: id })}>
            Pause
          </button>
        )}
        <button disabled={printer.state !== 'ready'} onClick={() => command('testPrint', { printerId: id })}>
          Test print
        </button>
        <span className="muted small">
          {PRINTER_STATE_LABEL[printer.state]} since {timeAgo(printer.stateSince)}
        </span>
      </footer>
      <SimulateButtons printer={printer} />

      {askBad && (
        <ActionDialog
          title={`Reprint order ${printer.awaitingOrderId ?? ''}?`}
          description="The item is bad. The order goes back to the queue and prints again."
          confirmLabel="Reprint"
          onClose={() => setAskBad(false)}
          onConfirm={async ({ reason, pin }) => (await command('confirmRetrieval', { printerId: id, outcome: 'bad', reason }, pin)).ok}
        />
      )}
      {askPrinted !== null && (
        <ActionDialog
          title={
            askPrinted
              ? `Order ${printer.unknownOutcome?.orderId ?? ''} printed?`
              : `Reprint order ${printer.unknownOutcome?.orderId ?? ''}?`
          }
          description={
            askPrinted ? 'The order is recorded as printed; nothing prints again.' : 'The order goes back to the queue and prints again.'
          }
          confirmLabel={askPrinted ? 'Yes, it printed' : 'Reprint'}
          tone={askPrinted ? 'primary' : 'danger'}
          askReason={false}
          onClose={() => setAskPrinted(null)}
          onConfirm={async ({ pin }) => (await command('resolveUnknownOutcome', { printerId: id, printed: askPrinted }, pin)).ok}
        />
      )}
    </article>
  );
}
