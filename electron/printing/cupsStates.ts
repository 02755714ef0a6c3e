/**
 * What CUPS's printer-state / printer-state-reasons and job-state / job-state-reasons mean for the station.
 * Pure and table-driven so the mapping reads as the specification (DESIGN §6, §8). The keywords come from
 * RFC 8011 §5.4.12 / §5.3.8 and the PWG registry; CUPS appends -error / -warning / -report to say how serious.
 */
import type { FailureClass, PrinterHealth } from '../../shared/domain';
import type { PrinterStatusReport, SpoolJobStateName, SpoolJobStatus } from './driver';

/** Conditions a person must clear at the printer: the printer goes to `error` until recovered (printer_jam). */
export const NEEDS_HANDS: Record<string, string> = {
  'media-jam': 'Paper jam',
  'media-empty': 'Out of paper',
  'media-needed': 'Load paper',
  'door-open': 'A door is open',
  'cover-open': 'The cover is open',
  'interlock-open': 'An interlock is open',
  'input-tray-missing': 'An input tray is missing',
  'output-tray-missing': 'The output tray is missing',
  'output-area-full': 'The output tray is full',
  'marker-supply-empty': 'Out of toner or ink',
  'toner-empty': 'Out of toner',
  'marker-waste-full': 'The waste toner container is full',
  'fuser-over-temp': 'The fuser is too hot',
  'fuser-under-temp': 'The fuser is not warm yet',
};

/** Conditions that make the printer unreachable for now: the order goes to another printer (printer_offline). */
export const UNREACHABLE: Record<string, string> = {
  offline: 'The printer is offline',
  shutdown: 'The printer is shut down',
  'timed-out': 'The printer does not answer',
  'connecting-to-device': 'CUPS cannot connect to the printer',
  'cups-missing-filter': 'CUPS has no filter for this printer; reinstall its driver',
  'cups-insecure-filter': 'CUPS refuses an insecure filter for this printer',
  'cups-waiting-for-job-completed': 'The printer is still finishing an earlier job',
};

/** The reason keyword without CUPS's severity suffix, and that severity. */
export function splitReason(reason: string): { keyword: string; severity: 'error' | 'warning' | 'report' | undefined } {
  const match = /^(.*)-(error|warning|report)$/.exec(reason);
  return match ? { keyword: match[1]!, severity: match[2] as 'error' | 'warning' | 'report' } : { keyword: reason, severity: undefined };
}

export interface CupsPrinterFacts {
  queueName: string;
  state: 'idle' | 'processing' | 'stopped' | string;
  reasons: string[];
  stateMessage?: string;
  acceptingJobs: boolean;
  queueLength: number;
}

/**
 * The station's view of a CUPS queue. Order of checks: hands-on conditions first (they need a person even when the
 * queue is also paused), then unreachable printers, then a queue an administrator stopped or closed.
 */
export function printerStatusFromCups(facts: CupsPrinterFacts): PrinterStatusReport {
  const reasons = facts.reasons.filter((r) => r !== 'none');
  const base = { reasons, queueLength: facts.queueLength };
  const detail = facts.stateMessage ? ` (${facts.stateMessage})` : '';
  const significant = reasons.map(splitReason).filter((r) => r.severity !== 'warning' || r.keyword === 'offline');

  const jam = significant.find((r) => r.keyword in NEEDS_HANDS);
  if (jam) {
    return fault(
      'error',
      'printer_jam',
      `${NEEDS_HANDS[jam.keyword]} on ${facts.queueName} (${jam.keyword}); clear it, then mark the printer recovered.`,
    );
  }
  const gone = significant.find((r) => r.keyword in UNREACHABLE && !(r.keyword === 'connecting-to-device' && facts.state !== 'stopped'));
  if (gone) {
    return fault('offline', 'printer_offline', `${UNREACHABLE[gone.keyword]}: ${facts.queueName} (${gone.keyword})${detail}.`);
  }
  if (reasons.some((r) => splitReason(r).keyword === 'paused') || facts.state === 'stopped') {
    const why = reasons.includes('paused')
      ? `The CUPS queue ${facts.queueName} is paused (disabled); resume it with cupsenable ${facts.queueName}`
      : `The CUPS queue ${facts.queueName} has stopped${detail}; check the printer, then cupsenable ${facts.queueName}`;
    return fault('offline', 'printer_offline', `${why}.`);
  }
  if (!facts.acceptingJobs) {
    return fault(
      'offline',
      'printer_offline',
      `The CUPS queue ${facts.queueName} is rejecting jobs; accept them again with cupsaccept ${facts.queueName}.`,
    );
  }
  const errorReason = significant.find((r) => r.severity === 'error' || (r.severity === undefined && r.keyword.startsWith('other')));
  if (errorReason) {
    return fault('error', 'printer_jam', `${facts.queueName} reports ${errorReason.keyword}${detail}; check the printer.`);
  }
  const status: PrinterHealth = facts.state === 'processing' ? 'busy' : 'online';
  const warning = reasons.length > 0 ? `${facts.queueName}: ${reasons.join(', ')}` : undefined;
  return { ...base, status, ...(warning ? { message: warning } : {}) };

  function fault(status: PrinterHealth, failureClass: FailureClass, message: string): PrinterStatusReport {
    return { ...base, status, failureClass, message };
  }
}

/** IPP job-state keywords (as the parser names them) -> our SpoolJobStateName. */
export const JOB_STATES: Record<string, SpoolJobStateName> = {
  pending: 'pending',
  'pending-held': 'held',
  processing: 'processing',
  'processing-stopped': 'stopped',
  canceled: 'canceled',
  aborted: 'aborted',
  completed: 'completed',
};

/** Reasons that say the document itself is bad: retrying on another printer will not help. */
export const BAD_DOCUMENT = [
  'document-format-error',
  'document-unprintable-error',
  'unsupported-document-format',
  'unsupported-compression',
  'compression-error',
];

export interface CupsJobFacts {
  jobId: number;
  state: string;
  reasons: string[];
  stateMessage?: string;
  pagesDone?: number;
  /** The printer's own status, when known: a stopped or aborted job takes its failure class from it. */
  printer?: PrinterStatusReport;
}

/**
 * A job's state as the engine sees it. Only `completed` is a print. A stopped or aborted job carries a failure class:
 * the document's fault is invalid_data; otherwise the printer's own class, and printer_jam when nothing says more,
 * because paper may have come out of an aborted job and a person should look before anything is retried.
 */
export function jobStatusFromCups(facts: CupsJobFacts): SpoolJobStatus {
  const state = JOB_STATES[facts.state] ?? 'unknown';
  const reasons = facts.reasons.filter((r) => r !== 'none');
  const status: SpoolJobStatus = { state, reasons };
  if (facts.pagesDone !== undefined) status.pagesDone = facts.pagesDone;
  const detail = facts.stateMessage ? `: ${facts.stateMessage}` : '';

  switch (state) {
    case 'completed':
      if (reasons.includes('job-completed-with-errors')) status.message = `CUPS job ${facts.jobId} completed with errors${detail}.`;
      return status;
    case 'canceled':
      status.message = `CUPS job ${facts.jobId} was canceled${reasons.includes('job-canceled-at-device') ? ' at the printer' : ''}.`;
      return status;
    case 'held':
      status.message = `CUPS job ${facts.jobId} is held${detail}; release it with lp -i ${facts.jobId} -H resume.`;
      return status;
    case 'pending':
      if (reasons.includes('printer-stopped') || facts.printer?.failureClass) {
        status.message = `CUPS job ${facts.jobId} is waiting: ${facts.printer?.message ?? 'the printer is stopped'}`;
      }
      return status;
    case 'processing':
      return status;
    case 'stopped':
    case 'aborted': {
      if (reasons.some((r) => BAD_DOCUMENT.includes(r))) {
        status.failureClass = 'invalid_data';
        status.message = `CUPS could not print job ${facts.jobId}: the document is not printable (${reasons.join(', ')})${detail}.`;
        return status;
      }
      status.failureClass = facts.printer?.failureClass ?? (state === 'stopped' ? 'printer_offline' : 'printer_jam');
      const verb = state === 'stopped' ? 'is stopped' : 'was aborted';
      status.message = `CUPS job ${facts.jobId} ${verb}${detail}${facts.printer?.message ? `; ${facts.printer.message}` : '; check the printer'}`;
      return status;
    }
    default:
      status.message = `CUPS reports an unknown state "${facts.state}" for job ${facts.jobId}.`;
      return status;
  }
}
