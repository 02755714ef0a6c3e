/**
 * Zebra `~HS` (ZPL II programming guide, "Host Status Return"), read into named fields. Pure.
 * The answer is three STX…ETX strings of comma-separated fields:
 *   1: aaa,b paper out,c pause,dddd label length,eee formats in receive buffer,f buffer full,g diagnostic mode,
 *      h partial format,iii unused,j corrupt RAM,k under temperature,l over temperature
 *   2: mmm function settings,n unused,o head up,p ribbon out,q thermal transfer,r print mode,s print width mode,
 *      t label waiting,uuuuuuuu labels remaining in batch,v format while printing,www graphics stored
 *   3: xxxx password,y static RAM installed
 */

export interface ZebraHostStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  corruptRam: boolean;
  /** Formats received and not yet started. */
  formatsInBuffer: number;
  /** Labels still to print of the format being printed (its ^PQ count minus those out). */
  labelsRemaining: number;
  /** A format was received in part (the rest of the job is still on its way). */
  partialFormat: boolean;
  /** A label was printed and waits to be taken (peel-off mode). */
  labelWaiting: boolean;
}

/** The bytes of one whole answer (three ETX), or undefined while it is still arriving. */
export function zebraAnswerComplete(bytes: Buffer): boolean {
  return bytes.toString('latin1').split('\x03').length - 1 >= 3;
}

export function readZebraHostStatus(bytes: Buffer): ZebraHostStatus | undefined {
  const frames = [...bytes.toString('latin1').matchAll(/\x02([^\x03]*)\x03/g)].map((m) => m[1]!.split(','));
  const [first, second] = frames;
  if (!first || !second || first.length < 12 || second.length < 9) return undefined;
  const flag = (fields: string[], i: number) => fields[i]?.trim() === '1';
  return {
    paperOut: flag(first, 1),
    paused: flag(first, 2),
    formatsInBuffer: Number(first[4]) || 0,
    partialFormat: flag(first, 7),
    corruptRam: flag(first, 9),
    underTemperature: flag(first, 10),
    overTemperature: flag(first, 11),
    headOpen: flag(second, 2),
    ribbonOut: flag(second, 3),
    labelWaiting: flag(second, 7),
    labelsRemaining: Number(second[8]) || 0,
  };
}

/** Conditions a person must clear, in the order the operator should look at them: reason and sentence. */
const FAULTS: Array<[keyof ZebraHostStatus, string, string]> = [
  ['paperOut', 'media-empty', 'Out of labels'],
  ['headOpen', 'door-open', 'The print head is open'],
  ['ribbonOut', 'ribbon-empty', 'Out of ribbon'],
  ['underTemperature', 'under-temperature', 'The print head is too cold'],
  ['overTemperature', 'over-temperature', 'The print head is too hot'],
  ['corruptRam', 'corrupt-ram', 'The printer lost its memory (corrupt RAM); restart it'],
  ['paused', 'paused', 'Paused at the printer; press its pause button'],
];

export function zebraFaults(status: ZebraHostStatus): Array<{ reason: string; sentence: string }> {
  return FAULTS.filter(([key]) => status[key] === true).map(([, reason, sentence]) => ({ reason, sentence }));
}

/** Formats and labels still to come out, counting each waiting format as `labelsPerFormat`. */
export function zebraLabelsLeft(status: ZebraHostStatus, labelsPerFormat: number): number {
  return status.labelsRemaining + status.formatsInBuffer * labelsPerFormat;
}
