/**
 * Status answers of label printers on raw port 9100, as the station's printer status. Pure.
 * Zebra `~HS` (ZPL II manual, "Host Status Return"): three STX…ETX strings of comma-separated flags.
 * Brother `ESC i S` (QL/PT raster command reference, "Status information"): a 32-byte block.
 */
import type { PrinterStatusReport } from './driver';

export type RawStatusProtocol = 'zebra' | 'brother';

/** The query bytes each protocol sends. */
export const STATUS_QUERY: Record<RawStatusProtocol, Buffer> = {
  zebra: Buffer.from('~HS', 'latin1'),
  // ESC @ (initialise) first, as Brother's reference asks, then ESC i S.
  brother: Buffer.from([0x1b, 0x40, 0x1b, 0x69, 0x53]),
};

/** Whether enough bytes arrived to parse an answer. */
export function statusAnswerComplete(protocol: RawStatusProtocol, bytes: Buffer): boolean {
  if (protocol === 'brother') return bytes.length >= 32;
  return bytes.toString('latin1').split('\x03').length - 1 >= 3;
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
  const frames = [...bytes.toString('latin1').matchAll(/\x02([^\x03]*)\x03/g)].map((m) => m[1]!.split(','));
  const [first, second] = frames;
  if (!first || !second || first.length < 12 || second.length < 9) return unreadable(printerName, 'something that is not a ZPL host status');
  const flag = (fields: string[], i: number) => fields[i]?.trim() === '1';
  const formatsInBuffer = Number(first[4]) || 0;
  const labelsRemaining = Number(second[8]) || 0;

  // Conditions a person must clear, in the order the operator should look at them.
  const faults: Array<[boolean, string, string]> = [
    [flag(first, 1), 'media-empty', 'Out of labels'],
    [flag(second, 2), 'door-open', 'The print head is open'],
    [flag(second, 3), 'ribbon-empty', 'Out of ribbon'],
    [flag(first, 10), 'under-temperature', 'The print head is too cold'],
    [flag(first, 11), 'over-temperature', 'The print head is too hot'],
    [flag(first, 9), 'corrupt-ram', 'The printer lost its memory (corrupt RAM); restart it'],
    [flag(first, 2), 'paused', 'Paused at the printer; press its pause button'],
  ];
  const reasons = faults.filter(([on]) => on).map(([, reason]) => reason);
  const queueLength = formatsInBuffer;
  const firstFault = faults.find(([on]) => on);
  if (firstFault) {
    return { status: 'error', reasons, message: `${firstFault[2]} on ${printerName} (${firstFault[1]}).`, queueLength, failureClass: 'printer_jam' };
  }
  const busy = formatsInBuffer > 0 || labelsRemaining > 0 || flag(first, 5) || flag(first, 7);
  return { status: busy ? 'busy' : 'online', reasons, queueLength };
}

/** Error information 1 (byte 8) and 2 (byte 9) bits of a Brother status block. */
const BROTHER_ERRORS: Array<[byte: 8 | 9, bit: number, reason: string, sentence: string, offline?: boolean]> = [
  [8, 0, 'media-empty', 'No labels loaded'],
  [8, 1, 'media-end', 'End of the label roll'],
  [8, 2, 'cutter-jam', 'The cutter is jammed'],
  [8, 3, 'battery-low', 'The battery is weak'],
  [8, 5, 'shutdown', 'The printer is turning off', true],
  [8, 7, 'fan-error', 'The fan motor has failed'],
  [9, 0, 'replace-media', 'The wrong labels are loaded; replace them'],
  [9, 4, 'cover-open', 'The cover is open'],
  [9, 6, 'media-jam', 'The labels cannot be fed (feed error)'],
  [9, 7, 'system-error', 'The printer reports a system error; restart it'],
  [9, 2, 'communication-error', 'The printer reports a communication error', true],
];

export function parseBrotherStatus(printerName: string, bytes: Buffer): PrinterStatusReport {
  // Every block starts 0x80 0x20 'B' (print head mark, size 32, Brother).
  if (bytes.length < 32 || bytes[0] !== 0x80 || bytes[1] !== 0x20 || bytes[2] !== 0x42) {
    return unreadable(printerName, 'something that is not a Brother status block');
  }
  const hits = BROTHER_ERRORS.filter(([byte, bit]) => (bytes[byte]! & (1 << bit)) !== 0);
  const reasons = hits.map(([, , reason]) => reason);
  const first = hits.find(([, , , , offline]) => !offline) ?? hits[0];
  if (first) {
    const offline = first[4] === true;
    return {
      status: offline ? 'offline' : 'error',
      reasons,
      message: `${first[3]} on ${printerName} (${first[2]}).`,
      queueLength: 0,
      failureClass: offline ? 'printer_offline' : 'printer_jam',
    };
  }
  // Byte 18 is the status type, byte 19 the phase: 0x01 means "printing".
  const printing = bytes[19] === 0x01;
  return { status: printing ? 'busy' : 'online', reasons, queueLength: 0 };
}
