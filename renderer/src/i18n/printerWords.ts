/**
 * shared/operatorWords' printer sentences in the operator's language: the PrinterWords table filled from the message
 * catalogue (its English texts are the shared English ones, word for word; test/renderer/i18n.test.ts checks that).
 */
import type {
  OrderOutcomeWords,
  OrderProblemWords,
  PrinterCommandWords,
  PrinterWords,
  SlowJobWords,
  WhereaboutsWords,
} from '../../../shared/operatorWords';
import type { ForecastWords } from '../../../shared/queueForecast';
import { PRINT_STATUSES, PRINTER_STATES } from '../../../shared/domain';
import { DURATION_WORDS } from './format';
import { idleQueueWordsIn } from './idleQueueWords';
import { misfitWordsIn } from './refusalWords';
import { faultWordsIn, noticeWordsIn } from './noticeWords';
import { localeStore, perLocale, sayIn } from './locale';

export const printerWordsIn = perLocale((locale): PrinterWords => {
  const t = sayIn(locale);
  return {
    faults: faultWordsIn(locale),
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
    idleQueue: idleQueueWordsIn(locale),
  };
});

/** The printer sentences' words in the operator's current language. */
export function printerWords(): PrinterWords {
  return printerWordsIn(localeStore.get());
}

/** What an order's error code means, and what to do, from the catalogue (shared/operatorWords.orderProblem's table). */
export const orderProblemWordsIn = perLocale((locale): OrderProblemWords => {
  const t = sayIn(locale);
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
    pinDropped: () => ({ headline: t('heldOrders.pinDropped'), action: t('heldOrders.pinDroppedAction') }),
  };
});

/** Order problems in the operator's current language. */
export function orderProblemWords(): OrderProblemWords {
  return orderProblemWordsIn(localeStore.get());
}

/** An order command's toast (shared/operatorWords.orderOutcome) and a slow job's note, from the catalogue. */
export const orderOutcomeWordsIn = perLocale((locale): OrderOutcomeWords & { slowJob: SlowJobWords } => {
  const t = sayIn(locale);
  return {
    status: Object.fromEntries(PRINT_STATUSES.map((s) => [s, t(`outcome.status.${s}`)])) as OrderOutcomeWords['status'],
    cancelled: (orderId) => t('outcome.cancelled', { orderId }),
    cancelSent: (orderId) => t('outcome.cancelSent', { orderId }),
    reprint: (orderId) => t('outcome.reprint', { orderId }),
    reprintStillHeld: (orderId, by) => t('heldOrders.reprintStillHeld', { orderId, by }),
    forcePrinted: (orderId) => t('outcome.forcePrinted', { orderId }),
    reset: (orderId, status) => t('outcome.reset', { orderId, status }),
    slowJob: {
      note: (orderId, duration, spooler) => t('outcome.slowJob', { orderId, duration, spooler }),
      duration: DURATION_WORDS[locale],
    },
  };
});

/** A printer command's toast (shared/operatorWords.printerCommandOutcome), from the catalogue. */
export const printerCommandWordsIn = perLocale((locale): PrinterCommandWords => {
  const t = sayIn(locale);
  return {
    thePrinter: t('command.thePrinter'),
    sentBack: (name) => t('command.sentBack', { name }),
    retrieved: (name) => t('command.retrieved', { name }),
    recovered: (name) => t('command.recovered', { name }),
    answerRecorded: (name) => t('command.answerRecorded', { name }),
    paused: (name) => t('command.paused', { name }),
    resumed: (name) => t('command.resumed', { name }),
    testPage: (name) => t('command.testPage', { name }),
    allPaused: t('command.allPaused'),
    allResumed: t('command.allResumed'),
  };
});

/** Where an interrupted order prints now (shared/operatorWords.orderWhereabouts), from the catalogue. */
export const whereaboutsWordsIn = perLocale((locale): WhereaboutsWords => {
  const t = sayIn(locale);
  return {
    unknownPrinter: t('whereabouts.unknownPrinter'),
    anotherPrinter: t('whereabouts.anotherPrinter'),
    discard: (failedOn) => t('whereabouts.discard', { failedOn }),
    movedTo: (orderId, printer, discard) => t('whereabouts.movedTo', { orderId, printer, discard }),
    printsAgain: (orderId, failedOn, discard) => t('whereabouts.printsAgain', { orderId, failedOn, discard }),
    waits: (orderId, failedOn, discard) => t('whereabouts.waits', { orderId, failedOn, discard }),
  };
});

/** The queue's forecast texts (shared/queueForecast), from the catalogue. Numbers stay as digits, as in English. */
export const forecastWordsIn = perLocale((locale): ForecastWords => {
  const t = sayIn(locale);
  return {
    held: (by, reason) => t('forecast.held', { by, reason }),
    states: Object.fromEntries(PRINTER_STATES.map((s) => [s, t(`forecast.state.${s}`)])) as ForecastWords['states'],
    pinnedUnknown: (printerId) => t('forecast.pinnedUnknown', { printerId }),
    pinnedNotWorking: (printer, state) => t('forecast.pinnedNotWorking', { printer, state }),
    pinnedCannot: (printer, need) => (need ? t('forecast.pinnedLacks', { printer, need }) : t('forecast.pinnedCannot', { printer })),
    misfit: misfitWordsIn(locale),
    pinnedStationIdle: (stationId) => t('forecast.pinnedStationIdle', { stationId }),
    noneTakingWork: t('forecast.noneTakingWork'),
    noneOnline: t('forecast.noneOnline'),
    needsPaper: (size) => t('forecast.needsPaper', { size }),
    needsColour: t('forecast.needsColour'),
    needsDuplex: t('forecast.needsDuplex'),
    needsCopies: (copies) => t('forecast.needsCopies', { copies: String(copies) }),
    noneHasAll: t('forecast.noneHasAll'),
    now: t('forecast.now'),
    inMinutes: (minutes) => t('forecast.inMinutes', { minutes: String(minutes) }),
    inHours: (hours) => t('forecast.inHours', { hours: String(hours) }),
  };
});

/** The console's notices: their words live in the pure noticeWords (the desktop shell says them too). */
export { noticeWordsIn };

/** The same tables in the operator's current language (the console is drawn again when it changes). */
export const printerCommandWords = () => printerCommandWordsIn(localeStore.get());
export const orderOutcomeWords = () => orderOutcomeWordsIn(localeStore.get());
export const whereaboutsWords = () => whereaboutsWordsIn(localeStore.get());
export const forecastWords = () => forecastWordsIn(localeStore.get());
export const noticeWords = () => noticeWordsIn(localeStore.get());
