/**
 * Brother QL status blocks (QL raster command reference, "Status information"): 32 bytes, starting 0x80 0x20 'B'.
 * The printer sends one in reply to `ESC i S` and, while printing, on its own: a phase change, "printing completed"
 * after each page, or "error occurred". Pure.
 */

export const BROTHER_STATUS_TYPE = {
  reply: 0x00,
  printingCompleted: 0x01,
  errorOccurred: 0x02,
  turnedOff: 0x04,
  notification: 0x05,
  phaseChange: 0x06,
} as const;

export interface BrotherStatusBlock {
  /** Byte 18: see BROTHER_STATUS_TYPE. */
  statusType: number;
  /** Byte 19: 0x00 receiving (waiting), 0x01 printing. */
  phase: number;
  error1: number;
  error2: number;
  mediaWidthMm: number;
  /** Byte 11: 0x0a continuous, 0x0b die-cut, 0x00 none. */
  mediaType: number;
  mediaLengthMm: number;
  /** Byte 22 of a notification: 0x01 cover open, 0x02 cover closed. */
  notification: number;
}

export const BROTHER_BLOCK_BYTES = 32;
const HEAD = [0x80, 0x20, 0x42];

export function isBrotherBlock(bytes: Buffer): boolean {
  return bytes.length >= BROTHER_BLOCK_BYTES && HEAD.every((b, i) => bytes[i] === b);
}

export function readBrotherStatus(block: Buffer): BrotherStatusBlock | undefined {
  if (!isBrotherBlock(block)) return undefined;
  return {
    statusType: block[18]!,
    phase: block[19]!,
    error1: block[8]!,
    error2: block[9]!,
    mediaWidthMm: block[10]!,
    mediaType: block[11]!,
    mediaLengthMm: block[17]!,
    notification: block[22]!,
  };
}

/** Whole blocks out of a byte stream; bytes before a block head are skipped, an unfinished block is kept. */
export function splitBrotherBlocks(stream: Buffer): { blocks: BrotherStatusBlock[]; rest: Buffer } {
  const blocks: BrotherStatusBlock[] = [];
  let at = 0;
  for (;;) {
    const start = stream.indexOf(Buffer.from(HEAD), at);
    if (start < 0) return { blocks, rest: Buffer.alloc(0) };
    if (stream.length - start < BROTHER_BLOCK_BYTES) return { blocks, rest: stream.subarray(start) };
    const block = readBrotherStatus(stream.subarray(start, start + BROTHER_BLOCK_BYTES));
    if (block) blocks.push(block);
    at = start + BROTHER_BLOCK_BYTES;
  }
}

/** Error information 1 (byte 8) and 2 (byte 9): bit, reason, sentence, and whether it means the printer is gone. */
export const BROTHER_ERRORS: Array<[byte: 1 | 2, bit: number, reason: string, sentence: string, offline?: boolean]> = [
  [1, 0, 'media-empty', 'No labels loaded'],
  [1, 1, 'media-end', 'End of the label roll'],
  [1, 2, 'cutter-jam', 'The cutter is jammed'],
  [1, 3, 'battery-low', 'The battery is weak'],
  [1, 5, 'shutdown', 'The printer is turning off', true],
  [1, 7, 'fan-error', 'The fan motor has failed'],
  [2, 0, 'replace-media', 'The wrong labels are loaded; replace them'],
  [2, 4, 'cover-open', 'The cover is open'],
  [2, 6, 'media-jam', 'The labels cannot be fed (feed error)'],
  [2, 7, 'system-error', 'The printer reports a system error; restart it'],
  [2, 2, 'communication-error', 'The printer reports a communication error', true],
];

export function brotherErrors(
  block: Pick<BrotherStatusBlock, 'error1' | 'error2'>,
): Array<{ reason: string; sentence: string; offline: boolean }> {
  return BROTHER_ERRORS.filter(([byte, bit]) => ((byte === 1 ? block.error1 : block.error2) & (1 << bit)) !== 0).map(
    ([, , reason, sentence, offline]) => ({
      reason,
      sentence,
      offline: offline === true,
    }),
  );
}
