/**
 * What one printer is and why (DESIGN §5): its state, moved only by the table in shared/printerStateMachine.ts, the
 * cause and reason of each move, its health, the job on it, the item in its tray, the question "did order X print?",
 * and the view the UI gets of all that, with the reason it is not claiming. Every move is logged and mirrored to
 * `printers.state`. Its fields are private: only its own methods write them (apply() for the state, the other apply…
 * methods for the rest), so every change has one way in. The claim loop (printerLoop.ts) holds one as a member and
 * tells it what happened; this file does no printing.
 */
import type { OrderDoc, PrinterCapabilities, PrinterHealth, PrinterState, PrintStatus, DriverKind } from '../../../shared/domain';
import {
  transition,
  notClaimingReason,
  describeCause,
  type EventCause,
  type PrinterEvent,
  type PrinterEventType,
  type TransitionResult,
} from '../../../shared/printerStateMachine';
import type { CurrentJobView, PrinterView } from '../../../shared/stationApi';
import type { PrinterStatusReport } from '../../printing/driver';
import type { PrinterRepository } from '../../db/printerRepository';
import type { Attempt } from './attempt';
import type { PrinterHold, PrinterHolds } from './printerHolds';
import type { Settlement } from './settlement';
import { Wakeup } from './wakeup';
import type { StationContext } from '../stationContext';

export interface PrinterIdentity {
  printerId: string;
  name: string;
  systemName: string;
  driverKind: DriverKind;
  capabilities: PrinterCapabilities;
  requiresRetrieval: boolean;
  autoPrint: boolean;
}

export interface PrinterStatusDeps extends Pick<StationContext, 'link' | 'logger' | 'intervals' | 'emit' | 'changed'> {
  printer: PrinterIdentity;
  printers: PrinterRepository;
  /** Station-wide reasons not to claim (database offline, shutting down), or undefined. */
  stationHold(): string | undefined;
  stats: { offline(printerId: string, since: Date | undefined): void };
  /** Where a pause and auto-print outlive a restart (absent: they do not). */
  holds?: PrinterHolds;
}

/** One move of a printer as it happened: from where to where, on which event, what caused it, and why. */
export interface PrinterTransition {
  at: Date;
  from: PrinterState;
  to: PrinterState;
  event: PrinterEventType;
  cause: EventCause;
  reason: string;
}

/** How many of its last moves a printer keeps (for a person asking "how did it get here?"). */
export const TRANSITION_HISTORY = 20;

export class PrinterStatus {
  /** Written only by apply(), the state machine's one way in. */
  private current: PrinterState = 'starting';
  private readonly history: PrinterTransition[] = [];

  get state(): PrinterState {
    return this.current;
  }

  /** The printer's last moves (at most TRANSITION_HISTORY), oldest first. */
  transitions(): PrinterTransition[] {
    return [...this.history];
  }
  private since = new Date();
  private cause: EventCause | undefined;
  private reason: string | undefined;
  private autoPrintOn: boolean;
  private online = true;
  private health: PrinterHealth = 'online';
  private healthMessage: string | undefined;
  private queueLength = 0;
  private currentJob: CurrentJobView | undefined;
  private awaitingOrderId: string | undefined;
  private awaitingPrintJobId: string | undefined;
  private unknown: Attempt | undefined;
  private lastError: PrinterView['lastError'];
  private noFit: string | undefined;
  /** The job on the printer is stuck at the spooler and its order needs a person (printJob.ts onStalled). */
  private jobNote: string | undefined;
  /** Cut short by every move and every hint of work, so the claim loop reacts at once. */
  readonly wakeup = new Wakeup();
  /** A pause from before the restart, applied the first time the printer is ready (before it can claim). */
  private keptPause: PrinterHold['paused'];
  /** The item in the tray before the restart: the printer starts in awaiting_retrieval again. */
  private keptAwaiting: PrinterHold['awaiting'];
  /** A spool job it could not withdraw before the restart (printerLoop.settleKeptStray). */
  private keptStray: PrinterHold['stray'];
  /** Whether a stray job is on file for this printer: a person's "recovered" (leaving error) clears it. */
  private strayOnFile = false;

  constructor(private readonly deps: PrinterStatusDeps) {
    const hold = deps.holds?.of(deps.printer.printerId) ?? {};
    this.autoPrintOn = hold.autoPrint ?? deps.printer.autoPrint;
    this.keptPause = hold.paused;
    this.keptAwaiting = hold.awaiting;
    this.keptStray = hold.stray;
    this.strayOnFile = Boolean(hold.stray);
  }

  get id(): string {
    return this.deps.printer.printerId;
  }

  get identity(): PrinterIdentity {
    return this.deps.printer;
  }

  wake(): void {
    this.wakeup.wake();
  }

  // ── state ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Feeds one event to the state machine; applies and announces the move, or returns the refusal. */
  apply(event: PrinterEvent): TransitionResult {
    const result = transition(this.state, event, {
      autoPrint: this.autoPrintOn,
      printerOnline: this.online,
      requiresRetrieval: this.deps.printer.requiresRetrieval,
      currentJob: this.currentJob && { orderId: this.currentJob.orderId, printJobId: this.currentJob.printJobId },
      awaitingOrderId: this.awaitingOrderId,
      unknownOutcome: this.unknown && { orderId: this.unknown.orderId, printJobId: this.unknown.printJobId },
    });
    if (!result.ok || !result.changed) return result;
    const { printer, logger, printers, emit } = this.deps;
    const from = this.state;
    if (from === 'offline') this.deps.stats.offline(printer.printerId, undefined);
    this.current = result.next;
    this.since = new Date();
    this.cause = event.cause;
    this.reason = result.reason;
    this.history.push({ at: this.since, from, to: result.next, event: event.type, cause: event.cause, reason: result.reason });
    if (this.history.length > TRANSITION_HISTORY) this.history.shift();
    if (result.next !== 'awaiting_retrieval') this.awaitingOrderId = undefined;
    if (result.next !== 'error') this.unknown = undefined;
    if (result.next === 'offline') this.deps.stats.offline(printer.printerId, this.since);
    logger.info(`${printer.name}: ${from} -> ${result.next} (${result.reason})`, { printerId: printer.printerId });
    if (result.next === 'error') {
      emit({ kind: 'printer_error', printerId: printer.printerId, printerName: printer.name, message: result.reason, at: this.since });
    }
    // Mirrored for the shop's admin page and the other stations; a failed mirror is repaired by the next health check.
    void this.deps.link
      .run(
        'printer state',
        () => printers.updateHealth(printer.printerId, { state: this.state, status: this.coarseStatus() }),
        this.deps.intervals.leaseRenewMs,
      )
      .catch(() => {});
    if (result.next === 'paused' && event.type === 'pause') {
      const by = event.cause.kind === 'operator' ? event.cause.name : describeCause(event.cause);
      const stationId = event.cause.kind === 'operator' ? event.cause.stationId : undefined;
      this.keep({ paused: { by, stationId, reason: event.reason, at: this.since } });
    } else if (from === 'paused') {
      this.keep({ paused: undefined });
    }
    if (from === 'awaiting_retrieval') this.keep({ awaiting: undefined });
    if (from === 'error' && this.strayOnFile) this.applyStray(undefined);
    this.wakeup.wake();
    this.deps.changed();
    if (result.next === 'ready' && this.keptPause) {
      const { by, stationId, reason } = this.keptPause;
      this.keptPause = undefined;
      this.apply({ type: 'pause', reason: reason ?? 'kept across a restart', cause: { kind: 'operator', name: by, stationId } });
    }
    return result;
  }

  /**
   * "Pause after this job" (issue 11): the pause lands in the same move that makes the printer ready again, as a
   * pause kept across a restart does, so the claim loop never sees it ready in between.
   */
  pauseWhenReady(pause: { by: string; stationId?: string; reason: string }): void {
    this.keptPause = { ...pause, at: new Date() };
    this.deps.changed();
  }

  /** Files (or, with undefined, forgets) the spool job this printer could not withdraw. */
  applyStray(stray: PrinterHold['stray']): void {
    this.strayOnFile = Boolean(stray);
    this.keep({ stray });
  }

  private keep(change: Partial<PrinterHold>): void {
    try {
      this.deps.holds?.set(this.id, change);
    } catch (error) {
      this.deps.logger.warn(
        `${this.deps.printer.name}: could not keep its pause/auto-print for the next start (${(error as Error).message})`,
        { printerId: this.id },
      );
    }
  }

  private coarseStatus(): PrinterHealth {
    if (this.state === 'offline') return 'offline';
    if (this.state === 'error') return 'error';
    if (this.state === 'printing') return 'busy';
    return this.health === 'busy' ? 'online' : this.health;
  }

  view(): PrinterView {
    const p = this.deps.printer;
    const hold = this.state === 'ready' ? this.deps.stationHold() : undefined;
    const own = notClaimingReason({
      state: this.state,
      autoPrint: this.autoPrintOn,
      since: this.since,
      cause: this.cause,
      reason: this.reason,
      currentOrderId: this.currentJob?.orderId,
      awaitingOrderId: this.awaitingOrderId,
      unknownOutcome: this.unknown && { orderId: this.unknown.orderId, printJobId: this.unknown.printJobId },
    });
    const unhealthy = this.state === 'ready' && !this.online ? `the printer reports: ${this.healthMessage ?? this.health}` : undefined;
    // A stuck job is not "printing order X": the card says where it is stuck and that its order needs a person.
    const stuck = this.state === 'printing' ? this.jobNote : undefined;
    return {
      printerId: p.printerId,
      name: p.name,
      systemName: p.systemName,
      driverKind: p.driverKind,
      state: this.state,
      stateSince: this.since,
      stateReason: stuck ?? this.reason,
      notClaimingReason: stuck ?? own ?? hold ?? unhealthy ?? (this.state === 'ready' ? this.noFit : undefined),
      health: this.health,
      healthMessage: this.healthMessage,
      queueLength: this.queueLength,
      currentJob: this.currentJob,
      awaitingOrderId: this.awaitingOrderId,
      unknownOutcome: this.unknown && { orderId: this.unknown.orderId, printJobId: this.unknown.printJobId },
      lastError: this.lastError,
      capabilities: p.capabilities,
      requiresRetrieval: p.requiresRetrieval,
      autoPrint: this.autoPrintOn,
      recentTransitions: this.history.map((m) => ({ at: m.at, from: m.from, to: m.to, cause: describeCause(m.cause), reason: m.reason })),
      ...(this.keptPause && this.state !== 'paused'
        ? { pausesAfterJob: `pauses ${this.keptPause.reason ?? 'after this job'} (asked by ${this.keptPause.by})` }
        : {}),
    };
  }

  /** The health check's finding (health.ts). Moves only states a machine may move. */
  applyHealth(report: PrinterStatusReport): void {
    this.health = report.status;
    this.healthMessage = report.message;
    this.queueLength = report.queueLength;
    this.online = report.status === 'online' || report.status === 'busy';
    const cause: EventCause = { kind: 'health_check' };
    if (report.status === 'offline' && (this.state === 'ready' || this.state === 'starting')) {
      this.apply({ type: 'went_offline', reason: report.message, cause });
    } else if (report.status === 'error' && (this.state === 'ready' || this.state === 'starting')) {
      this.apply({ type: 'fault', reason: report.message ?? report.reasons.join(', '), cause });
    } else if (this.online && this.state === 'offline') {
      this.apply({ type: 'came_online', cause });
    }
    this.deps.changed();
  }

  /**
   * An item waits in the tray (just printed, found printed by reconciliation, or kept from before a restart):
   * remembered on disk, so only a person (or retrievedAt on the order) lets the printer claim again.
   */
  awaitRetrieval(orderId: string, printJobId: string): void {
    this.awaitingOrderId = orderId;
    this.awaitingPrintJobId = printJobId;
    this.keep({ awaiting: { orderId, printJobId } });
    this.deps.changed();
  }

  /** At start: an item that was in the tray before the restart (or reconciliation found printed) still is. */
  startAwaitingRetrieval(orderId: string, printJobId: string): boolean {
    if (this.state !== 'starting' || !this.deps.printer.requiresRetrieval) return false;
    const moved = this.apply({ type: 'job_done', orderId, printJobId, cause: { kind: 'station' } });
    if (moved.ok && (this.state as PrinterState) === 'awaiting_retrieval') this.awaitRetrieval(orderId, printJobId);
    return moved.ok;
  }

  /** Applies the tray kept from before the restart, if any (before the first claim). */
  restoreKeptRetrieval(): void {
    const kept = this.keptAwaiting;
    this.keptAwaiting = undefined;
    // Not applicable (a question from the journal put the printer in error first): a stale tray must not come back.
    if (kept && !this.startAwaitingRetrieval(kept.orderId, kept.printJobId)) this.keep({ awaiting: undefined });
  }

  /** The journal says an attempt may have printed and nobody can tell: error, with the question. */
  startWithUnknownOutcome(attempt: Attempt): void {
    this.unknown = attempt;
    this.apply({ type: 'journal_unknown_outcome', orderId: attempt.orderId, printJobId: attempt.printJobId, cause: { kind: 'station' } });
    this.deps.emit({
      kind: 'needs_attention',
      orderId: attempt.orderId,
      printerId: this.id,
      printerName: this.deps.printer.name,
      message: `Did order ${attempt.orderId} print on ${this.deps.printer.name}? The station stopped while printing it.`,
      at: new Date(),
    });
  }

  applyNoFit(noFit: string | undefined): void {
    if (noFit === this.noFit) return;
    this.noFit = noFit;
    this.deps.changed();
  }

  /** The safety poll found nothing claimable anywhere: "no pending order fits" no longer holds. */
  nothingClaimable(): void {
    this.applyNoFit(undefined);
  }

  setAutoPrint(on: boolean): void {
    this.autoPrintOn = on;
    this.keep({ autoPrint: on });
    this.wakeup.wake();
    this.deps.changed();
  }

  /** A report the printer gave when asked directly (an operator's "recovered"): kept, the state is not moved here. */
  applyReport(report: Pick<PrinterStatusReport, 'status' | 'message'>): void {
    this.health = report.status;
    this.healthMessage = report.message;
    this.online = report.status === 'online' || report.status === 'busy';
  }

  /** The job on the printer as the claim, a resumed job or the attempt's progress describe it (undefined: none). */
  applyJob(job: CurrentJobView | undefined): void {
    this.currentJob = job;
  }

  /** The attempt moved on (downloading, submitted, …): the UI hears of it. */
  applyProgress(job: CurrentJobView): void {
    this.currentJob = job;
    this.deps.changed();
  }

  /** A sentence while the job sits at the spooler too long; undefined once it moves again. */
  applyJobNote(note: string | undefined): void {
    if (note === this.jobNote) return;
    this.jobNote = note;
    this.deps.changed();
  }

  /**
   * How an attempt ended, as settlement.ts says (the loop writes the outcome first): the error to show, the question
   * "did it print?", the printer's move, and whether the printer must prove itself healthy before claiming again.
   */
  applyEnd(attempt: Attempt, end: Pick<Settlement, 'lastError' | 'unknown' | 'event' | 'printerUnhealthy'>): void {
    this.jobNote = undefined;
    if (end.lastError) this.lastError = { ...end.lastError, at: new Date() };
    if (end.unknown) this.unknown = attempt;
    // The move is judged with the job still on the printer (the table checks it is the same job).
    if (end.event) this.apply(end.event as PrinterEvent);
    if (end.printerUnhealthy) this.online = false;
    this.currentJob = undefined;
  }

  /** A resumed job was claimed after the tray was last emptied: the tray kept on disk is older, and empty. */
  forgetKeptRetrieval(): void {
    this.keptAwaiting = undefined;
  }

  /** The stray spool job kept from before the restart, handed over once (printerLoop.settleKeptStray). */
  takeKeptStray(): PrinterHold['stray'] {
    const stray = this.keptStray;
    this.keptStray = undefined;
    return stray;
  }

  get autoPrint(): boolean {
    return this.autoPrintOn;
  }

  /** Whether the printer's own last word was online or busy. */
  get printerOnline(): boolean {
    return this.online;
  }

  /** The order whose job is on the printer, if any. */
  get currentOrderId(): string | undefined {
    return this.currentJob?.orderId;
  }

  get awaiting(): string | undefined {
    return this.awaitingOrderId;
  }

  /** The print (attempt) whose item waits in the tray: an answer about it must not release a later print's item. */
  get awaitingPrint(): { orderId: string; printJobId: string | undefined } | undefined {
    return this.awaitingOrderId ? { orderId: this.awaitingOrderId, printJobId: this.awaitingPrintJobId } : undefined;
  }

  get unknownAttempt(): Attempt | undefined {
    return this.unknown;
  }
}

/**
 * Whether the order shows a person's answer to "did this attempt print?", and which; undefined while the question
 * is open (still needs_attention under this attempt, or still printing because the flag is not written yet).
 */
export function answerSeenOnOrder(
  order: Pick<OrderDoc, 'printStatus' | 'printJobId'> | null,
  attempt: Pick<Attempt, 'printJobId'>,
): { printed: boolean; settledAs?: PrintStatus } | undefined {
  if (!order) return undefined;
  const ours = order.printJobId === attempt.printJobId;
  if (ours && (order.printStatus === 'needs_attention' || order.printStatus === 'printing')) return undefined;
  // Under another printJobId (or none) the order went back to the queue: that answer was "reprint".
  return ours ? { printed: order.printStatus === 'printed', settledAs: order.printStatus } : { printed: false };
}
