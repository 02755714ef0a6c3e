/**
 * One printer: its state in colour, a sentence saying what it is doing or what is wrong and what to do about it, and
 * the one big button its blocking state needs. A blocking state (awaiting retrieval, error) is left only by the
 * operator, so the button is the card's loudest element. The machine's own words (state keys, spooler keywords,
 * recent moves) stay one click away under "Details", for the technician.
 */
import { useState } from 'react';
import { faultWordsOf, interruptedJobSentence, interruptedOrderId, printerSentence } from '../../../shared/operatorWords';
import type { PrinterView } from '../../../shared/stationApi';
import { fmt, t } from '../i18n';
import { printerWords } from '../i18n/printerWords';
import { PRINTER_STATE_LABEL, clock, stateClass, timeAgo } from '../printRoom';
import { useStation } from '../storeContext';
import { ActionDialog } from './ActionDialog';
import { RetrievalItem } from './RetrievalItem';
import { SimulateButtons } from './SimulateButtons';
import './PrinterCard.css';

export function PrinterCard({ printer }: { printer: PrinterView }) {
  const command = useStation((s) => s.command);
  const [askBad, setAskBad] = useState(false);
  // After a crash: "did it print?" decides the order's fate like force-printed / reprint, so it asks for the PIN.
  const [askPrinted, setAskPrinted] = useState<boolean | null>(null);
  const id = printer.printerId;
  const job = printer.currentJob;
  const progress = job?.pagesTotal ? Math.min(100, Math.round(((job.pagesDone ?? 0) / job.pagesTotal) * 100)) : undefined;
  const words = printerSentence(printer, Date.now(), printerWords());
  const stopped = printer.state === 'error' || printer.state === 'offline' ? interruptedOrderId(printer.recentTransitions) : undefined;
  const claiming = printer.state === 'ready' && !printer.notClaimingReason;
  const trouble = printer.state === 'error' || printer.state === 'offline';

  return (
    <article
      className={`printer-card ${stateClass(printer.state)}`}
      data-testid={`printer-${printer.name}`}
      aria-label={t('card.label', { name: printer.name })}
    >
      <header>
        <h3>{printer.name}</h3>
        <span className="state-pill">{PRINTER_STATE_LABEL[printer.state]}</span>
      </header>
      <div className="printer-meta">
        {printer.capabilities.paperSizes.join('/')}
        {printer.capabilities.color ? t('card.colour') : ''}
        {printer.capabilities.duplex ? t('card.duplex') : ''}
        {printer.requiresRetrieval ? t('card.needsRetrieval') : ''}
      </div>

      <div className="printer-words" data-testid={claiming ? undefined : 'not-claiming'}>
        <p className={trouble ? 'error-text' : ''} data-testid="printer-sentence">
          {words.headline}
        </p>
        {words.action && (
          <p className="printer-action" data-testid="printer-action">
            {words.action}
          </p>
        )}
      </div>
      {stopped && (
        <p className="interrupted-job" data-testid="interrupted-job">
          {interruptedJobSentence(stopped, printer.name, printerWords())}
        </p>
      )}

      {job && (
        <div className="current-job">
          <div>
            {t('card.printingOrder')} <strong>{job.orderId}</strong>
          </div>
          <div className="progress" role="progressbar" aria-valuenow={progress ?? 0} aria-valuemin={0} aria-valuemax={100}>
            <div className={progress === undefined ? 'indeterminate' : ''} style={{ width: `${progress ?? 30}%` }} />
          </div>
          {job.pagesTotal ? (
            <div className="muted">
              {t('card.pageOf', { done: job.pagesDone ?? 0, total: job.pagesTotal, ago: timeAgo(job.startedAt) })}
            </div>
          ) : null}
        </div>
      )}

      {printer.state === 'awaiting_retrieval' && (
        <div className="blocking">
          {printer.awaitingOrderId && <RetrievalItem orderId={printer.awaitingOrderId} />}
          <button className="big primary" onClick={() => command('confirmRetrieval', { printerId: id, outcome: 'good' })}>
            {t('card.itemRetrieved')}
          </button>
          <button className="danger-outline" onClick={() => setAskBad(true)}>
            {t('card.badReprint')}
          </button>
        </div>
      )}

      {printer.state === 'error' && printer.unknownOutcome && (
        <div className="blocking">
          <div className="button-row">
            <button className="big primary" onClick={() => setAskPrinted(true)}>
              {t('card.yesPrinted')}
            </button>
            <button className="big danger-outline" onClick={() => setAskPrinted(false)}>
              {t('card.reprint')}
            </button>
          </div>
        </div>
      )}

      {printer.state === 'error' && !printer.unknownOutcome && (
        <div className="blocking">
          <button className="big primary" onClick={() => command('printerRecovered', { printerId: id })}>
            {t('card.recovered')}
          </button>
        </div>
      )}

      {printer.lastError && !trouble && (
        <p className="muted small">
          {t('card.lastProblem', {
            ago: timeAgo(printer.lastError.at),
            problem: faultWordsOf(printerWords(), printer.lastError.message)?.problem ?? t('card.seeDetails'),
          })}
        </p>
      )}

      <footer className="card-actions">
        {printer.state === 'paused' ? (
          <button className="primary" onClick={() => command('resumePrinter', { printerId: id })}>
            {t('card.resume')}
          </button>
        ) : printer.state === 'printing' ? (
          // Issue 11: the job finishes, then the printer pauses (the order it is on is named in the toast).
          <button
            disabled={Boolean(printer.pausesAfterJob)}
            title={printer.pausesAfterJob ? t('card.alreadyAsked', { what: printer.pausesAfterJob }) : undefined}
            onClick={() => command('pauseAfterJob', { printerId: id })}
          >
            {printer.pausesAfterJob ? t('card.pausesAfterJob') : t('card.pauseAfterJob')}
          </button>
        ) : (
          <button disabled={printer.state !== 'ready'} onClick={() => command('pausePrinter', { printerId: id })}>
            {t('card.pause')}
          </button>
        )}
        <button disabled={printer.state !== 'ready'} onClick={() => command('testPrint', { printerId: id })}>
          {t('card.testPrint')}
        </button>
        <span className="muted small">
          {t('card.stateFor', {
            state: PRINTER_STATE_LABEL[printer.state],
            duration: fmt().duration(Date.now() - new Date(printer.stateSince).getTime()),
          })}
        </span>
      </footer>
      <SimulateButtons printer={printer} />
      <PrinterDetails printer={printer} />

      {askBad && (
        <ActionDialog
          title={t('card.reprintTitle', { orderId: printer.awaitingOrderId ?? '' })}
          description={t('card.badDescription')}
          confirmLabel={t('card.reprint')}
          onClose={() => setAskBad(false)}
          onConfirm={async ({ reason, pin }) => (await command('confirmRetrieval', { printerId: id, outcome: 'bad', reason }, pin)).ok}
        />
      )}
      {askPrinted !== null && (
        <ActionDialog
          title={
            askPrinted
              ? t('card.printedTitle', { orderId: printer.unknownOutcome?.orderId ?? '' })
              : t('card.reprintTitle', { orderId: printer.unknownOutcome?.orderId ?? '' })
          }
          description={askPrinted ? t('card.printedDescription') : t('card.reprintDescription')}
          confirmLabel={askPrinted ? t('card.yesPrinted') : t('card.reprint')}
          tone={askPrinted ? 'primary' : 'danger'}
          askReason={false}
          onClose={() => setAskPrinted(null)}
          onConfirm={async ({ pin }) => (await command('resolveUnknownOutcome', { printerId: id, printed: askPrinted }, pin)).ok}
        />
      )}
    </article>
  );
}

/** The technician's view: the machine's own words and the printer's last moves, closed until asked for. */
function PrinterDetails({ printer }: { printer: PrinterView }) {
  const job = printer.currentJob;
  const rows: Array<[string, string | undefined]> = [
    [t('details.systemName'), `${printer.systemName} (${printer.driverKind})`],
    [t('details.state'), t('details.stateSince', { state: printer.state, time: clock(printer.stateSince) })],
    [t('details.reason'), printer.stateReason],
    [t('details.notClaiming'), printer.notClaimingReason],
    [t('details.health'), `${printer.health}${printer.healthMessage ? `: ${printer.healthMessage}` : ''}`],
    [t('details.spoolerQueue'), String(printer.queueLength)],
    [
      t('details.job'),
      job
        ? job.spoolerState
          ? t('details.jobSpooler', { orderId: job.orderId, printJobId: job.printJobId, phase: job.phase, spoolerState: job.spoolerState })
          : t('details.jobValue', { orderId: job.orderId, printJobId: job.printJobId, phase: job.phase })
        : undefined,
    ],
    [
      t('details.lastError'),
      printer.lastError
        ? t('details.lastErrorAt', { code: printer.lastError.code, time: clock(printer.lastError.at), message: printer.lastError.message })
        : undefined,
    ],
  ];
  const moves = printer.recentTransitions ?? [];
  return (
    <details className="printer-details" data-testid="printer-details">
      <summary>{t('details.summary')}</summary>
      <dl>
        {rows
          .filter((r): r is [string, string] => Boolean(r[1]))
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {moves.length > 0 && (
        <table className="table small" data-testid="printer-transitions">
          <caption>{t('details.moves')}</caption>
          <thead>
            <tr>
              <th>{t('details.at')}</th>
              <th>{t('details.fromTo')}</th>
              <th>{t('details.by')}</th>
              <th>{t('details.why')}</th>
            </tr>
          </thead>
          <tbody>
            {[...moves].reverse().map((m, i) => (
              <tr key={`${String(m.at)}-${i}`}>
                <td>{clock(m.at)}</td>
                <td>
                  {m.from} → {m.to}
                </td>
                <td>{m.cause}</td>
                <td>{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
