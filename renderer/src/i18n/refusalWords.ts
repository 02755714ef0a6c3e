/**
 * The station's refusals (shared/commandRefusals) and what a printer lacks (shared/domain's capabilityMismatch) in the
 * operator's language: the tables filled from the catalogue (refusal.*, misfit.*). Their English reads word for word
 * as the station's own English; test/shared/commandRefusals.test.ts checks it.
 */
import { refusalSentence, SaidRefusal, type RefusalWords } from '../../../shared/commandRefusals';
import { misfitSentence, PRINT_STATUSES, type MisfitWords, type PrintStatus } from '../../../shared/domain';
import { OPERATOR_RULES, type OperatorAction } from '../../../shared/lifecycle';
import { faultOf } from '../../../shared/operatorWords';
import type { CommandResult } from '../../../shared/stationApi';
import { localeStore, perLocale, sayIn, translateIn } from './locale';

const STATUSES: readonly string[] = PRINT_STATUSES;
const ACTIONS = Object.keys(OPERATOR_RULES) as OperatorAction[];
/** The printer commands an operator may be refused (shared/printerRefusals); any other as the station wrote it. */
const COMMANDS = ['pause', 'resume', 'recovered', 'retrieved', 'resolve_unknown', 'cancel'] as const;
type Command = (typeof COMMANDS)[number];
/** An action refused from the status it would lead to: German says "ist bereits storniert". */
const ALREADY: Partial<Record<OperatorAction, PrintStatus>> = {
  cancel: 'cancelled',
  forcePrinted: 'printed',
  reprint: 'pending',
  resetStuck: 'pending',
  rejectRetrieval: 'pending',
};

export const misfitWordsIn = perLocale((locale): MisfitWords => {
  return {
    needs: (what) => translateIn(locale, 'misfit.needs', { what }),
    paper: (size) => translateIn(locale, 'misfit.paper', { size }),
    colour: translateIn(locale, 'misfit.colour'),
    duplex: translateIn(locale, 'misfit.duplex'),
    copies: (copies, max) => translateIn(locale, 'misfit.copies', { copies: String(copies), max: String(max) }),
  };
});

export const refusalWordsIn = perLocale((locale): RefusalWords => {
  const t = sayIn(locale);
  // A status the catalogue knows in words; any other (a newer station's) as the station wrote it.
  const status = (s: string) => (STATUSES.includes(s) ? t(`refusal.status.${s as PrintStatus}`) : s);
  const action = (a: string) => (ACTIONS.includes(a as OperatorAction) ? t(`refusal.action.${a as OperatorAction}`) : a);
  const misfit = misfitWordsIn(locale);
  return {
    noSuchOrder: ({ orderId }) => t('refusal.noSuchOrder', { orderId }),
    alreadyPrinting: ({ orderId, printer }) =>
      printer ? t('refusal.alreadyPrintingOn', { orderId, printer }) : t('refusal.alreadyPrinting', { orderId }),
    alreadyPrinted: ({ orderId }) => t('refusal.alreadyPrinted', { orderId }),
    wasCancelled: ({ orderId }) => t('refusal.wasCancelled', { orderId }),
    hasFailed: ({ orderId }) => t('refusal.hasFailed', { orderId }),
    needsPerson: ({ orderId }) => t('refusal.needsPerson', { orderId }),
    notSteerable: (p) => t('refusal.notSteerable', { orderId: p.orderId, status: status(p.status) }),
    changedWhileDeciding: ({ orderId, was }) =>
      was ? t('refusal.changedWhileDecidingWas', { orderId, status: status(was) }) : t('refusal.changedWhileDeciding', { orderId }),
    movedOnSinceAsked: (p) =>
      t('refusal.movedOnSinceAsked', {
        orderId: p.orderId,
        status: status(p.status),
        printJobId: p.printJobId ?? t('refusal.noJob'),
        expected: p.expected,
      }),
    noValidStatus: ({ orderId, status }) => t('refusal.noValidStatus', { orderId, status }),
    alreadyHeld: ({ orderId, by, reason }) => t('refusal.alreadyHeld', { orderId, by, reason }),
    notHeld: ({ orderId }) => t('refusal.notHeld', { orderId }),
    notPinned: ({ orderId }) => t('refusal.notPinned', { orderId }),
    noSuchPrinter: ({ printerId }) => t('refusal.noSuchPrinter', { printerId }),
    cannotPrintOn: (p) => t('refusal.cannotPrintOn', { orderId: p.orderId, printer: p.printer, misfit: misfitSentence(p.misfit, misfit) }),
    notAllowed: (p) => {
      const rule = OPERATOR_RULES[p.action as OperatorAction];
      const allowed = rule ? Object.keys(rule.moves).map(status).join(', ') : '';
      const key = ALREADY[p.action as OperatorAction] === p.status ? 'refusal.notAllowedAlready' : 'refusal.notAllowed';
      return t(key, { orderId: p.orderId, action: action(p.action), status: status(p.status), allowed });
    },
    alreadyRetrieved: (p) => t('refusal.alreadyRetrieved', { orderId: p.orderId, at: new Date(p.at), by: p.by ?? t('refusal.someone') }),
    printerRefused: ({ command, why, orderId }) =>
      t('refusal.printerRefused', {
        command: (COMMANDS as readonly string[]).includes(command) ? t(`refusal.command.${command as Command}`) : command,
        why: why === 'answerFirst' ? t('refusal.printerWhy.answerFirst', { orderId: orderId ?? '?' }) : t(`refusal.printerWhy.${why}`),
      }),
    noPrinterHere: ({ printerId }) => t('refusal.noPrinterHere', { printerId }),
    notAwaitingItem: ({ printer }) => t('refusal.notAwaitingItem', { printer }),
    noQuestionOn: ({ printer }) => t('refusal.noQuestionOn', { printer }),
    printingAnOrder: ({ printer }) => t('refusal.printingAnOrder', { printer }),
    // The printer's code ("media-jam") in the fault's words, as its card says it (issue 11: never the raw code).
    printerStillReports: ({ report }) => {
      const fault = faultOf(report);
      return t('refusal.printerStillReports', { report: fault ? t(`fault.${fault.id}`) : report });
    },
    printerNotAnswering: ({ error }) => t('refusal.printerNotAnswering', { error }),
    noDriver: () => t('refusal.noDriver'),
    testPageRefused: ({ error }) => t('refusal.testPageRefused', { error }),
    dbUnreachable: ({ error }) => t('refusal.dbUnreachable', { error }),
    notConnected: () => t('refusal.notConnected'),
    notRunning: () => t('refusal.notRunning'),
    pinRequired: () => t('refusal.pinRequired'),
    pinWrong: ({ attemptsLeft }) => t('refusal.pinWrong', { count: attemptsLeft }),
    pinLockedOut: ({ seconds }) => t('refusal.pinLockedOut', { seconds: String(seconds) }),
    pinLocked: ({ seconds }) => t('refusal.pinLocked', { seconds: String(seconds) }),
  };
});

/** A sentence on screen starts with a capital, whatever the station's log line does. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the console shows for a refused command: the refusal in `words` when the station said one, else its reason. */
export function refusalShown(
  result: Extract<CommandResult, { ok: false }>,
  words: RefusalWords = refusalWordsIn(localeStore.get()),
): string {
  const said = SaidRefusal.parse(result.said);
  return capitalised(said ? refusalSentence(said, words) : result.reason);
}
