/**
 * The printer state machine of DESIGN §5 (seed 003), one per printer, written as data: a table of
 * state × event → next state, or a refusal with a sentence. `transition` is pure; the engine keeps the current
 * state, feeds it events, mirrors the result to `printers.state` and logs who or what caused each move.
 *
 * Read the TABLE below as the specification. Decisions the diagram leaves open:
 * - `awaiting_retrieval`, `error` and `paused` are left only by a person, so a fault or an unreachable printer
 *   does not move them (the health check's finding shows as the printer's health instead). Otherwise
 *   offline → came_online → ready would skip the retrieval gate or an operator's pause.
 * - `printing` → `offline` when the printer stops answering mid-job: the engine releases the order (DESIGN §6).
 * - `cancel` is the only command `printing` accepts; the state stays `printing` until the spooler job ends and
 *   the engine sends `job_released`.
 * - Repeating an event (went_offline while offline, pause while paused) is refused, so every refusal is also a
 *   "nothing changed" the engine may ignore.
 */
import type { Refusal } from './commandRefusals';
import type { PrinterState, PrintStatus } from './domain';
import { printerWhySentence, type PrinterRefusalWhy, type PrinterWhy } from './printerRefusals';

export const PRINTER_EVENT_TYPES = [
  'started',
  'journal_unknown_outcome',
  'claimed',
  'job_done',
  'job_failed_retry',
  'job_released',
  'fault',
  'went_offline',
  'came_online',
  'pause',
  'resume',
  'retrieved',
  'recovered',
  'resolve_unknown',
  'cancel',
] as const;
export type PrinterEventType = (typeof PRINTER_EVENT_TYPES)[number];

/** Who or what caused an event. Every transition result carries it, so the log can say who moved the printer. */
export type EventCause =
  | { kind: 'operator'; name: string; stationId?: string }
  | { kind: 'station' } // this station's engine: claim loop, journal, reconciliation
  | { kind: 'spooler' } // the spooler reported the job's end
  | { kind: 'health_check' }
  | { kind: 'database'; stationId?: string }; // seen on the order, e.g. retrievedAt set at another station
export type CauseKind = EventCause['kind'];

interface AttemptRef {
  orderId: string;
  printJobId: string;
}

export type PrinterEvent = { cause: EventCause } & (
  | { type: 'started' }
  | ({ type: 'journal_unknown_outcome' } & AttemptRef)
  | ({ type: 'claimed' } & AttemptRef)
  | ({ type: 'job_done' } & AttemptRef)
  | ({ type: 'job_failed_retry'; reason: string } & AttemptRef)
  | ({ type: 'job_released'; reason: string } & AttemptRef)
  | { type: 'fault'; reason: string }
  | { type: 'went_offline'; reason?: string }
  | { type: 'came_online' }
  | { type: 'pause'; reason?: string }
  | { type: 'resume' }
  | { type: 'retrieved'; orderId: string }
  | { type: 'recovered' }
  /** `settledAs`: the order's status when the answer was seen on it (given at another station, via the database). */
  | { type: 'resolve_unknown'; printed: boolean; settledAs?: PrintStatus }
  | { type: 'cancel'; reason?: string }
);
export type EventOf<T extends PrinterEventType> = Extract<PrinterEvent, { type: T }>;

/** What the guards need to know besides the state. */
export interface PrinterContext {
  autoPrint: boolean;
  /** The last health check found the printer reachable and not faulted. */
  printerOnline: boolean;
  requiresRetrieval: boolean;
  /** printing: the attempt on the printer. */
  currentJob?: AttemptRef;
  /** awaiting_retrieval: the order whose item is in the tray. */
  awaitingOrderId?: string;
  /** error after a crash: the attempt nobody knows the outcome of. */
  unknownOutcome?: AttemptRef;
}

export type TransitionResult =
  | {
      ok: true;
      from: PrinterState;
      next: PrinterState;
      /** false only for `cancel` while printing: accepted, the state stays until the job ends. */
      changed: boolean;
      event: PrinterEventType;
      cause: EventCause;
      /** Why the printer is in `next`, for PrinterView.stateReason and the log ("paused by Anna", "media-jam"). */
      reason: string;
    }
  | {
      ok: false;
      from: PrinterState;
      event: PrinterEventType;
      cause: EventCause;
      reason: string;
      /** The refusal as data when an operator's command may meet it (shared/printerRefusals), for the console's words. */
      said?: Refusal;
    };

interface Move<T extends PrinterEventType> {
  to: PrinterState | ((event: EventOf<T>, ctx: PrinterContext) => PrinterState);
  /** Who may send the event; a person's decision must not be faked by a health check. */
  by: readonly CauseKind[];
  /** A refusal (a sentence, or a reason an operator may meet) when the move is not allowed now. */
  guard?: (event: EventOf<T>, ctx: PrinterContext) => Why | undefined;
  says: (event: EventOf<T>, ctx: PrinterContext) => string;
}
/** Why a move is refused: a sentence only the station meets, or one of an operator's printer refusals. */
type Why = string | PrinterWhy;
const because = (why: PrinterRefusalWhy): PrinterWhy => ({ why });
type Cell<T extends PrinterEventType> = Move<T> | { refuse: Why };
type Row = { [T in PrinterEventType]?: Cell<T> };

const MACHINE: readonly CauseKind[] = ['station', 'spooler', 'health_check'];
const PERSON: readonly CauseKind[] = ['operator'];
const PERSON_ANYWHERE: readonly CauseKind[] = ['operator', 'database'];

export function describeCause(cause: EventCause): string {
  switch (cause.kind) {
    case 'operator':
      return cause.name;
    case 'station':
      return 'this station';
    case 'spooler':
      return 'the spooler';
    case 'health_check':
      return 'the health check';
    case 'database':
      return cause.stationId ? `station ${cause.stationId} (via the database)` : 'another station (via the database)';
  }
}

const fault: Move<'fault'> = { to: 'error', by: MACHINE, says: (e) => e.reason };
const wentOffline: Move<'went_offline'> = {
  to: 'offline',
  by: MACHINE,
  says: (e) => (e.reason ? `unreachable: ${e.reason}` : 'unreachable'),
};
const sameJob = (e: AttemptRef, ctx: PrinterContext) =>
  ctx.currentJob && ctx.currentJob.printJobId !== e.printJobId
    ? `job ${e.printJobId} is not the one printing (${ctx.currentJob.printJobId}, order ${ctx.currentJob.orderId})`
    : undefined;
const NO_COMMAND_WHILE_PRINTING = { refuse: because('printingBusy') };
const PERSON_DECIDES = (what: string) => ({ refuse: `${what}; only an operator ends it, its health shows the rest` });

const TABLE: Record<PrinterState, Row> = {
  starting: {
    started: { to: 'ready', by: ['station'], says: () => 'started' },
    journal_unknown_outcome: {
      to: 'error',
      by: ['station'],
      says: (e) => `did order ${e.orderId} print? The station stopped while printing it (job ${e.printJobId})`,
    },
    fault,
    went_offline: wentOffline,
    // The item of a job done before the restart is still in the tray (DESIGN §5): the retrieval gate outlives it.
    job_done: {
      to: (_e, ctx) => (ctx.requiresRetrieval ? 'awaiting_retrieval' : 'ready'),
      by: ['station', 'spooler'],
      says: (e, ctx) =>
        ctx.requiresRetrieval ? `awaiting retrieval of order ${e.orderId} (printed before the restart)` : `printed order ${e.orderId}`,
    },
  },
  ready: {
    claimed: {
      to: 'printing',
      by: ['station'],
      guard: (_e, ctx) =>
        !ctx.autoPrint ? 'auto-print is off' : !ctx.printerOnline ? 'the printer did not pass its health check' : undefined,
      says: (e) => `printing order ${e.orderId}`,
    },
    fault,
    went_offline: wentOffline,
    pause: {
      to: 'paused',
      by: PERSON,
      says: (e) => `paused by ${describeCause(e.cause)}${e.reason ? `: ${e.reason}` : ''}`,
    },
  },
  printing: {
    job_done: {
      to: (_e, ctx) => (ctx.requiresRetrieval ? 'awaiting_retrieval' : 'ready'),
      by: MACHINE,
      guard: sameJob,
      says: (e, ctx) => (ctx.requiresRetrieval ? `awaiting retrieval of order ${e.orderId}` : `printed order ${e.orderId}`),
    },
    job_failed_retry: {
      to: 'ready',
      by: MACHINE,
      guard: sameJob,
      says: (e) => `order ${e.orderId} failed and goes back for a retry: ${e.reason}`,
    },
    job_released: { to: 'ready', by: MACHINE, guard: sameJob, says: (e) => `released order ${e.orderId}: ${e.reason}` },
    fault,
    went_offline: wentOffline,
    cancel: {
      to: 'printing',
      by: PERSON_ANYWHERE,
      guard: (_e, ctx) => (ctx.currentJob ? undefined : 'no job is on the printer yet'),
      says: (e, ctx) => `cancel of order ${ctx.currentJob?.orderId} requested by ${describeCause(e.cause)}`,
    },
    claimed: { refuse: 'the printer is already printing' },
    pause: NO_COMMAND_WHILE_PRINTING,
    resume: NO_COMMAND_WHILE_PRINTING,
    retrieved: NO_COMMAND_WHILE_PRINTING,
    recovered: NO_COMMAND_WHILE_PRINTING,
    resolve_unknown: NO_COMMAND_WHILE_PRINTING,
  },
  awaiting_retrieval: {
    retrieved: {
      to: 'ready',
      by: PERSON_ANYWHERE,
      guard: (e, ctx) =>
        ctx.awaitingOrderId && ctx.awaitingOrderId !== e.orderId
          ? `order ${e.orderId} is not the one in the tray (order ${ctx.awaitingOrderId})`
          : undefined,
      says: (e) => `order ${e.orderId} retrieved by ${describeCause(e.cause)}`,
    },
    fault: PERSON_DECIDES('an item is waiting for retrieval'),
    went_offline: PERSON_DECIDES('an item is waiting for retrieval'),
    pause: { refuse: because('itemWaiting') },
  },
  paused: {
    resume: { to: 'ready', by: PERSON, says: (e) => `resumed by ${describeCause(e.cause)}` },
    pause: { refuse: because('alreadyPaused') },
    fault: PERSON_DECIDES('the printer is paused'),
    went_offline: PERSON_DECIDES('the printer is paused'),
  },
  error: {
    recovered: {
      to: 'ready',
      by: PERSON,
      guard: (_e, ctx) => (ctx.unknownOutcome ? { why: 'answerFirst', orderId: ctx.unknownOutcome.orderId } : undefined),
      says: (e) => `recovered by ${describeCause(e.cause)}`,
    },
    // Answered here, or by a person at another station: the order leaving needs_attention is that answer.
    resolve_unknown: {
      to: 'ready',
      by: PERSON_ANYWHERE,
      guard: (_e, ctx) => (ctx.unknownOutcome ? undefined : because('noOutcomeInQuestion')),
      says: (e, ctx) =>
        e.printed
          ? `${describeCause(e.cause)} confirmed order ${ctx.unknownOutcome?.orderId} printed`
          : e.settledAs && e.settledAs !== 'pending' && e.settledAs !== 'printing'
            ? `${describeCause(e.cause)} settled order ${ctx.unknownOutcome?.orderId} as ${e.settledAs}`
            : `${describeCause(e.cause)} sent order ${ctx.unknownOutcome?.orderId} back for a reprint`,
    },
    fault: { refuse: 'the printer is already in error' },
    went_offline: PERSON_DECIDES('the printer is in error'),
    pause: { refuse: because('inErrorRecoverFirst') },
  },
  offline: {
    came_online: { to: 'ready', by: MACHINE, says: () => 'answering again' },
    went_offline: { refuse: 'the printer is already offline' },
    fault: { refuse: 'the printer is offline; faults count again once it answers' },
    pause: { refuse: because('offlinePauseLater') },
  },
};

/** Why an event makes no sense outside the states that take it (used where a row has no cell). */
const OUT_OF_PLACE: Record<PrinterEventType, Why> = {
  started: 'the printer has already started',
  journal_unknown_outcome: 'the journal is only read while the printer is starting',
  claimed: 'only a ready printer claims',
  job_done: 'no job is printing',
  job_failed_retry: 'no job is printing',
  job_released: 'no job is printing',
  fault: 'the printer is not in a state a fault can interrupt',
  went_offline: 'the printer is not in a state going offline can interrupt',
  came_online: 'the printer is not offline',
  pause: because('onlyReadyPauses'),
  resume: because('notPaused'),
  retrieved: because('noItemWaiting'),
  recovered: because('notInError'),
  resolve_unknown: because('noOutcomeInQuestion'),
  cancel: because('nothingPrinting'),
};

/** The one transition function: the table lookup, the cause check, then the guard. */
export function transition(state: PrinterState, event: PrinterEvent, ctx: PrinterContext): TransitionResult {
  const base = { from: state, event: event.type, cause: event.cause };
  const cell = TABLE[state][event.type] as Cell<PrinterEventType> | undefined;
  const refuse = (why: Why): TransitionResult => {
    if (typeof why === 'string') return { ok: false, ...base, reason: `${event.type} refused: ${why}` };
    const said: Refusal = { key: 'printerRefused', params: { command: event.type, ...why } };
    return { ok: false, ...base, reason: `${event.type} refused: ${printerWhySentence(why)}`, said };
  };
  if (!cell) return refuse(OUT_OF_PLACE[event.type]);
  if ('refuse' in cell) return refuse(cell.refuse);
  const move = cell as Move<PrinterEventType>;
  if (!move.by.includes(event.cause.kind)) {
    return refuse(`it may come only from ${move.by.join(' or ').replace(/_/g, ' ')}, not ${describeCause(event.cause)}`);
  }
  const e = event as EventOf<PrinterEventType>;
  const blocked = move.guard?.(e as never, ctx);
  if (blocked) return refuse(blocked);
  const next = typeof move.to === 'function' ? move.to(e as never, ctx) : move.to;
  return { ok: true, ...base, next, changed: next !== state, reason: move.says(e as never, ctx) };
}

/** Whether `state` has a move (possibly guarded) for `event`; the UI uses it to enable buttons. */
export function accepts(state: PrinterState, event: PrinterEventType): boolean {
  const cell = TABLE[state][event];
  return cell !== undefined && !('refuse' in cell);
}

/** What `notClaimingReason` needs about a printer. */
export interface NotClaimingView {
  state: PrinterState;
  autoPrint: boolean;
  /** When the printer entered its state. */
  since: Date;
  /** The cause of the move into the current state (who paused it). */
  cause?: EventCause;
  /** The reason of the move into the current state (the fault's reason, e.g. "media-jam"). */
  reason?: string;
  currentOrderId?: string;
  awaitingOrderId?: string;
  unknownOutcome?: AttemptRef;
}

const clock = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * The operator's sentence for why this printer claims nothing right now, or undefined when it claims.
 * "No pending order fits its paper/colour/duplex" is the engine's to say: it needs the queue.
 */
export function notClaimingReason(view: NotClaimingView): string | undefined {
  switch (view.state) {
    case 'starting':
      return 'starting up';
    case 'printing':
      return view.currentOrderId ? `printing order ${view.currentOrderId}` : 'printing';
    case 'awaiting_retrieval':
      return view.awaitingOrderId ? `awaiting retrieval of order ${view.awaitingOrderId}` : 'awaiting retrieval';
    case 'paused':
      return view.cause?.kind === 'operator' || view.cause?.kind === 'database' ? `paused by ${describeCause(view.cause)}` : 'paused';
    case 'offline':
      return `offline since ${clock(view.since)}`;
    case 'error':
      if (view.unknownOutcome) return `error: did order ${view.unknownOutcome.orderId} print?`;
      return `error: ${view.reason ?? 'unknown fault'}`;
    case 'ready':
      return view.autoPrint ? undefined : 'auto-print is off';
  }
}
