/**
 * One attempt at one order on one printer, from the claim to the end of the spooler job (DESIGN §4):
 *   markPhase downloading → fetch + validate → journal "submitting" → markPhase submitted → driver.submit
 *   (job name = printJobId) → journal the spool job id → follow the job until completed / canceled / aborted.
 * Everything before the fenced `markPhase submitted` can be undone, so any doubt there (lease lost, database
 * unreachable, shutting down) ends the attempt without sending anything. After it, paper may come out, so the
 * attempt is followed to its end or left in the journal, and never handed back to the queue automatically.
 *
 * A driver error is not proof that nothing was sent: unless the driver says `sent: 'no'`, the job is looked up by
 * name; found, it is followed; not found where the driver cannot tell, a person is asked "did it print?".
 *
 * A spool job is owned like its order (DESIGN §4). While following it the station holds the lease and looks at
 * the order every orderPollMs (and at once after a local operator command on it). Once it learns the order is no
 * longer its own (renewal refused, another printJobId, cancelled / pending / printed by someone else) it cancels
 * the job at the spooler and checks that it is gone; when it cannot, the printer goes to `error` with the question
 * "a copy of order X may still come out of printer P" and the order records where (strayCopy).
 */
import { PrintFailure, pollForJob, type PrinterDriver, type SpoolJobRef, type SpoolJobStatus } from '../../printing/driver';
import type { FailureClass, OrderDoc } from '../../../shared/domain';
import type { CurrentJobView } from '../../../shared/stationApi';
import { formatDuration } from '../../../shared/duration';
import { slowJobNote } from '../../../shared/operatorWords';
import type { ClaimedOrder, Fence, OrderRepository } from '../../db/orderRepository';
import { fenceOf, type Attempt, type AttemptJournal } from './attempt';
import { jobEndOf } from './jobEnd';
import type { Intervals } from '../config';
import type { LeaseHandle } from '../link/leaseKeeper';
import type { FetchedFile, FileFetcher } from '../files/orderFile';
import type { StationContext } from '../stationContext';

/** How an attempt ended, for the loop to turn into an outcome and a printer event. */
export type JobEnd =
  /** `unconfirmed`: the printer took the job but could not confirm it came out (the sentence says why). */
  | { kind: 'printed'; completedAt: Date; unconfirmed?: string }
  /** Nothing was sent; the order goes back by someone else's hand (reaper, shutdown release) or is not ours. */
  | { kind: 'abandoned'; reason: string }
  /** A classified failure; `submitted` tells whether the spooler had the job. */
  | { kind: 'failed'; failureClass: FailureClass; message: string; submitted: boolean }
  | { kind: 'cancelled'; message: string }
  /** Paper may have come out and nobody can tell. */
  | { kind: 'unknown'; message: string }
  /** Shutdown while the spooler still had it: the journal keeps it for the next start. */
  | { kind: 'left'; reason: string }
  /** The order stopped being ours and its spool job was cancelled and is gone: nothing to write, nothing printed. */
  | { kind: 'withdrawn'; reason: string }
  /** The order stopped being ours and its spool job could not be made to go away: a copy may still come out. */
  | { kind: 'stray'; reason: string; spoolJobId: string; detail?: string };

export interface JobDeps extends Pick<StationContext, 'link' | 'logger' | 'intervals' | 'isStopping' | 'stopSignal' | 'shutdownDeadline'> {
  driver: PrinterDriver;
  orders: OrderRepository;
  journal: AttemptJournal;
  fetchFile: FileFetcher;
  onProgress(view: CurrentJobView): void;
  /** The print start delay, for the metrics. */
  onSubmitted(attempt: Attempt): void;
  /** True once after a local operator command touched the order being followed: look at it now. */
  lookNow?(): boolean;
  /** A sentence while the job sits at the spooler past maxPrintDurationMs (undefined once it moves again). */
  onStalled?(note: string | undefined): void;
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
      return { kind: 'cancelled', message: "cancelled at the operator's request before printing" };
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
      // Unless the driver knows nothing left, the job may be at the spooler: look it up by name before deciding.
      const failure = asPrintFailure(error, 'printer_offline');
      const notSent: JobEnd = { kind: 'failed', failureClass: failure.failureClass, message: failure.message, submitted: false };
      if (failure.sent === 'no') return notSent;
      let lookupFailed = false;
      const lookUp = () => deps.driver.findJob(attempt.systemName, attempt.printJobId).catch(() => ((lookupFailed = true), undefined));
      const found = await pollForJob(lookUp, submitLookupMs(intervals), intervals.jobPollMs);
      if (!found) {
        // "Not listed" proves nothing was queued only from a spooler that lists every job and answered the look.
        if (deps.driver.knowsEveryJob && !lookupFailed) return notSent;
        return {
          kind: 'unknown',
          message: `did order ${attempt.orderId} print? Sending it to ${attempt.systemName} failed after the file may have left (${failure.message}), and the spooler cannot say whether it has the job`,
        };
      }
      logger.warn(`Submit of order ${attempt.orderId} reported "${failure.message}", but the spooler has the job: following it`, ctx);
      job = found;
    }
    await journal.submitted(attempt, job.jobId);
    deps.onSubmitted(attempt);
    logger.info(`Order ${attempt.orderId} sent to ${attempt.systemName} (spool job ${job.jobId})`, ctx);
    deps.onProgress(view('submitted', { spoolerState: 'pending', pagesTotal: file.pages }));
    return await followJob(deps, attempt, job, started, lease);
  } finally {
    await file?.dispose().catch(() => {});
  }
}

/**
 * Follows a spooler job to its end. Used for fresh jobs and for jobs found again after a restart (both hold a lease).
 * Only `completed` is a print; a job the spooler forgets is an unknown outcome, never a success.
 */
export async function followJob(deps: JobDeps, attempt: Attempt, job: SpoolJobRef, startedAt: Date, lease: LeaseHandle): Promise<JobEnd> {
  const { driver, orders, link, intervals, logger } = deps;
  const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
  const fence = fenceOf(attempt);
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

    const end = jobEndOf(status, job, { cancelSent });
    if (end) return end;
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

    // The spool job is owned like the order: a lost lease or an order that moved on takes the job back.
    if (lease.signal.aborted) return withdraw(deps, attempt, job, reasonOf(lease.signal));
    if (deps.lookNow?.() || Date.now() - lastOrderLook >= intervals.orderPollMs) {
      lastOrderLook = Date.now();
      const own = await lookAtOrder(deps, fence);
      if (own && !own.owned) return withdraw(deps, attempt, job, lossOf(own, attempt));
      if (own?.cancelRequested && !cancelSent) {
        logger.info(`Cancelling spool job ${job.jobId} at the operator's request`, ctx);
        try {
          await driver.cancel(job);
          cancelSent = true;
        } catch (error) {
          logger.warn(`The spooler refused to cancel job ${job.jobId}: ${(error as Error).message}`, ctx);
        }
      }
    }

    if (Date.now() - begun >= intervals.maxPrintDurationMs) {
      // In the unit that fits: a 12 s limit reads "12 s", not "over 0 min" (issue 11).
      const atPrinter = formatDuration(Date.now() - begun);
      const spooler = `${status.state}${status.message ? `, ${status.message}` : ''}`;
      deps.onStalled?.(
        `order ${attempt.orderId} is stuck at the spooler (${spooler}) for ${atPrinter} and needs a person: check the printer, or reprint / cancel the order`,
      );
      if (!flaggedSlow) {
        flaggedSlow = true;
        const message = slowJobNote(attempt.orderId, Date.now() - begun, spooler);
        logger.warn(message, ctx);
        await link.run('flag a slow job', () => orders.flagNeedsAttention(fence, message), intervals.leaseRenewMs).catch(() => {});
      }
    }
    await sleep(intervals.jobPollMs);
  }
}

type Ownership = Awaited<ReturnType<OrderRepository['ownershipOf']>>;

async function lookAtOrder(deps: JobDeps, fence: Fence): Promise<Ownership | undefined> {
  try {
    return await deps.link.run('ownership look', () => deps.orders.ownershipOf(fence), deps.intervals.leaseRenewMs);
  } catch {
    return undefined; // offline: the lease keeper decides when the order must be presumed lost
  }
}

function lossOf(own: Ownership, attempt: Attempt): string {
  const id = attempt.orderId;
  if (own.printStatus === null) return `order ${id} is gone from the database`;
  if (own.printJobId !== attempt.printJobId) return `order ${id} was sent back to the queue (${own.printStatus}) by someone else`;
  if (own.printStatus === 'cancelled') return `order ${id} was cancelled`;
  if (own.printStatus === 'printed') return `order ${id} was marked printed by someone else`;
  return `order ${id} is ${own.printStatus} and no longer this station's`;
}

/** The order is not ours any more: its spool job must not print. Cancel it and make sure it is gone. */
async function withdraw(deps: JobDeps, attempt: Attempt, job: SpoolJobRef, why: string): Promise<JobEnd> {
  const { driver, logger, intervals } = deps;
  const ctx = { printerId: attempt.printerId, orderId: attempt.orderId };
  logger.warn(`${why}: cancelling its spool job ${job.jobId} on ${attempt.systemName}`, ctx);
  let refused: string | undefined;
  try {
    await driver.cancel(job);
  } catch (error) {
    refused = (error as Error).message;
  }
  for (let look = 0; look < 5; look++) {
    const status = await driver.jobState(job).catch(() => undefined);
    const end = status && jobEndOf(status, job);
    // It came out before the cancel landed: a real print, reported as such (the outcome queue notes the copy).
    if (end?.kind === 'printed') return end;
    // Cancelled or aborted: gone.
    if (end) return { kind: 'withdrawn', reason: why };
    if (status?.state === 'unknown' && !(await findQuietly(deps, attempt))) return { kind: 'withdrawn', reason: why };
    await sleep(intervals.jobPollMs);
  }
  const detail = refused
    ? `the spooler refused to cancel job ${job.jobId} (${refused})`
    : `job ${job.jobId} is still at the spooler after cancelling it`;
  return { kind: 'stray', reason: why, spoolJobId: job.jobId, detail };
}

async function readOrder(deps: JobDeps, orderId: string): Promise<OrderDoc | null | undefined> {
  try {
    return await deps.link.run('read order', () => deps.orders.getOrder(orderId), deps.intervals.leaseRenewMs);
  } catch {
    return undefined; // offline: the check waits for the next look
  }
}

/** How long a maybe-sent job is looked for by name: spoolers list a job a moment after they got it. */
const submitLookupMs = (intervals: Intervals) => Math.min(5_000, Math.max(1_000, intervals.leaseRenewMs));

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

/** The operator's sentence for a job the printer took but could not confirm. */
