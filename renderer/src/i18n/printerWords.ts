/**
 * shared/operatorWords' printer sentences in the operator's language: the PrinterWords table filled from the message
 * catalogue (its English texts are the shared English ones, word for word; test/renderer/i18n.test.ts checks that).
 */
import type { FaultId, OrderProblemWords, PrinterWords } from '../../../shared/operatorWords';
import { DURATION_WORDS } from './format';
import type { MessageKey } from './en';
import { localeStore, translateIn, type ParamsArg } from './locale';
import type { Locale } from './format';

const FAULT_IDS: FaultId[] = ['jam', 'paper', 'toner', 'cover', 'output_full', 'tray_missing', 'service', 'not_answering', 'unknown'];

export function printerWordsIn(locale: Locale): PrinterWords {
  const t = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => translateIn(locale, key, ...params);
  return {
    faults: Object.fromEntries(
      FAULT_IDS.map((id) => [id, { problem: t(`fault.${id}`), action: t(`fault.${id}Action`) }]),
    ) as PrinterWords['faults'],
    headline: (name, what) => t('sentence.headline', { name, what }),
    starting: t('sentence.starting'),
    readyNotClaiming: (reason) => t('sentence.readyNotClaiming', { reason }),
    ready: t('sentence.ready'),
    slowJob: (orderId) => t('sentence.slowJob', { orderId }),
    slowJobAction: t('sentence.slowJobAction'),
    printingOrder: (orderId) => t('sentence.printingOrder', { orderId }),
    printing: t('sentence.printing'),
    waitingInTray: (orderId) => (orderId ? t('sentence.waitingInTray', { orderId }) : t('sentence.printWaiting')),
    trayAction: t('sentence.trayAction'),
    paused: t('sentence.paused'),
    pausedBy: (who) => t('sentence.pausedBy', { who }),
    resumeAction: t('sentence.resumeAction'),
    notAnswering: (duration) => (duration ? t('sentence.notAnsweringFor', { duration }) : t('fault.not_answering')),
    unknownOutcome: (orderId) => t('sentence.unknownOutcome', { orderId }),
    unknownOutcomeAction: (orderId) => t('sentence.unknownOutcomeAction', { orderId }),
    strayCopy: t('sentence.strayCopy'),
    notAnsweringInError: t('sentence.notAnsweringInError'),
    interrupted: (orderId, printer) => t('sentence.interrupted', { orderId, printer }),
    duration: DURATION_WORDS[locale],
  };
}

/** The printer sentences' words in the operator's current language. */
export function printerWords(): PrinterWords {
  return printerWordsIn(localeStore.get());
}

/** What an order's error code means, and what to do, from the catalogue (shared/operatorWords.orderProblem's table). */
export function orderProblemWordsIn(locale: Locale): OrderProblemWords {
  const t = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => translateIn(locale, key, ...params);
  const at = (printer: string) => (printer ? t('problem.atPrinter', { printer }) : '');
  const of = (printer: string) => (printer ? t('problem.ofPrinter', { printer }) : '');
  return {
    network: () => ({ headline: t('problem.network'), action: t('problem.networkAction') }),
    printer_jam: (printer) => ({
      headline: t('problem.printer_jam', { printer }),
      action: t('problem.printer_jamAction', { at: at(printer) }),
    }),
    printer_offline: (printer) => ({
      headline: t('problem.printer_offline', { printer }),
      action: t('problem.printer_offlineAction', { at: at(printer) }),
    }),
    invalid_data: () => ({ headline: t('problem.invalid_data'), action: t('problem.invalid_dataAction') }),
    capability_mismatch: () => ({ headline: t('problem.capability_mismatch'), action: t('problem.capability_mismatchAction') }),
    interrupted: () => ({ headline: t('problem.interrupted'), action: t('problem.interruptedAction') }),
    exhausted: () => ({ headline: t('problem.exhausted'), action: t('problem.exhaustedAction') }),
    outcome_unknown: (printer) => ({ headline: t('problem.outcome_unknown', { of: of(printer) }), action: t('problem.lookInTray') }),
    lease_expired: (printer) => ({ headline: t('problem.lease_expired', { of: of(printer) }), action: t('problem.lookInTray') }),
    cancelled: () => ({ headline: t('problem.cancelled') }),
  };
}

/** Order problems in the operator's current language. */
export function orderProblemWords(): OrderProblemWords {
  return orderProblemWordsIn(localeStore.get());
}
