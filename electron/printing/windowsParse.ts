/**
 * What the Windows spooler says, read from the JSON our PowerShell session prints (Get-CimInstance Win32_Printer /
 * Win32_PrintJob | ConvertTo-Json). Pure: tested against recorded samples of every state.
 *
 * Windows facts that shape it (DESIGN §8): a job for an offline printer is *paused*, not failed; "Complete" / "Printed"
 * means the data reached the printer; a printed job soon leaves the queue. So a paused, offline or erroring job is never
 * done, and a job that vanished counts as printed only if we saw it printing on a printer that is still healthy.
 */
import { PAPER_SIZES, paperSizeFromName, type PrinterCapabilities } from '../../shared/domain';
import type { PrinterStatusReport, SpoolJobStatus } from './driver';

export interface WindowsPrinterRecord {
  Name: string;
  DriverName?: string | null;
  PortName?: string | null;
  PrinterStatus?: number | null;
  ExtendedPrinterStatus?: number | null;
  DetectedErrorState?: number | null;
  ExtendedDetectedErrorState?: number | null;
  WorkOffline?: boolean | null;
  /** The PRINTER_STATUS_* bit mask, despite WMI documenting it as an enum. */
  PrinterState?: number | null;
  Network?: boolean | null;
  Local?: boolean | null;
  Capabilities?: number[] | null;
  PrinterPaperNames?: string[] | null;
}

export interface WindowsJobRecord {
  /** "<printer name>, <job id>" */
  Name: string;
  JobId: number;
  Document?: string | null;
  JobStatus?: string | null;
  StatusMask?: number | null;
  TotalPages?: number | null;
  PagesPrinted?: number | null;
}

/** The records of one query. Tolerates PowerShell 5.1's {"value":[...],"Count":n} wrapping and a bare single object. */
export function parseCimRecords<T>(json: string): T[] {
  const text = json.trim();
  if (text === '' || text === 'null') return [];
  return cimRecordsOf<T>(JSON.parse(text));
}

/** The same, for a value already parsed (the `data` of a session reply). */
export function cimRecordsOf<T>(value: unknown): T[] {
  return unwrap(value) as T[];
}

function unwrap(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && 'value' in value && Array.isArray((value as { value: unknown }).value))
    return (value as { value: unknown[] }).value;
  return [value];
}

/** The printer a Win32_PrintJob belongs to: its Name is "<printer>, <job id>". */
export function printerOfJob(job: WindowsJobRecord): string {
  const cut = job.Name.lastIndexOf(',');
  return cut >= 0 ? job.Name.slice(0, cut).trim() : job.Name;
}

/** The job we submitted: its document name is the temp file named after the printJobId (SumatraPDF prints the file name). */
export function findJobRecord(jobs: WindowsJobRecord[], printerName: string, jobName: string): WindowsJobRecord | undefined {
  return jobs
    .filter((j) => printerOfJob(j).toLowerCase() === printerName.toLowerCase())
    .filter((j) => {
      const doc = (j.Document ?? '').replace(/^.*[\\/]/, '');
      return doc === jobName || doc.startsWith(`${jobName}.`);
    })
    .sort((a, b) => b.JobId - a.JobId)[0];
}

// ---- printers ----

/** DetectedErrorState / ExtendedDetectedErrorState values that need a person at the printer (printer_jam). */
const DETECTED_ERRORS: Record<number, { reason: string; sentence: string }> = {
  4: { reason: 'media-empty', sentence: 'Out of paper' },
  6: { reason: 'toner-empty', sentence: 'Out of toner' },
  7: { reason: 'door-open', sentence: 'A door is open' },
  8: { reason: 'media-jam', sentence: 'Paper jam' },
  10: { reason: 'service-requested', sentence: 'The printer asks for service' },
  11: { reason: 'output-area-full', sentence: 'The output tray is full' },
};
/** ExtendedDetectedErrorState has more: its numbering differs from DetectedErrorState above 8. */
const EXTENDED_DETECTED_ERRORS: Record<number, { reason: string; sentence: string }> = {
  4: DETECTED_ERRORS[4]!,
  6: DETECTED_ERRORS[6]!,
  7: DETECTED_ERRORS[7]!,
  8: DETECTED_ERRORS[8]!,
  9: { reason: 'service-requested', sentence: 'The printer asks for service' },
  10: { reason: 'output-area-full', sentence: 'The output tray is full' },
  11: { reason: 'media-problem', sentence: 'The printer has a paper problem' },
  12: { reason: 'cannot-print-page', sentence: 'The printer cannot print the page' },
  13: { reason: 'user-intervention', sentence: 'The printer needs attention' },
  14: { reason: 'out-of-memory', sentence: 'The printer ran out of memory' },
};

/** PRINTER_STATUS_* bits (MS-RPRN 2.2.3.12) in Win32_Printer.PrinterState. */
const PRINTER_STATUS_BITS: Array<[bit: number, reason: string, sentence: string, kind: 'jam' | 'offline' | 'paused' | 'busy']> = [
  [0x8, 'media-jam', 'Paper jam', 'jam'],
  [0x10, 'media-empty', 'Out of paper', 'jam'],
  [0x400000, 'door-open', 'A door is open', 'jam'],
  [0x40, 'media-problem', 'The printer has a paper problem', 'jam'],
  [0x40000, 'toner-empty', 'Out of toner', 'jam'],
  [0x800, 'output-area-full', 'The output tray is full', 'jam'],
  [0x100000, 'user-intervention', 'The printer needs attention', 'jam'],
  [0x20, 'manual-feed', 'The printer waits for paper in the manual feed', 'jam'],
  [0x80, 'offline', 'The printer is offline', 'offline'],
  [0x1000, 'not-available', 'The printer is not available', 'offline'],
  [0x2000000, 'server-offline', 'The print server is offline', 'offline'],
  [0x1, 'paused', 'The Windows queue is paused', 'paused'],
  [0x400, 'printing', '', 'busy'],
  [0x200, 'busy', '', 'busy'],
  [0x4000, 'processing', '', 'busy'],
];

/** ExtendedPrinterStatus: 7 Offline, 8 Paused, 9 Error, 11 Not Available; 4 Printing, 10 Busy, 13 Processing, 17 I/O Active. */
const EXTENDED_PRINTER_STATUS_OFFLINE = new Set([7, 11]);
const EXTENDED_PRINTER_STATUS_BUSY = new Set([4, 5, 10, 13, 14, 17]);

export function printerStatusFromWindows(printer: WindowsPrinterRecord, queueLength: number): PrinterStatusReport {
  const name = printer.Name;
  const bits = PRINTER_STATUS_BITS.filter(([bit]) => ((printer.PrinterState ?? 0) & bit) !== 0);
  const detected = DETECTED_ERRORS[printer.DetectedErrorState ?? -1] ?? EXTENDED_DETECTED_ERRORS[printer.ExtendedDetectedErrorState ?? -1];
  const reasons = unique([
    ...(detected ? [detected.reason] : []),
    ...bits.map(([, reason]) => reason),
    ...(printer.WorkOffline ? ['work-offline'] : []),
    ...(printer.ExtendedPrinterStatus === 8 ? ['paused'] : []),
  ]);
  const base = { reasons, queueLength };

  const jamBit = bits.find(([, , , kind]) => kind === 'jam');
  const jam = detected ?? (jamBit ? { reason: jamBit[1], sentence: jamBit[2] } : undefined);
  if (jam) {
    return {
      ...base,
      status: 'error',
      failureClass: 'printer_jam',
      message: `${jam.sentence} on ${name} (${jam.reason}); clear it, then mark the printer recovered.`,
    };
  }
  if (printer.WorkOffline) {
    return {
      ...base,
      status: 'offline',
      failureClass: 'printer_offline',
      message: `Windows is set to use ${name} offline; untick "Use Printer Offline" in its queue window.`,
    };
  }
  const offlineBit = bits.find(([, , , kind]) => kind === 'offline');
  if (
    offlineBit ||
    printer.DetectedErrorState === 9 ||
    printer.PrinterStatus === 7 ||
    EXTENDED_PRINTER_STATUS_OFFLINE.has(printer.ExtendedPrinterStatus ?? -1)
  ) {
    const sentence = offlineBit?.[2] ?? 'The printer is offline';
    return { ...base, status: 'offline', failureClass: 'printer_offline', message: `${sentence}: ${name}; check its power and cable.` };
  }
  if (reasons.includes('paused')) {
    return {
      ...base,
      status: 'offline',
      failureClass: 'printer_offline',
      message: `The Windows queue for ${name} is paused; resume it in its queue window.`,
    };
  }
  if (printer.ExtendedPrinterStatus === 9 || printer.DetectedErrorState === 1 || ((printer.PrinterState ?? 0) & 0x2) !== 0) {
    return { ...base, status: 'error', failureClass: 'printer_jam', message: `${name} reports an error; check the printer.` };
  }
  const busy =
    bits.some(([, , , kind]) => kind === 'busy') ||
    printer.PrinterStatus === 4 ||
    EXTENDED_PRINTER_STATUS_BUSY.has(printer.ExtendedPrinterStatus ?? -1);
  return { ...base, status: busy ? 'busy' : 'online' };
}

// ---- jobs ----

/** JOB_STATUS_* bits of Win32_PrintJob.StatusMask. */
export const JOB_STATUS = {
  PAUSED: 0x1,
  ERROR: 0x2,
  DELETING: 0x4,
  SPOOLING: 0x8,
  PRINTING: 0x10,
  OFFLINE: 0x20,
  PAPEROUT: 0x40,
  PRINTED: 0x80,
  DELETED: 0x100,
  BLOCKED_DEVQ: 0x200,
  USER_INTERVENTION: 0x400,
  RESTART: 0x800,
  COMPLETE: 0x1000,
  RETAINED: 0x2000,
  RENDERING_LOCALLY: 0x4000,
} as const;

export function jobReasons(mask: number): string[] {
  return Object.entries(JOB_STATUS)
    .filter(([, bit]) => (mask & bit) !== 0)
    .map(([name]) => name.toLowerCase().replace(/_/g, '-'));
}

/**
 * One spooler job as the engine sees it. The order of the checks is the rule: anything that needs a person or a
 * printer wins over "printed", because Windows sets Complete as soon as the data left the PC.
 */
export function jobStatusFromWindows(job: WindowsJobRecord, printer?: PrinterStatusReport): SpoolJobStatus {
  const mask = job.StatusMask ?? 0;
  const has = (bit: number) => (mask & bit) !== 0;
  const reasons = jobReasons(mask);
  const pages = {
    ...(typeof job.PagesPrinted === 'number' ? { pagesDone: job.PagesPrinted } : {}),
    ...(typeof job.TotalPages === 'number' && job.TotalPages > 0 ? { pagesTotal: job.TotalPages } : {}),
  };
  const where = `Windows job ${job.JobId} on ${printerOfJob(job)}`;
  const printerSays = printer?.message ? `; ${printer.message}` : '';

  if (has(JOB_STATUS.PAPEROUT) || has(JOB_STATUS.USER_INTERVENTION)) {
    return {
      state: 'stopped',
      reasons,
      ...pages,
      failureClass: 'printer_jam',
      message: `${where} waits for a person (${reasons.join(', ')})${printerSays}`,
    };
  }
  if (has(JOB_STATUS.OFFLINE) || has(JOB_STATUS.BLOCKED_DEVQ)) {
    return {
      state: 'stopped',
      reasons,
      ...pages,
      failureClass: 'printer_offline',
      message: `${where} waits: the printer is offline${printerSays}`,
    };
  }
  if (has(JOB_STATUS.ERROR)) {
    return {
      state: 'stopped',
      reasons,
      ...pages,
      failureClass: printer?.failureClass ?? 'printer_jam',
      message: `${where} is in error${printerSays || '; check the printer'}`,
    };
  }
  if (has(JOB_STATUS.PAUSED)) {
    return { state: 'held', reasons, ...pages, message: `${where} is paused; resume it in the printer's queue window.` };
  }
  if (has(JOB_STATUS.DELETING) || has(JOB_STATUS.DELETED)) {
    // Windows deletes a printed job from the queue too: PRINTED says whether it got to the printer first.
    return has(JOB_STATUS.PRINTED)
      ? { state: 'completed', reasons, ...pages }
      : { state: 'canceled', reasons, ...pages, message: `${where} was deleted from the queue.` };
  }
  if (has(JOB_STATUS.PRINTED) || has(JOB_STATUS.COMPLETE)) {
    // "Complete" only means the data left the PC: while the printer itself is in trouble it is not a print yet.
    if (printer?.failureClass) {
      return {
        state: 'stopped',
        reasons,
        ...pages,
        failureClass: printer.failureClass,
        message: `${where} reached the printer, but${printerSays.slice(1)}`,
      };
    }
    return { state: 'completed', reasons, ...pages };
  }
  if (has(JOB_STATUS.PRINTING) || has(JOB_STATUS.SPOOLING) || has(JOB_STATUS.RENDERING_LOCALLY)) {
    return { state: 'processing', reasons, ...pages };
  }
  // Queued with no bits: waiting its turn, or behind a printer that cannot print.
  return { state: 'pending', reasons, ...pages, ...(printer?.failureClass ? { message: `${where} is waiting${printerSays}` } : {}) };
}

/**
 * A job that is no longer in the queue. Windows removes printed jobs, but also deleted ones: it counts as printed
 * only when we last saw it printing or printed and the printer is healthy now; otherwise nobody can tell.
 */
export function jobGoneFromQueue(lastSeen: SpoolJobStatus | undefined, printer: PrinterStatusReport, jobName: string): SpoolJobStatus {
  const sawItPrint =
    lastSeen !== undefined &&
    (lastSeen.state === 'completed' || (lastSeen.state === 'processing' && lastSeen.reasons.includes('printing')));
  if (sawItPrint && !printer.failureClass) return { state: 'completed', reasons: ['left-queue-after-printing'] };
  const seen = lastSeen ? `last seen ${lastSeen.state}` : 'never seen in the queue';
  return {
    state: 'unknown',
    reasons: ['not-in-queue'],
    message: `The Windows queue no longer has ${jobName} (${seen}); check whether it printed.`,
  };
}

// ---- capabilities ----

/** Win32_Printer.Capabilities: 2 Color Printing, 3 Duplex Printing, 4 Copies. PrinterPaperNames: the driver's forms. */
export function capabilitiesFromWindows(printer: WindowsPrinterRecord): PrinterCapabilities {
  const sizes = new Set((printer.PrinterPaperNames ?? []).map(paperSizeFromName));
  const caps = printer.Capabilities ?? [];
  const paperSizes = PAPER_SIZES.filter((s) => sizes.has(s));
  return {
    paperSizes: paperSizes.length > 0 ? paperSizes : ['A4'],
    color: caps.includes(2),
    duplex: caps.includes(3),
    maxCopies: caps.includes(4) ? 999 : 1,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
