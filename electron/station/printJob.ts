/**
 * One attempt at one order on one printer, from the claim to the end of the spooler job (DESIGN §4):
 *   markPhase downloading → fetch + validate → journal "submitting" → markPhase submitted → driver.submit
 *   (job name = printJobId) → journal the spool job id → follow the job until completed / canceled / aborted.
 * Everything before the fenced `markPhase submitted` can be undone, so any doubt there (lease lost, database
 * unreachable, shutting down) ends the attempt without sending anything. After it, paper may come out, so the
 * attempt is followed to its end or left in the journal, and never handed back to the queue automatically.
 */
import { PrintFailure, isFinalJobState, type PrinterDriver, type SpoolJobRef, type SpoolJobStatus } from '../printing/driver';
import type { FailureClass, OrderDoc } from '../../shared/domain';
import type { CurrentJobView } from '../../shared/stationApi';
import type { ClaimedOrder, OrderRepository } from '../db/orderRepository';
import type { Attempt, AttemptJournal } from './attempt';
import type { DatabaseLink } from './databaseLink';
import type { Intervals } from './config';
import type { LeaseHandle } from './leaseKeeper';
import type { StationLogger } from './logger';
import type { FetchedFile, FileFetcher } from './orderFile';

/** How an attempt ended, for the loop to turn into an outcome and a printer event. */
export type JobEnd =
  | { kind: 'printed'; completedAt: Date }
  /** Nothing was sent; the order goes back by someone else's hand (reaper, shutdown release) or is not ours. */
  | { kind: 'abandoned'; reason: string }
  /** A classified failure; `submitted` tells whether the spooler had the job. */
  | { kind: 'failed'; failureClass: FailureClass; message: string; submitted: boolean }
  | { kind: 'cancelled'; message: string }
  /** Paper may have come out and nobody can tell. */
  | { kind: 'unknown'; message: string }
  /** Shutdown while the spooler still had it: the journal keeps it for the next start. */
  | { kind: 'left'; reason: string };

export interface JobDeps {
  driver: PrinterDriver;
  orders: OrderRepository;
  link: DatabaseLink;
  journal: AttemptJournal;
  fetchFile: FileFetcher;
  intervals: Intervals;
  logger: StationLogger;
  isStopping(): boolean;
  /** Aborted when the station stops: cuts a download short. */
  stopSignal: AbortSignal;
  /** Epoch ms after which a shutdown stops following spooler jobs. */
  shutdownDeadline(): number | undefined;
  onProgress(view: CurrentJobView): void;
  /** The print start delay, for the metrics. */
  onSubmitted(attempt: Attempt): void;
}

export async function runClaimedJob(deps: JobDeps, claim: ClaimedOrder, attempt: Attempt, lease: LeaseHandle): Promise<JobEnd> {
  const { orders, link, journal, logger, intervals } = deps;
  const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
  const started = attempt.claimedAt;
  const view = (phase: CurrentJobView['phase'], more: Partial<CurrentJobView> = {}): CurrentJobView => ({
    orderId: attempt.orderId,
    printJobId: attempt.printJobId,
    phase,
    startedAt: started,
    ...more,
  });
  const dbTimeout = intervals.leaseRenewMs;
  const gone = (why: string): JobEnd => ({ kind: 'abandoned', reason: why });

  await journal.claimed(attempt);
  try {
    const marked = await link.run('markPhase downloading', () => orders.markPhase(claim.fence, 'downloading'), dbTimeout);
    if (!marked.ok) return gone('the order was taken back before downloading');
  } catch (error) {
    return gone(`the database did not confirm the download step (${(error as Error).message}); the lease will run out`);
  }
  deps.onProgress(view('downloading'));

  let file: FetchedFile | undefined;
  try {
    try {
      file = await deps.fetchFile(claim.order, { signal: AbortSignal.any([lease.signal, deps.stopSignal]) });
    } catch (error) {
      if (lease.signal.aborted) return gone(reasonOf(lease.signal));
      if (deps.isStopping()) return gone('shutting down');
      const failure = asPrintFailure(error, 'network');
      return { kind: 'failed', failureClass: failure.failureClass, message: failure.message, submitted: false };
    }
    // The last look before the irreversible step.
    if (deps.isStopping()) return gone('shutting down before the job reached the printer');
    if (lease.signal.aborted || lease.expiresAt.getTime() - intervals.clockSkewMarginMs < Date.now()) {
      return gone(lease.signal.aborted ? reasonOf(lease.signal) : 'the lease is about to run out');
    }
    const current = await readOrder(deps, attempt.orderId);
    if (current?.cancelRequestedAt && current.printJobId === attempt.printJobId) {
      return { kind: 'cancelled', message: 'cancelled at the operator\'s request before printing' };
    }

    await journal.submitting(attempt);
    try {
      const marked = await link.run('markPhase submitted', () => orders.markPhase(claim.fence, 'submitted'), dbTimeout);
      if (!marked.ok) return gone('the order was taken back before it reached the printer');
    } catch (error) {
      // If the write landed after all, the reaper will ask a person (phase submitted): safe, never a double print.
      return gone(`the database did not confirm the submit step (${(error as Error).message})`);
    }

    let job: SpoolJobRef;
    try {
      job = await deps.driver.submit({
        systemName: attempt.systemName,
        filePath: file.path,
        jobName: attempt.printJobId,
        options: claim.order.printingOptions,
        pageCount: file.pages,
      });
    } catch (error) {
      // A driver that threw something unexpected may still have queued the job: look before calling it a failure.
      const found = error instanceof PrintFailure ? undefined : await findQuietly(deps, attempt);
      if (!found) {
        const failure = asPrintFailure(error, 'printer_offline');
        return { kind: 'failed', failureClass: failure.failureClass, message: failure.message, submitted: false };
      }
      job = found;
    }
    await journal.submitted(attempt, job.jobId);
    deps.onSubmitted(attempt);
    logger.info(`Order ${attempt.orderId} sent to ${attempt.systemName} (spool job ${job.jobId})`, ctx);
    deps.onProgress(view('submitted', { spoolerState: 'pending', pagesTotal: file.pages }));
    return await followJob(deps, attempt, job, started);
  } finally {
    await file?.dispose().catch(() => {});
  }
}

/**
 * Follows a spooler job to its end. Used for fresh jobs and for jobs found again after a restart.
 * Only `completed` is a print; a job the spooler forgets is an unknown outcome, never a success.
 */
export async function followJob(deps: JobDeps, attempt: Attempt, job: SpoolJobRef, startedAt: Date): Promise<JobEnd> {
  const { driver, orders, link, intervals, logger } = deps;
  const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
  const fence = { _id: attempt.orderKey, orderId: attempt.orderId, printJobId: attempt.printJobId };
  let cancelSent = false;
  let flaggedSlow = false;
  let lastOrderLook = Date.now();
  let unknownStreak = 0;
  let driverErrors = 0;
  const begun = Date.now();

  for (;;) {
    let status: SpoolJobStatus;
    try {
      status = await driver.jobState(job);
      driverErrors = 0;
    } catch (error) {
      driverErrors += 1;
      status = { state: 'unknown', reasons: [], message: (error as Error).message };
      if (driverErrors === 1) logger.warn(`Spooler did not answer for job ${job.jobId}: ${(error as Error).message}`, ctx);
    }
    deps.onProgress({
      orderId: attempt.orderId,
      printJobId: attempt.printJobId,
      phase: 'submitted',
      startedAt,
      pagesDone: status.pagesDone,
      pagesTotal: status.pagesTotal,
      spoolerState: status.state,
    });

    if (status.state === 'completed') return { kind: 'printed', completedAt: new Date() };
    if (status.state === 'canceled' && cancelSent) return { kind: 'cancelled', message: 'cancelled at the operator\'s request' };
    if (isFinalJobState(status.state)) {
      const failureClass = status.failureClass ?? (status.state === 'canceled' ? 'printer_jam' : 'printer_jam');
      const message = status.message ?? `the spooler ${status.state === 'canceled' ? 'cancelled' : 'aborted'} job ${job.jobId}${status.reasons.length ? ` (${status.reasons.join(', ')})` : ''}`;
      return { kind: 'failed', failureClass, message, submitted: true };
    }
    // A driver error is not the spooler forgetting the job; only a run of clear "unknown" answers is.
    if (status.state === 'unknown' && driverErrors === 0) {
      unknownStreak += 1;
      if (unknownStreak >= 3) {
        return { kind: 'unknown', message: `the spooler no longer knows job ${job.jobId} of order ${attempt.orderId}: did it print?` };
      }
    } else {
      unknownStreak = 0;
    }

    const deadline = deps.shutdownDeadline();
    if (deadline !== undefined && Date.now() >= deadline) {
      return { kind: 'left', reason: `still at the spooler (${status.state}) when the station stopped` };
    }

    if (Date.now() - lastOrderLook >= intervals.orderPollMs && !cancelSent) {
      lastOrderLook = Date.now();
      const order = await readOrder(deps, attempt.orderId);
      if (order?.cancelRequestedAt && order.printJobId === attempt.printJobId) {
        logger.info(`Cancelling spool job ${job.jobId} at the operator's request`, ctx);
        try {
          await driver.cancel(job);
          cancelSent = true;
        } catch (error) {
          logger.warn(`The spooler refused to cancel job ${job.jobId}: ${(error as Error).message}`, ctx);
        }
      }
    }

    if (!flaggedSlow && Date.now() - begun >= intervals.maxPrintDurationMs) {
      flaggedSlow = true;
      const message = `order ${attempt.orderId} has been at the printer for over ${Math.round(intervals.maxPrintDurationMs / 60_000)} min (spooler: ${status.state}${status.message ? `, ${status.message}` : ''}); check the printer`;
      logger.warn(message, ctx);
      await link.run('flag a slow job', () => orders.flagNeedsAttention(fence, message), intervals.leaseRenewMs).catch(() => {});
    }
    await sleep(intervals.jobPollMs);
  }
}

async function readOrder(deps: JobDeps, orderId: string): Promise<OrderDoc | null | undefined> {
  try {
    return await deps.link.run('read order', () => deps.orders.getOrder(orderId), deps.intervals.leaseRenewMs);
  } catch {
    return undefined; // offline: the check waits for the next look
  }
}

async function findQuietly(deps: JobDeps, attempt: Attempt): Promise<SpoolJobRef | undefined> {
  try {
    return await deps.driver.findJob(attempt.systemName, attempt.printJobId);
  } catch {
    return undefined;
  }
}

function asPrintFailure(error: unknown, fallback: FailureClass): PrintFailure {
  if (error instanceof PrintFailure) return error;
  return new PrintFailure(fallback, (error as Error)?.message ?? String(error), { cause: error });
}

function reasonOf(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
