/**
 * Start-up reconciliation (DESIGN §4, seed 003): every attempt the journal left unfinished is settled against the
 * spooler (by job name = printJobId) and the database (by printJobId) before any printer claims again.
 *   never reached the spooler           → back to the queue at once (code `interrupted`, counted by the policy);
 *   the spooler finished it             → its outcome is written (completed = printed, and nothing else is);
 *   the spooler finished it, printed    → a printer that needs retrieval starts in awaiting_retrieval;
 *   the spooler is still on it          → the printer follows it as if it had just sent it, holding a lease and
 *                                         checking ownership like any job (printJob.ts), so the reaper leaves it be;
 *   sent, and nobody can tell any more  → needs_attention, and the printer starts in `error` asking
 *                                         "did order X print?" (a power cut while printing).
 * Then every question the journal still holds, new or asked before an earlier restart, puts its printer in `error`
 * again: the journal alone decides, so a station started without its database asks what it asked before, and only
 * a person's answer (here, or at another station as seen on the order) lets the printer claim again.
 */
import type { PrinterDriver, SpoolJobRef } from '../../printing/driver';
import type { OrderDoc } from '../../../shared/domain';
import type { OrderRepository } from '../../db/orderRepository';
import type { AttemptJournal, UnfinishedAttempt } from '../printer/attempt';
import type { OutcomeQueue } from './outcomeQueue';
import type { PrinterLoop } from '../printer/printerLoop';
import { jobEndOf } from '../printer/jobEnd';
import { settle as settleEnd } from '../printer/settlement';
import type { StationContext } from '../stationContext';

export interface ReconcileDeps extends Pick<StationContext, 'link' | 'logger'> {
  journal: AttemptJournal;
  outcomes: OutcomeQueue;
  orders: OrderRepository;
  loops: Map<string, PrinterLoop>;
  driverOf(printerId: string): PrinterDriver | undefined;
  dbTimeoutMs: number;
}

export interface ReconcileSummary {
  released: number;
  confirmedPrinted: number;
  failed: number;
  resumed: number;
  unknown: number;
  abandoned: number;
  /** Printers that start in `error` with an unanswered "did it print?" (this restart's and earlier ones'). */
  questions: number;
}

export async function reconcileJournal(deps: ReconcileDeps): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { released: 0, confirmedPrinted: 0, failed: 0, resumed: 0, unknown: 0, abandoned: 0, questions: 0 };
  const unfinished = await deps.journal.unfinished();
  for (const attempt of unfinished) {
    const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
    const settled = await settle(deps, attempt);
    summary[settled]++;
    deps.logger.info(`Reconciled order ${attempt.orderId} (job ${attempt.printJobId}, ${attempt.stage}): ${settled}`, ctx);
  }
  if (unfinished.length) await deps.journal.compact().catch(() => {});
  for (const attempt of await deps.journal.openQuestions()) {
    const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
    const loop = deps.loops.get(attempt.printerId);
    if (!loop) {
      deps.logger.warn(
        `Order ${attempt.orderId} waits for an answer to "did it print?" on printer ${attempt.printerId}, which this station no longer has; answer it on the order`,
        ctx,
      );
    } else if (loop.unknownAttempt) {
      // One question at a time per printer; the next one is asked once this one is answered and the station restarts.
      deps.logger.warn(`${loop.identity.name} also waits for an answer about order ${attempt.orderId}`, ctx);
    } else if (loop.state !== 'starting') {
      deps.logger.warn(`${loop.identity.name} is ${loop.state}, so it cannot ask whether order ${attempt.orderId} printed`, ctx);
    } else {
      loop.startWithUnknownOutcome(attempt);
      summary.questions++;
    }
  }
  return summary;
}

async function settle(deps: ReconcileDeps, attempt: UnfinishedAttempt): Promise<keyof ReconcileSummary> {
  const { outcomes } = deps;
  const release = async (message: string) => {
    // Counts toward the order's limit for interruptions: a file that crashes the station does not loop for ever.
    await outcomes.record(attempt, { kind: 'retry', code: 'interrupted', message, nextAttemptAt: null });
    return 'released' as const;
  };
  if (attempt.stage === 'claimed') return release('the station restarted before the job reached the printer');

  const driver = deps.driverOf(attempt.printerId);
  const job = driver ? await find(driver, attempt) : undefined;
  if (job && driver) {
    const status = await driver.jobState(job).catch(() => undefined);
    const end = status && jobEndOf(status, job, { when: 'while the station was down' });
    // A print the printer could not confirm is followed by its loop, which says so with the printer's note.
    if (end?.kind === 'printed' && !end.unconfirmed) {
      await outcomes.record(attempt, { kind: 'printed', completedAt: end.completedAt });
      // It printed while the station was down: its item is in the tray of a printer that needs retrieval.
      deps.loops.get(attempt.printerId)?.startAwaitingRetrieval(attempt.orderId, attempt.printJobId);
      return 'confirmedPrinted';
    }
    if (end?.kind === 'failed') {
      const { outcome } = settleEnd(end, attempt, attempt.printerId);
      if (outcome) await outcomes.record(attempt, outcome);
      return 'failed';
    }
    if (status && status.state !== 'unknown') {
      const loop = deps.loops.get(attempt.printerId);
      if (loop && !loop.hasResumedJob) {
        loop.resumeJob(attempt, job);
        return 'resumed';
      }
    }
  }

  if (attempt.stage === 'submitting') {
    // "submitting" is journaled before the fenced markPhase(submitted), and the spooler gets the job only after
    // that write: an order still in an earlier phase under our printJobId was never sent.
    const order = await readOrder(deps, attempt.orderId);
    if (order && order.printJobId !== attempt.printJobId) {
      await deps.journal.abandoned(attempt, "the order is no longer this attempt's");
      return 'abandoned';
    }
    if (order && order.printStatus === 'printing' && order.printPhase !== 'submitted') {
      return release('the station restarted before the job reached the printer');
    }
  }

  const loop = deps.loops.get(attempt.printerId);
  const printerName = loop?.identity.name ?? attempt.printerId;
  const message = `did order ${attempt.orderId} print? The station stopped while printing it on ${printerName} and the spooler no longer knows the job`;
  await outcomes.record(attempt, { kind: 'needs_attention', message });
  return 'unknown';
}

async function find(driver: PrinterDriver, attempt: UnfinishedAttempt): Promise<SpoolJobRef | undefined> {
  try {
    return await driver.findJob(attempt.systemName, attempt.printJobId);
  } catch {
    return undefined;
  }
}

async function readOrder(deps: ReconcileDeps, orderId: string): Promise<OrderDoc | null | undefined> {
  try {
    return await deps.link.run('reconcile read', () => deps.orders.getOrder(orderId), deps.dbTimeoutMs);
  } catch {
    return undefined;
  }
}
