/**
 * Why the station refused an operator's command, as data (issue 11, "every operator"): a refusal is a key and its
 * facts, made here by pure functions, so the station's log keeps its English sentence (`reason`, said with the
 * English table below) while each console says the same refusal in its operator's language (the refused
 * CommandResult carries it as `said`; renderer/src/i18n/refusalWords fills the table from the catalogue).
 */
import { z } from 'zod';
import { CapabilityMisfit, ENGLISH_MISFIT, misfitSentence, type PrintStatus } from './domain';
import { OPERATOR_RULES, type OperatorAction } from './lifecycle';
import { PrinterRefusalWhy, printerWhySentence } from './printerRefusals';

const order = { orderId: z.string() };
const refusal = <K extends string, P extends z.ZodRawShape>(key: K, params: P) =>
  z.object({ key: z.literal(key), params: z.object(params) });

export const Refusal = z.discriminatedUnion('key', [
  // the order is not where the operator thought
  refusal('noSuchOrder', order),
  refusal('alreadyPrinting', { ...order, printer: z.string().optional() }),
  refusal('alreadyPrinted', order),
  refusal('wasCancelled', order),
  refusal('hasFailed', order),
  refusal('needsPerson', order),
  refusal('notSteerable', { ...order, status: z.string() }),
  refusal('changedWhileDeciding', { ...order, was: z.string().optional() }),
  refusal('movedOnSinceAsked', { ...order, status: z.string(), printJobId: z.string().nullable(), expected: z.string() }),
  refusal('noValidStatus', { ...order, status: z.string() }),
  // steering
  refusal('alreadyHeld', { ...order, by: z.string(), reason: z.string() }),
  refusal('notHeld', order),
  refusal('notPinned', order),
  refusal('noSuchPrinter', { printerId: z.string() }),
  refusal('cannotPrintOn', { ...order, printer: z.string(), misfit: CapabilityMisfit }),
  // the order core's operator actions (shared/lifecycle's table)
  refusal('notAllowed', { ...order, action: z.string(), status: z.string() }),
  refusal('alreadyRetrieved', { ...order, at: z.string(), by: z.string().nullable() }),
  // a printer's commands (shared/printerRefusals): `command` is the printer event ("pause", "recovered")
  refusal('printerRefused', { command: z.string(), why: PrinterRefusalWhy, orderId: z.string().optional() }),
  refusal('noPrinterHere', { printerId: z.string() }),
  refusal('notAwaitingItem', { printer: z.string() }),
  refusal('noQuestionOn', { printer: z.string() }),
  refusal('printingAnOrder', { printer: z.string() }),
  refusal('printerStillReports', { report: z.string() }),
  refusal('printerNotAnswering', { error: z.string() }),
  refusal('noDriver', {}),
  refusal('testPageRefused', { error: z.string() }),
  refusal('dbUnreachable', { error: z.string() }),
  // the station itself
  refusal('notConnected', {}),
  refusal('notRunning', {}),
  refusal('pinRequired', {}),
  refusal('pinWrong', { attemptsLeft: z.number().int() }),
  refusal('pinLockedOut', { seconds: z.number().int() }),
  refusal('pinLocked', { seconds: z.number().int() }),
]);
export type Refusal = z.infer<typeof Refusal>;
export type RefusalKey = Refusal['key'];
export type RefusalParams<K extends RefusalKey> = Extract<Refusal, { key: K }>['params'];

/** Every refusal's sentence in one language (a table per language: English below, the console's from its catalogue). */
export type RefusalWords = { [K in RefusalKey]: (params: RefusalParams<K>) => string };

export const ENGLISH_REFUSALS: RefusalWords = {
  noSuchOrder: ({ orderId }) => `there is no order ${orderId}`,
  alreadyPrinting: ({ orderId, printer }) =>
    `order ${orderId} is already printing${printer ? ` on ${printer}` : ''}: it can no longer be steered`,
  alreadyPrinted: ({ orderId }) => `order ${orderId} has already printed`,
  wasCancelled: ({ orderId }) => `order ${orderId} was cancelled; move it back to the queue first`,
  hasFailed: ({ orderId }) => `order ${orderId} failed; move it back to the queue first`,
  needsPerson: ({ orderId }) => `order ${orderId} needs a person to decide whether it printed`,
  notSteerable: ({ orderId, status }) => `order ${orderId} is ${status}: only a pending order can be steered`,
  changedWhileDeciding: ({ orderId, was }) =>
    `order ${orderId} changed while you were deciding${was ? ` (it was ${was})` : ''}; look again`,
  movedOnSinceAsked: ({ orderId, status, printJobId, expected }) =>
    `order ${orderId} has moved on since you were asked: it is now ${status} under print job ${printJobId ?? 'none'}, not ${expected}; look again`,
  noValidStatus: ({ orderId, status }) => `order ${orderId} has no valid print status (${status})`,
  alreadyHeld: ({ orderId, by, reason }) => `order ${orderId} is already held by ${by}: ${reason}`,
  notHeld: ({ orderId }) => `order ${orderId} is not held`,
  notPinned: ({ orderId }) => `order ${orderId} is not pinned to a printer`,
  noSuchPrinter: ({ printerId }) => `there is no printer ${printerId}`,
  cannotPrintOn: ({ orderId, printer, misfit }) =>
    `order ${orderId} cannot print on ${printer}: it ${misfitSentence(misfit, ENGLISH_MISFIT)}`,
  notAllowed: ({ orderId, action, status }) => {
    const rule = OPERATOR_RULES[action as OperatorAction];
    const allowed = rule ? Object.keys(rule.moves).join(', ') : '';
    return `order ${orderId}: cannot ${rule?.verb ?? action} an order that is ${status} (only from: ${allowed})`;
  },
  alreadyRetrieved: ({ orderId, at, by }) => `order ${orderId} was already taken from the tray at ${at} by ${by ?? 'someone'}`,
  printerRefused: ({ command, ...why }) => `${command} refused: ${printerWhySentence(why)}`,
  noPrinterHere: ({ printerId }) => `this station has no printer ${printerId}`,
  notAwaitingItem: ({ printer }) => `${printer} is not waiting for an item to be taken`,
  noQuestionOn: ({ printer }) => `no print outcome is in question on ${printer}`,
  printingAnOrder: ({ printer }) => `${printer} is printing an order`,
  printerStillReports: ({ report }) => `the printer still reports ${report}; fix it first`,
  printerNotAnswering: ({ error }) => `the printer does not answer: ${error}`,
  noDriver: () => 'no driver for this printer',
  testPageRefused: ({ error }) => `the printer refused the test page: ${error}`,
  dbUnreachable: ({ error }) => `the database is unreachable (${error}); try again when it is back`,
  notConnected: () => 'The station is not connected to a database yet.',
  notRunning: () => 'The station is not running yet: finish the setup first.',
  pinRequired: () => 'This action needs the operator PIN.',
  pinWrong: ({ attemptsLeft }) => `Wrong PIN: ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before this console is locked.`,
  pinLockedOut: ({ seconds }) => `Wrong PIN. Too many wrong PINs from here: locked for ${seconds} s.`,
  pinLocked: ({ seconds }) => `Too many wrong PINs from here: try again in ${seconds} s.`,
};

/** The refusal in `words` (English by default: the station's `reason`). */
export function refusalSentence(refusal: Refusal, words: RefusalWords = ENGLISH_REFUSALS): string {
  const say = words[refusal.key] as (params: Refusal['params']) => string;
  return say(refusal.params);
}

/** A refused result: the English sentence for the log and older consoles, and the refusal itself for the console. */
export function refused(refusal: Refusal): { ok: false; reason: string; said: Refusal } {
  return { ok: false, reason: refusalSentence(refusal), said: refusal };
}

/** The refusal for an order that is no longer waiting in the queue, saying where it went. */
export function movedOnRefusal(order: { orderId: string; printStatus?: unknown; printerName?: unknown }): Refusal {
  const orderId = String(order.orderId);
  switch (order.printStatus) {
    case 'printing':
      return {
        key: 'alreadyPrinting',
        params: typeof order.printerName === 'string' && order.printerName ? { orderId, printer: order.printerName } : { orderId },
      };
    case 'printed':
      return { key: 'alreadyPrinted', params: { orderId } };
    case 'cancelled':
      return { key: 'wasCancelled', params: { orderId } };
    case 'failed':
      return { key: 'hasFailed', params: { orderId } };
    case 'needs_attention':
      return { key: 'needsPerson', params: { orderId } };
    default:
      return { key: 'notSteerable', params: { orderId, status: String(order.printStatus) } };
  }
}

/** An operator action the lifecycle does not allow from `status` ("cannot cancel an order that is cancelled"). */
export function notAllowedRefusal(action: OperatorAction, orderId: string, status: PrintStatus): Refusal {
  return { key: 'notAllowed', params: { orderId, action, status } };
}

/** The refusal's `said` as a console reads it: a refusal it knows, or undefined (then it shows `reason` as written). */
export const SaidRefusal = Refusal.optional().catch(undefined);
