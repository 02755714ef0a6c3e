/**
 * The print room's words for what the machines say: a printer's state, a printer's fault keyword (IPP
 * printer-state-reasons such as `media-jam`), an order's error code (`lease_expired`, a failure class) and an
 * operator command's outcome become a sentence with the action to take. The raw words stay with the technician (the
 * "Details" disclosure); the operator reads these. Pure: no I/O, no clock except the one passed in.
 */
import type { PrintErrorCode, PrinterState, PrintStatus } from './domain';
import { formatDuration, type DurationWords } from './duration';
import { idleQueueSaidIn, type IdleQueueWords } from './idleQueue';

/** What the operator reads: what is wrong (or going on) and, when a person is needed, what to do. */
export interface OperatorSentence {
  /** "Counter printer: paper jam." */
  headline: string;
  /** "Open the front cover, clear the paper, then press Printer recovered." */
  action?: string;
}

/** Which fault a printer's words name: the key of its problem and action in a PrinterWords table. */
export const FAULT_IDS = ['jam', 'paper', 'toner', 'cover', 'output_full', 'tray_missing', 'service', 'not_answering', 'unknown'] as const;
export type FaultId = (typeof FAULT_IDS)[number];

interface Fault {
  id: FaultId;
  match: RegExp;
  problem: string;
  action: string;
}

const RECOVER = 'then press Printer recovered.';

/** Printer fault keywords (IPP printer-state-reasons, CUPS and Windows spooler words) in the order they are checked. */
const NOT_ANSWERING: Fault = {
  id: 'not_answering',
  match: /offline|connecting-to-device|timed-out|unreachable|not answering|shutdown/i,
  problem: 'not answering',
  action: 'Check that it is switched on and its cable or network is connected; the station takes it back when it answers.',
};

const FAULTS: Fault[] = [
  {
    id: 'jam',
    match: /media-jam|paper[- ]jam|\bjam(med)?\b/i,
    problem: 'paper jam',
    action: `Open the front cover, clear the paper, ${RECOVER}`,
  },
  {
    id: 'paper',
    match: /media-(empty|needed)|out of paper|paper (out|empty)|no paper/i,
    problem: 'out of paper',
    action: `Load paper into the tray, ${RECOVER}`,
  },
  {
    id: 'toner',
    match: /(toner|marker-supply|ink)-empty|out of (toner|ink)/i,
    problem: 'out of toner or ink',
    action: `Replace the cartridge, ${RECOVER}`,
  },
  {
    id: 'cover',
    match: /(cover|door|interlock)-open|(cover|door) (is )?open/i,
    problem: 'a cover or door is open',
    action: `Close the printer's covers and doors, ${RECOVER}`,
  },
  {
    id: 'output_full',
    match: /output-area-full|output[- ]tray[- ]full/i,
    problem: 'the output tray is full',
    action: `Empty the output tray, ${RECOVER}`,
  },
  {
    id: 'tray_missing',
    match: /(input|output)-tray-missing/i,
    problem: 'a paper tray is missing',
    action: `Put the tray back in, ${RECOVER}`,
  },
  {
    id: 'service',
    match: /marker-waste|fuser|opc-|service|cups-missing-filter|cups-insecure-filter/i,
    problem: 'it needs service',
    action: 'Call the technician (the details below say what the printer reports); press Printer recovered once it is fixed.',
  },
  NOT_ANSWERING,
];

const UNKNOWN_FAULT: Fault = {
  id: 'unknown',
  match: /$^/,
  problem: 'stopped with a fault',
  action: `Look at the printer (paper, jam, covers, its display), fix what it shows, ${RECOVER}`,
};

/** The fault named in the printer's own words, or undefined when none of its words is known. */
export function faultOf(...texts: Array<string | null | undefined>): Fault | undefined {
  const text = texts.filter(Boolean).join(' ');
  return text ? FAULTS.find((f) => f.match.test(text)) : undefined;
}

/** What a printer card needs to say what the printer is doing (a subset of the StationApi's PrinterView). */
export interface PrinterFacts {
  name: string;
  state: PrinterState;
  stateSince?: Date | string;
  stateReason?: string;
  notClaimingReason?: string;
  healthMessage?: string;
  lastError?: { code: PrintErrorCode; message: string };
  currentJob?: { orderId: string };
  awaitingOrderId?: string;
  unknownOutcome?: { orderId: string };
}

/**
 * The words of a printer card's sentence, in one language: English below (the default); the console passes its
 * catalogue's (renderer/src/i18n/printerWords.ts) so the operator reads them in the language picked.
 */
export interface PrinterWords {
  faults: Record<FaultId, { problem: string; action: string }>;
  /** "Counter: paper jam." */
  headline(name: string, what: string): string;
  starting: string;
  readyNotClaiming(reason: string): string;
  ready: string;
  slowJob(orderId: string): string;
  slowJobAction: string;
  printingOrder(orderId: string): string;
  printing: string;
  waitingInTray(orderId: string | undefined): string;
  trayAction: string;
  paused: string;
  pausedBy(who: string): string;
  resumeAction: string;
  notAnswering(forDuration: string | undefined): string;
  unknownOutcome(orderId: string): string;
  unknownOutcomeAction(orderId: string): string;
  strayCopy: string;
  notAnsweringInError: string;
  interrupted(orderId: string, printerName: string): string;
  duration?: DurationWords;
  /** Why an idle printer takes none of the pending orders (shared/idleQueue), when the station said one of those. */
  idleQueue?: IdleQueueWords;
}

const faultWords = (list: Fault[]) => Object.fromEntries(list.map((f) => [f.id, { problem: f.problem, action: f.action }]));

export const ENGLISH_PRINTER_WORDS: PrinterWords = {
  faults: faultWords([...FAULTS, UNKNOWN_FAULT]) as PrinterWords['faults'],
  headline: (name, what) => `${name}: ${what}.`,
  starting: 'starting up',
  readyNotClaiming: (reason) => `ready, but not taking orders: ${reason}`,
  ready: 'ready for the next order',
  slowJob: (orderId) => `order ${orderId} is taking too long at the printer`,
  slowJobAction: 'Look at the printer; if the job is stuck, cancel or reprint the order from the queue.',
  printingOrder: (orderId) => `printing order ${orderId}`,
  printing: 'printing',
  waitingInTray: (orderId) => (orderId ? `order ${orderId} is waiting in the tray` : 'a print is waiting in the tray'),
  trayAction: 'Take it out, check it, then press Item retrieved.',
  paused: 'paused',
  pausedBy: (who) => `paused by ${who}`,
  resumeAction: 'Press Resume when it may take orders again.',
  notAnswering: (forDuration) => `not answering${forDuration ? ` for ${forDuration}` : ''}`,
  unknownOutcome: (id) => `did order ${id} print? The station stopped while printing it`,
  unknownOutcomeAction: (id) =>
    `Look in the tray: if order ${id} came out complete, press Yes, it printed; otherwise throw away any pages of it and press Reprint.`,
  strayCopy: 'a copy of an order this station gave up may still come out',
  notAnsweringInError: 'not answering, in error',
  interrupted: (orderId, printerName) =>
    `Order ${orderId} stopped part-way on ${printerName}: throw away its partial pages from this printer's tray. The order goes back to the queue and prints again in full on the next free printer; its card will show it.`,
};

/** The fault's problem and action in these words ("paper jam" / "Papierstau"), or undefined when none is known. */
export function faultWordsOf(words: PrinterWords, ...texts: Array<string | null | undefined>) {
  const fault = faultOf(...texts);
  return fault ? words.faults[fault.id] : undefined;
}

/** Station ids and "via the database" are the technician's: the operator reads "another station". */
function withoutIds(text: string): string {
  return text
    .replace(/station \S+ \(via the database\)/g, 'another station')
    .replace(/another station \(via the database\)/g, 'another station');
}

/** The sentence a printer card leads with, and the action its state asks of the operator (in `words`' language). */
export function printerSentence(p: PrinterFacts, now: number = Date.now(), words: PrinterWords = ENGLISH_PRINTER_WORDS): OperatorSentence {
  const say = (what: string, action?: string): OperatorSentence => ({
    headline: words.headline(p.name, what),
    ...(action ? { action } : {}),
  });
  switch (p.state) {
    case 'starting':
      return say(words.starting);
    case 'ready':
      if (p.notClaimingReason) {
        const idle = words.idleQueue && idleQueueSaidIn(p.notClaimingReason, words.idleQueue);
        return say(words.readyNotClaiming(idle || withoutIds(p.notClaimingReason)));
      }
      return say(words.ready);
    case 'printing': {
      const orderId = p.currentJob?.orderId;
      const stuck = p.stateReason && !/^printing order|^cancel of order/.test(p.stateReason);
      if (stuck && orderId) return say(words.slowJob(orderId), words.slowJobAction);
      return say(orderId ? words.printingOrder(orderId) : words.printing);
    }
    case 'awaiting_retrieval':
      return say(words.waitingInTray(p.awaitingOrderId), words.trayAction);
    case 'paused': {
      const by = p.stateReason?.startsWith('paused by')
        ? words.pausedBy(withoutIds(p.stateReason).slice('paused by '.length))
        : words.paused;
      return say(by, words.resumeAction);
    }
    case 'offline': {
      const since = p.stateSince ? formatDuration(now - new Date(p.stateSince).getTime(), words.duration) : undefined;
      return say(words.notAnswering(since), words.faults.not_answering.action);
    }
    case 'error': {
      if (p.unknownOutcome) {
        const id = p.unknownOutcome.orderId;
        return say(words.unknownOutcome(id), words.unknownOutcomeAction(id));
      }
      if (p.lastError?.code === 'outcome_unknown' && p.stateReason?.startsWith('A copy of order')) {
        return say(words.strayCopy, p.stateReason);
      }
      const fault = faultOf(p.stateReason, p.lastError?.message, p.healthMessage) ?? UNKNOWN_FAULT;
      const problem = fault.id === 'not_answering' ? words.notAnsweringInError : words.faults[fault.id].problem;
      return say(problem, words.faults[fault.id].action);
    }
  }
}

/** One of the printer's recent moves as the technician's details show it (PrinterView.recentTransitions). */
export interface TransitionFacts {
  from: string;
  to: string;
  reason?: string;
}

/**
 * The order a printer was printing when a fault stopped it part-way (its last move was printing → error or offline),
 * read from its recent moves: the move into printing says "printing order <id>" (printerStateMachine's `claimed`).
 * Undefined when the last move was not such an interruption.
 */
export function interruptedOrderId(transitions: readonly TransitionFacts[] | undefined): string | undefined {
  if (!transitions?.length) return undefined;
  const last = transitions[transitions.length - 1];
  if (!last || last.from !== 'printing' || (last.to !== 'error' && last.to !== 'offline')) return undefined;
  for (let i = transitions.length - 2; i >= 0; i--) {
    const t = transitions[i];
    if (t?.to !== 'printing') continue;
    return /^printing order (\S+)$/.exec(t.reason ?? '')?.[1];
  }
  return undefined;
}

/** After a job stopped part-way: where the customer's print comes out now, and what to do with the partial pages. */
export function interruptedJobSentence(orderId: string, printerName: string, words: PrinterWords = ENGLISH_PRINTER_WORDS): string {
  return words.interrupted(orderId, printerName);
}

/** What each order error code means and what to do, in one language; `printer` is " <name>" or "". */
export type OrderProblemWords = Record<PrintErrorCode, (printer: string) => OperatorSentence> & {
  /** capability_mismatch of an order whose pin could not be honoured (its printError ends with PIN_DROPPED). */
  pinDropped?: () => OperatorSentence;
};

/** How the unprintable sweep's sentence ends for an order pinned to a printer or station that is gone (db/deadPins). */
export const PIN_DROPPED = 'The pin is dropped: move it back to the queue and any printer that fits takes it';

/** What an order's error code means to the operator, and what to do about it. */
export const ENGLISH_ORDER_PROBLEMS: OrderProblemWords = {
  network: () => ({
    headline: 'The file could not be downloaded.',
    action: 'It is tried again on its own; if it keeps failing, check the shop’s file link.',
  }),
  printer_jam: (printer) => ({
    headline: `The printer${printer} jammed or faulted while printing it.`,
    action: `Throw away any partial pages of it${printer ? ` at${printer}` : ''}; it prints again in full.`,
  }),
  printer_offline: (printer) => ({
    headline: `The printer${printer} stopped answering while printing it.`,
    action: `Throw away any partial pages of it${printer ? ` at${printer}` : ''}; it prints again in full on another printer.`,
  }),
  invalid_data: () => ({
    headline: 'Its file cannot be printed (damaged, empty or not a printable document).',
    action: 'Ask the customer for a new file; cancel this order.',
  }),
  capability_mismatch: () => ({
    headline: 'No printer here can print it as ordered.',
    action: 'Load the paper it needs or change its options in the shop, then reprint it.',
  }),
  interrupted: () => ({
    headline: 'The station stopped before the job reached the printer; nothing printed.',
    action: 'Nothing to do: it goes back to the queue on its own.',
  }),
  exhausted: () => ({
    headline: 'It failed too many times to try again on its own.',
    action: 'Read the details, fix the cause, then reprint it.',
  }),
  outcome_unknown: (printer) => ({
    headline: `The station stopped while printing it: nobody knows whether it came out${printer ? ` of${printer}` : ''}.`,
    action: 'Look in the tray: mark it printed if it came out complete, otherwise throw away its pages and reprint it.',
  }),
  lease_expired: (printer) => ({
    headline: `The station printing it stopped answering: nobody knows whether it came out${printer ? ` of${printer}` : ''}.`,
    action: 'Look in the tray: mark it printed if it came out complete, otherwise throw away its pages and reprint it.',
  }),
  cancelled: () => ({ headline: 'It was cancelled.' }),
  pinDropped: () => ({
    headline: 'It was pinned to a printer or station that cannot take it, so the pin was removed.',
    action: 'Move it back to the queue: any printer that fits takes it.',
  }),
};

/** An order's problem in words (from its printErrorCode), or undefined when it has none. */
export function orderProblem(
  order: { printErrorCode?: PrintErrorCode | null; printerName?: string | null; printError?: string | null },
  words: OrderProblemWords = ENGLISH_ORDER_PROBLEMS,
): OperatorSentence | undefined {
  if (!order.printErrorCode) return undefined;
  if (order.printErrorCode === 'capability_mismatch' && words.pinDropped && order.printError?.endsWith(PIN_DROPPED))
    return words.pinDropped();
  return words[order.printErrorCode](order.printerName ? ` ${order.printerName}` : '');
}

/** An order command's outcome in one language (the toast after Cancel, Reprint, Mark printed, Reset). */
export interface OrderOutcomeWords {
  /** What an order's status means after a reset: "back in the queue", "waiting for a person". */
  status: Record<PrintStatus, string>;
  cancelled(orderId: string): string;
  cancelSent(orderId: string): string;
  reprint(orderId: string): string;
  /** Back in the queue with an operator's hold still on it: who holds it, and that it prints once released. */
  reprintStillHeld(orderId: string, heldBy: string): string;
  forcePrinted(orderId: string): string;
  reset(orderId: string, status: string): string;
}

export const ENGLISH_ORDER_OUTCOMES: OrderOutcomeWords = {
  status: {
    pending: 'back in the queue',
    printing: 'printing',
    printed: 'marked as printed',
    failed: 'failed',
    cancelled: 'cancelled',
    needs_attention: 'waiting for a person',
  },
  cancelled: (id) => `Order ${id} cancelled.`,
  cancelSent: (id) => `Order ${id}: cancel sent to the printer.`,
  reprint: (id) => `Order ${id} is back in the queue and prints again.`,
  reprintStillHeld: (id, by) => `Order ${id} is back in the queue, still held by ${by}: release it to print.`,
  forcePrinted: (id) => `Order ${id} marked as printed.`,
  reset: (id, status) => `Order ${id} reset: ${status}.`,
};

/** An order command's outcome as a toast names it: "Order 1042 cancelled", never "printing → printing". */
export function orderOutcome(
  action: 'reprint' | 'cancel' | 'resetStuck' | 'forcePrinted',
  orderId: string,
  result: { previousStatus?: PrintStatus | null; newStatus?: PrintStatus | null; held?: { by: string } | null },
  words: OrderOutcomeWords = ENGLISH_ORDER_OUTCOMES,
): string {
  switch (action) {
    case 'cancel':
      // A printing order's cancel is carried out by its printer: the status moves when the spooler has done it.
      return result.newStatus === 'cancelled' ? words.cancelled(orderId) : words.cancelSent(orderId);
    case 'reprint':
      return result.held ? words.reprintStillHeld(orderId, result.held.by) : words.reprint(orderId);
    case 'forcePrinted':
      return words.forcePrinted(orderId);
    case 'resetStuck':
      return words.reset(orderId, words.status[result.newStatus ?? 'pending']);
  }
}

const ORDER_ACTIONS = ['reprint', 'cancel', 'resetStuck', 'forcePrinted'] as const;

/**
 * The station's order toast (its English orderOutcome) said again in `words`: the outcome the message names is found
 * among the English ones for that order. Undefined for any other message (then the station's own text is shown).
 */
export function orderOutcomeSaidIn(words: OrderOutcomeWords, method: string, orderId: string, message: string): string | undefined {
  const action = ORDER_ACTIONS.find((a) => a === method);
  if (!action) return undefined;
  const heldBy = action === 'reprint' ? holderIn(orderId, message) : undefined;
  if (heldBy !== undefined) return words.reprintStillHeld(orderId, heldBy);
  const statuses = [undefined, ...(Object.keys(ENGLISH_ORDER_OUTCOMES.status) as PrintStatus[])];
  const newStatus = statuses.find((status) => orderOutcome(action, orderId, { newStatus: status }) === message);
  if (newStatus === undefined && orderOutcome(action, orderId, {}) !== message) return undefined;
  return orderOutcome(action, orderId, { newStatus }, words);
}

/** Who holds the order, if `message` is the English still-held reprint answer for it. */
function holderIn(orderId: string, message: string): string | undefined {
  const [before, after] = ENGLISH_ORDER_OUTCOMES.reprintStillHeld(orderId, '\u0000').split('\u0000') as [string, string];
  const fits = message.length > before.length + after.length && message.startsWith(before) && message.endsWith(after);
  return fits ? message.slice(before.length, message.length - after.length) : undefined;
}

/** A slow job's note in one language; `duration` is already in that language's words. */
export interface SlowJobWords {
  note(orderId: string, duration: string, spooler: string): string;
  duration?: DurationWords;
}

export const ENGLISH_SLOW_JOB: SlowJobWords = {
  note: (orderId, duration, spooler) => `order ${orderId} has been at the printer for ${duration} (spooler: ${spooler}); check the printer`,
};

/** A slow job's note: how long it has been at the printer, in the unit that fits ("12 s", not "over 0 min"). */
export function slowJobNote(orderId: string, atPrinterMs: number, spooler: string, words: SlowJobWords = ENGLISH_SLOW_JOB): string {
  return words.note(orderId, formatDuration(atPrinterMs, words.duration), spooler);
}

/** A printer command's outcome in one language; `name` is the printer's name or `thePrinter`. */
export interface PrinterCommandWords {
  thePrinter: string;
  sentBack(name: string): string;
  retrieved(name: string): string;
  recovered(name: string): string;
  answerRecorded(name: string): string;
  paused(name: string): string;
  resumed(name: string): string;
  testPage(name: string): string;
  allPaused: string;
  allResumed: string;
}

export const ENGLISH_PRINTER_COMMANDS: PrinterCommandWords = {
  thePrinter: 'The printer',
  sentBack: (name) => `${name}: the order goes back to the queue and prints again.`,
  retrieved: (name) => `${name}: item retrieved; it takes the next order.`,
  recovered: (name) => `${name} is back at work.`,
  answerRecorded: (name) => `${name}: answer recorded; it takes the next order.`,
  paused: (name) => `${name} paused.`,
  resumed: (name) => `${name} resumed.`,
  testPage: (name) => `Test page sent to ${name}.`,
  allPaused: 'All printers paused.',
  allResumed: 'All printers resumed.',
};

/** A printer command's outcome as a toast names it: "Back office paused.", not "Done.". */
export function printerCommandOutcome(
  method: string,
  request: { printerId?: string; outcome?: string },
  printerName?: string,
  words: PrinterCommandWords = ENGLISH_PRINTER_COMMANDS,
): string | undefined {
  const name = printerName ?? words.thePrinter;
  switch (method) {
    case 'confirmRetrieval':
      return request.outcome === 'bad' ? words.sentBack(name) : words.retrieved(name);
    case 'printerRecovered':
      return words.recovered(name);
    case 'resolveUnknownOutcome':
      return words.answerRecorded(name);
    case 'pausePrinter':
      return words.paused(name);
    case 'resumePrinter':
      return words.resumed(name);
    case 'testPrint':
      return words.testPage(name);
    case 'pauseAll':
      return words.allPaused;
    case 'resumeAll':
      return words.allResumed;
    default:
      return undefined;
  }
}

/** Where an interrupted order prints now, in one language; `discard` is the sentence about the partial pages. */
export interface WhereaboutsWords {
  unknownPrinter: string;
  anotherPrinter: string;
  discard(failedOn: string): string;
  movedTo(orderId: string, printer: string, discard: string): string;
  printsAgain(orderId: string, failedOn: string, discard: string): string;
  waits(orderId: string, failedOn: string, discard: string): string;
}

export const ENGLISH_WHEREABOUTS: WhereaboutsWords = {
  unknownPrinter: 'the printer it was on',
  anotherPrinter: 'another printer',
  discard: (failedOn) => `Throw away the partial pages of it at ${failedOn}.`,
  movedTo: (id, printer, discard) => `Order ${id} now prints on ${printer}: the customer's copy comes out there. ${discard}`,
  printsAgain: (id, failedOn, discard) => `Order ${id} prints again on ${failedOn}, in full. ${discard}`,
  waits: (id, failedOn, discard) =>
    `Order ${id} stopped part-way on ${failedOn} and waits for the next free printer that fits it. ${discard}`,
};

/**
 * Where the customer's print comes out now, after a fault stopped it part-way on another printer, and what to do with
 * the pages that came out there. From the order's history (newest first, as print_logs reads it): the last give-back
 * after a failure on a printer, unless the order printed since. Undefined when there is nothing to say.
 */
export function orderWhereabouts(
  order: { orderId: string; printStatus: PrintStatus; printerId?: string | null; printerName?: string | null },
  historyNewestFirst: ReadonlyArray<{ action: string; printerId?: string | null }>,
  nameOf: (printerId: string) => string | undefined,
  words: WhereaboutsWords = ENGLISH_WHEREABOUTS,
): string | undefined {
  if (order.printStatus !== 'pending' && order.printStatus !== 'printing') return undefined;
  for (const entry of historyNewestFirst) {
    if (entry.action === 'printed') return undefined;
    if (entry.action !== 'retry_scheduled' || !entry.printerId) continue;
    const failedOn = nameOf(entry.printerId) ?? words.unknownPrinter;
    const discard = words.discard(failedOn);
    if (order.printStatus === 'printing' && order.printerId && order.printerId !== entry.printerId) {
      return words.movedTo(order.orderId, order.printerName ?? words.anotherPrinter, discard);
    }
    if (order.printStatus === 'printing') return words.printsAgain(order.orderId, failedOn, discard);
    return words.waits(order.orderId, failedOn, discard);
  }
  return undefined;
}
