/**
 * What a spool job's state means for its attempt, read the same way wherever a job is looked at: by the loop that
 * follows it, by reconciliation after a restart, and while a lost order's job is being withdrawn. Pure.
 * Only `completed` is a print (and `sent-without-confirmation`, said as such); a job still going has no end yet.
 */
import { isFinalJobState, type SpoolJobRef, type SpoolJobStatus } from '../../printing/driver';
import type { JobEnd } from './printJob';

export interface JobEndContext {
  /** This station asked the spooler to cancel the job (an operator's cancel): `canceled` is then that request carried out. */
  cancelSent?: boolean;
  /** Said after the spooler's own words when it gave none, e.g. "while the station was down". */
  when?: string;
}

export function jobEndOf(
  status: SpoolJobStatus,
  job: SpoolJobRef,
  context: JobEndContext = {},
): Extract<JobEnd, { kind: 'printed' | 'cancelled' | 'failed' }> | undefined {
  if (status.state === 'completed') return { kind: 'printed', completedAt: new Date() };
  if (status.state === 'sent-without-confirmation')
    return { kind: 'printed', completedAt: new Date(), unconfirmed: unconfirmedNote(status, job) };
  if (status.state === 'canceled' && context.cancelSent) return { kind: 'cancelled', message: "cancelled at the operator's request" };
  if (!isFinalJobState(status.state)) return undefined;
  const verb = status.state === 'canceled' ? 'cancelled' : 'aborted';
  const reasons = status.reasons.length ? ` (${status.reasons.join(', ')})` : '';
  const message = status.message ?? `the spooler ${verb} job ${job.jobId}${reasons}${context.when ? ` ${context.when}` : ''}`;
  return { kind: 'failed', failureClass: status.failureClass ?? 'printer_jam', message, submitted: true };
}

function unconfirmedNote(status: SpoolJobStatus, job: SpoolJobRef): string {
  return status.message ?? `Job ${job.jobId} was sent to ${job.systemName}, which could not confirm that it printed; check the output.`;
}
