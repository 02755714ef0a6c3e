/**
 * Why a printer refused an operator's command (pause, resume, recovered, …), as data (issue 11): the printer state
 * machine refuses with one of these, shared/commandRefusals carries it as the `printerRefused` refusal, and each
 * console says it in its operator's language (renderer/src/i18n/refusalWords). The English below is the state
 * machine's own sentence, word for word, so the station's log reads as it always has.
 */
import { z } from 'zod';

export const PrinterRefusalWhy = z.enum([
  'printingBusy',
  'itemWaiting',
  'alreadyPaused',
  'inErrorRecoverFirst',
  'offlinePauseLater',
  'onlyReadyPauses',
  'notPaused',
  'notInError',
  'noItemWaiting',
  'noOutcomeInQuestion',
  'answerFirst',
  'nothingPrinting',
]);
export type PrinterRefusalWhy = z.infer<typeof PrinterRefusalWhy>;

/** A printer's refusal before it names its command: the reason and, where it is about one, the order. */
export interface PrinterWhy {
  why: PrinterRefusalWhy;
  orderId?: string;
}

export const ENGLISH_PRINTER_WHY: Record<PrinterRefusalWhy, (orderId: string) => string> = {
  printingBusy: () => 'a printing printer accepts no command but cancel',
  itemWaiting: () => 'an item is waiting for retrieval: confirm it first',
  alreadyPaused: () => 'the printer is already paused',
  inErrorRecoverFirst: () => 'the printer is in error: recover it first',
  offlinePauseLater: () => 'an offline printer claims nothing; pause it once it answers',
  onlyReadyPauses: () => 'only a ready printer can be paused',
  notPaused: () => 'the printer is not paused',
  notInError: () => 'the printer is not in error',
  noItemWaiting: () => 'no item is waiting for retrieval',
  noOutcomeInQuestion: () => 'no print outcome is in question',
  answerFirst: (orderId) => `first answer whether order ${orderId} printed`,
  nothingPrinting: () => 'nothing is printing',
};

/** The English sentence of a printer's refusal (without its command). */
export function printerWhySentence({ why, orderId }: PrinterWhy): string {
  return ENGLISH_PRINTER_WHY[why](orderId ?? '?');
}
