/**
 * Status answers of label printers on raw port 9100, as the station's printer status. Pure.
 * Zebra `~HS` (ZPL II manual, "Host Status Return"): three STX…ETX strings of comma-separated flags (zebraStatus.ts).
 * Brother `ESC i S` (QL/PT raster command reference, "Status information"): a 32-byte block (brotherStatus.ts).
 */
import { brotherErrors, readBrotherStatus } from './brotherStatus';
import type { PrinterStatusReport } from './driver';
import { readZebraHostStatus, zebraAnswerComplete, zebraFaults } from './zebraStatus';

export type RawStatusProtocol = 'zebra' | 'brother';

/** The query bytes each protocol sends. */
export const STATUS_QUERY: Record<RawStatusProtocol, Buffer> = {
  zebra: Buffer.from('~HS', 'latin1'),
  // ESC @ (initialise) first, as Brother's reference asks, then ESC i S.
  brother: Buffer.from([0x1b, 0x40, 0x1b, 0x69, 0x53]),
};

/** Whether enough bytes arrived to parse an answer. */
export function statusAnswerComplete(protocol: RawStatusProtocol, bytes: Buffer): boolean {
  return protocol === 'brother' ? bytes.length >= 32 : zebraAnswerComplete(bytes);
}

export function parseStatusAnswer(protocol: RawStatusProtocol, printerName: string, bytes: Buffer): PrinterStatusReport {
  return protocol === 'zebra' ? parseZebraHostStatus(printerName, bytes) : parseBrotherStatus(printerName, bytes);
}

/** A printer that answers with nothing usable is as bad as one that does not answer (DESIGN §8). */
function unreadable(printerName: string, what: string): PrinterStatusReport {
  return {
    status: 'error',
    reasons: ['status-unreadable'],
    message: `${printerName} answered the status query with ${what}; check the printer's language setting.`,
    queueLength: 0,
    failureClass: 'printer_jam',
  };
}

export function parseZebraHostStatus(printerName: string, bytes: Buffer): PrinterStatusReport {
  const status = readZebraHostStatus(bytes);
  if (!status) return unreadable(printerName, 'something that is not a ZPL host status');
  const faults = zebraFaults(status);
  const reasons = faults.map((f) => f.reason);
  const queueLength = status.formatsInBuffer;
  const first = faults[0];
  if (first) {
    return {
      status: 'error',
      reasons,
      message: `${first.sentence} on ${printerName} (${first.reason}).`,
      queueLength,
      failureClass: 'printer_jam',
    };
  }
  const busy = status.formatsInBuffer > 0 || status.labelsRemaining > 0 || status.partialFormat;
  return { status: busy ? 'busy' : 'online', reasons, queueLength };
}

export function parseBrotherStatus(printerName: string, bytes: Buffer): PrinterStatusReport {
  const block = readBrotherStatus(bytes);
  if (!block) return unreadable(printerName, 'something that is not a Brother status block');
  const errors = brotherErrors(block);
  const reasons = errors.map((e) => e.reason);
  const first = errors.find((e) => !e.offline) ?? errors[0];
  if (first) {
    return {
      status: first.offline ? 'offline' : 'error',
      reasons,
      message: `${first.sentence} on ${printerName} (${first.reason}).`,
      queueLength: 0,
      failureClass: first.offline ? 'printer_offline' : 'printer_jam',
    };
  }
  return { status: block.phase === 0x01 ? 'busy' : 'online', reasons, queueLength: 0 };
}
