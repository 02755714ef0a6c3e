/**
 * What a driverless IPP printer's printer-state / printer-state-reasons and job-state / job-state-reasons mean for
 * the station. The keyword tables (which reasons need hands, which mean unreachable, job states, bad documents,
 * refusal statuses) are the CUPS driver's, shared; only the sentences differ: the operator fixes these at the
 * printer itself, not in a CUPS queue.
 */
import type { FailureClass, PrinterHealth } from '../../shared/domain';
import { PrintFailure, type PrinterStatusReport, type SpoolJobStatus } from './driver';
import { BAD_DOCUMENT, JOB_STATES, NEEDS_HANDS, UNREACHABLE, splitReason } from './cupsStates';
import { BY_STATUS } from './cupsFailures';

export interface IppPrinterFacts {
  /** How the operator knows the printer: its name, else its URI. */
  label: string;
  state: string;
  reasons: string[];
  stateMessage?: string;
  acceptingJobs: boolean;
  queueLength: number;
}

/** Hands-on conditions first, then unreachable, then a paused or stopped printer, then one not accepting jobs. */
export function printerStatusFromIpp(facts: IppPrinterFacts): PrinterStatusReport {
  const reasons = facts.reasons.filter((r) => r !== 'none');
  const base = { reasons, queueLength: facts.queueLength };
  const detail = facts.stateMessage ? ` (${facts.stateMessage})` : '';
  const significant = reasons.map(splitReason).filter((r) => r.severity !== 'warning' || r.keyword === 'offline');
  const keywords = reasons.map((r) => splitReason(r).keyword);

  const jam = significant.find((r) => r.keyword in NEEDS_HANDS);
  if (jam)
    return fault(
      'error',
      'printer_jam',
      `${NEEDS_HANDS[jam.keyword]} on ${facts.label} (${jam.keyword}); clear it, then mark the printer recovered.`,
    );
  const gone = significant.find((r) => r.keyword in UNREACHABLE && !r.keyword.startsWith('cups-'));
  if (gone) return fault('offline', 'printer_offline', `${UNREACHABLE[gone.keyword]}: ${facts.label} (${gone.keyword})${detail}.`);
  if (keywords.includes('paused') || facts.state === 'stopped') {
    const why = keywords.includes('paused')
      ? `${facts.label} is paused; resume it on the printer's panel or web page`
      : `${facts.label} has stopped${detail}; check the printer`;
    return fault('offline', 'printer_offline', `${why}.`);
  }
  if (!facts.acceptingJobs)
    return fault('offline', 'printer_offline', `${facts.label} is not accepting jobs${detail}; check the printer's panel.`);
  const errorReason = significant.find((r) => r.severity === 'error' || (r.severity === undefined && r.keyword.startsWith('other')));
  if (errorReason) return fault('error', 'printer_jam', `${facts.label} reports ${errorReason.keyword}${detail}; check the printer.`);

  const status: PrinterHealth = facts.state === 'processing' ? 'busy' : 'online';
  // moving-to-paused: the printer finishes the job in hand, then stops taking the next.
  const note = keywords.includes('moving-to-paused')
    ? `${facts.label} is pausing after the current job`
    : reasons.length > 0
      ? `${facts.label}: ${reasons.join(', ')}`
      : undefined;
  return { ...base, status, ...(note ? { message: note } : {}) };

  function fault(status: PrinterHealth, failureClass: FailureClass, message: string): PrinterStatusReport {
    return { ...base, status, failureClass, message };
  }
}

export interface IppJobFacts {
  jobId: number;
  label: string;
  state: string;
  reasons: string[];
  stateMessage?: string;
  pagesDone?: number;
  printer?: PrinterStatusReport;
}

/** Only `completed` is a print. A job waiting on a paused printer is pending, with the printer's sentence. */
export function jobStatusFromIpp(facts: IppJobFacts): SpoolJobStatus {
  const state = JOB_STATES[facts.state] ?? 'unknown';
  const reasons = facts.reasons.filter((r) => r !== 'none');
  const status: SpoolJobStatus = { state, reasons, ...(facts.pagesDone !== undefined ? { pagesDone: facts.pagesDone } : {}) };
  const job = `Job ${facts.jobId} on ${facts.label}`;
  const detail = facts.stateMessage ? `: ${facts.stateMessage}` : '';
  switch (state) {
    case 'completed':
      if (reasons.includes('job-completed-with-errors')) status.message = `${job} completed with errors${detail}.`;
      return status;
    case 'canceled':
      status.message = `${job} was canceled${reasons.includes('job-canceled-at-device') ? ' at the printer' : ''}.`;
      return status;
    case 'held':
      status.message = `${job} is held${detail}; release it on the printer.`;
      return status;
    case 'pending':
    case 'processing':
      if (facts.printer?.failureClass || reasons.includes('printer-stopped'))
        status.message = `${job} is waiting: ${facts.printer?.message ?? 'the printer is stopped'}`;
      return status;
    case 'stopped':
    case 'aborted': {
      if (reasons.some((r) => BAD_DOCUMENT.includes(r))) {
        status.failureClass = 'invalid_data';
        status.message = `${job} could not be printed: the printer cannot read the document (${reasons.join(', ')})${detail}.`;
        return status;
      }
      status.failureClass = facts.printer?.failureClass ?? (state === 'stopped' ? 'printer_offline' : 'printer_jam');
      status.message = `${job} ${state === 'stopped' ? 'is stopped' : 'was aborted'}${detail}${facts.printer?.message ? `; ${facts.printer.message}` : '; check the printer'}`;
      return status;
    }
    default:
      status.message = `${facts.label} reports an unknown state "${facts.state}" for job ${facts.jobId}.`;
      return status;
  }
}

/** A refused request: the printer created no job, so nothing of it can print (sent: 'no'). */
export function failureOfPrinterStatus(statusCode: string, statusMessage: string | undefined, label: string): PrintFailure {
  const failureClass = BY_STATUS[statusCode]?.failureClass ?? 'network';
  const detail = statusMessage ? `: ${statusMessage}` : '';
  const sentence = SENTENCES[statusCode]?.(label) ?? `${label} refused the request`;
  return new PrintFailure(failureClass, `${sentence} (${statusCode}${detail}).`, { sent: 'no' });
}

const SENTENCES: Record<string, (label: string) => string> = {
  'server-error-not-accepting-jobs': (p) => `${p} is not accepting jobs; check the printer's panel`,
  'client-error-not-found': (p) => `${p} has no such print service; check the printer's address in settings`,
  'client-error-document-format-not-supported': (p) => `${p} cannot print this kind of file`,
  'client-error-attributes-or-values-not-supported': (p) => `${p} does not support the order's print options`,
  'client-error-not-authorized': (p) => `${p} asks for a user name and password; printing with authentication is not supported yet`,
  'client-error-not-authenticated': (p) => `${p} asks for a user name and password; printing with authentication is not supported yet`,
  'server-error-busy': (p) => `${p} is too busy to take a job; it will be retried`,
};
