/**
 * The notices' words (shared/notificationRules.notificationFor) from the catalogue, and the fault words they use.
 * Pure on purpose: the desktop shell's main process imports this to say its OS notifications in the operator's
 * language (no React, no language store; test/renderer/noticeWords.test.ts walks the imports).
 */
import type { NoticeWords } from '../../../shared/notificationRules';
import { FAULT_IDS, type PrinterWords } from '../../../shared/operatorWords';
import { perLocale, translateIn } from './catalogue';

/** Each printer fault's problem and what to do about it. */
export const faultWordsIn = perLocale((locale): PrinterWords['faults'] => {
  return Object.fromEntries(
    FAULT_IDS.map((id) => [id, { problem: translateIn(locale, `fault.${id}`), action: translateIn(locale, `fault.${id}Action`) }]),
  ) as PrinterWords['faults'];
});

/** The console's notices and the desktop notifications, from the catalogue. */
export const noticeWordsIn = perLocale((locale): NoticeWords => {
  return {
    faults: faultWordsIn(locale),
    readyTitle: (printer) => translateIn(locale, 'notice.readyTitle', { printer }),
    readyBody: (orderId) => translateIn(locale, 'notice.readyBody', { orderId }),
    printerError: translateIn(locale, 'notice.printerError'),
    attentionTitle: (orderId) => translateIn(locale, 'notice.attentionTitle', { orderId }),
  };
});
