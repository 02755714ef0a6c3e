/**
 * The one interface every printer driver implements (DESIGN §8): the engine talks to printers only through it.
 * A spooler job is always named after the order's printJobId, so after a crash `findJob` can find it again.
 */
import type { FailureClass, PrintingOptions, PrinterCapabilities, PrinterHealth, DriverKind } from '../../shared/domain';

export interface DiscoveredPrinter {
  /** The name the OS / driver knows the printer by (CUPS queue, Windows printer name, host:port for raw). */
  systemName: string;
  displayName: string;
  driverKind: DriverKind;
  driverName?: string;
  connectionType: 'usb' | 'network' | 'wireless' | 'virtual';
  /** What the driver reports it can do; the operator may narrow it in settings. */
  capabilities: PrinterCapabilities;
}

export interface PrinterStatusReport {
  status: PrinterHealth;
  /** Raw reasons from the spooler (e.g. CUPS printer-state-reasons: media-jam, media-empty, door-open, paused). */
  reasons: string[];
  /** One sentence for the operator, e.g. "Paper jam (media-jam)". */
  message?: string;
  queueLength: number;
  /** When status is `error`, the failure class it maps to (printer_jam or printer_offline). */
  failureClass?: FailureClass;
}

export interface SubmitRequest {
  systemName: string;
  /** The local file to print (already downloaded and validated). */
  filePath: string;
  /** = order.printJobId. Used as the spooler job name. */
  jobName: string;
  options: PrintingOptions;
  /** Number of pages, when known (the virtual printer uses it for timing, the UI for progress). */
  pageCount?: number;
}

export interface SpoolJobRef {
  systemName: string;
  /** The spooler's own id for the job (CUPS job id, Windows JobId, virtual job id). */
  jobId: string;
  jobName: string;
}

export const SPOOL_JOB_STATES = [
  'pending',
  'held',
  'processing',
  'stopped',
  'completed',
  'canceled',
  'aborted',
  'unknown',
  /**
   * The printer took the whole job but cannot say it printed (a raw printer that does not answer its status query).
   * The engine ends the order printed with `printedUnconfirmed` and this job's message, shown to the operator.
   */
  'sent-without-confirmation',
] as const;
export type SpoolJobStateName = (typeof SPOOL_JOB_STATES)[number];

export interface SpoolJobStatus {
  state: SpoolJobStateName;
  reasons: string[];
  message?: string;
  /** Progress, when the spooler tells it. */
  pagesDone?: number;
  pagesTotal?: number;
  /** Set for stopped / aborted jobs: what kind of failure it is. */
  failureClass?: FailureClass;
}

/**
 * The spooler (or raw printer) is done with the job: nothing more will come of asking again. Only `completed` is a
 * confirmed print; `sent-without-confirmation` is final but unconfirmed; paused, held or stopped jobs are never
 * "done" (DESIGN §8).
 */
export function isFinalJobState(state: SpoolJobStateName): boolean {
  return state === 'completed' || state === 'canceled' || state === 'aborted' || state === 'sent-without-confirmation';
}

export interface PrinterDriver {
  readonly kind: DriverKind;
  list(): Promise<DiscoveredPrinter[]>;
  status(systemName: string): Promise<PrinterStatusReport>;
  /** Hands the file to the spooler. Throws a PrintFailure when it cannot. */
  submit(request: SubmitRequest): Promise<SpoolJobRef>;
  jobState(job: SpoolJobRef): Promise<SpoolJobStatus>;
  cancel(job: SpoolJobRef): Promise<void>;
  /** Crash reconciliation: the job with this name (= printJobId), finished or not, if the spooler still knows it. */
  findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined>;
  /** Releases long-lived resources (a PowerShell process, sockets). */
  close?(): Promise<void>;
  /**
   * True when `findJob` lists every job the spooler has, moments after it got it: then a submit that failed and
   * whose job name cannot be found sent nothing. Absent or false (raw 9100 has no spooler to ask; Windows may
   * still spool what a killed SumatraPDF handed over): such a failure leaves "did it print?" to a person.
   */
  readonly knowsEveryJob?: boolean;
}

/** Asks `find` until it answers or `timeoutMs` has passed: a spooler lists a job a moment after it was handed over. */
export async function pollForJob(
  find: () => Promise<SpoolJobRef | undefined>,
  timeoutMs: number,
  intervalMs: number,
): Promise<SpoolJobRef | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found || Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Whether a failed submit may have sent anything (DESIGN §4): `no` only where the driver knows no byte left
 * (the printer refused before the upload, the connection was refused, the printer does not exist); anything
 * after bytes may have left (a timeout or reset after the upload, a killed helper) is `maybe`, the default.
 */
export type SentVerdict = 'no' | 'maybe';

/** Socket errors that happen before a connection exists: no byte of the job can have left. */
const BEFORE_CONNECT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/** `no` for an error code that means the connection was never made; `maybe` for anything else (reset, timeout). */
export function sentVerdictOfSocketError(code: string | undefined): SentVerdict {
  return code && BEFORE_CONNECT.has(code) ? 'no' : 'maybe';
}

/** An error with a failure class (DESIGN §6) and a sentence an operator can act on. */
export class PrintFailure extends Error {
  readonly sent: SentVerdict;

  constructor(
    readonly failureClass: FailureClass,
    message: string,
    options?: { cause?: unknown; sent?: SentVerdict },
  ) {
    super(message, options);
    this.name = 'PrintFailure';
    this.sent = options?.sent ?? 'maybe';
  }
}
