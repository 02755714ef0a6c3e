/**
 * One loop per printer (seed 003's reactive loop, one side of it): on top of what the printer is (printerStatus.ts),
 * it claims only while `ready` with auto-print on, the printer healthy and the database reachable, runs one attempt
 * at a time (printJob.ts) and turns how it ended into an outcome (outcomeQueue.ts) and a printer event. Operator
 * commands arrive as events too, so the table in shared/printerStateMachine.ts is the one place that says what is
 * allowed. While a person must decide (item in the tray, "did order X print?") it looks for the answer on the order.
 */
import type { PrinterState, PrintStatus } from '../../../shared/domain';
import type { EventCause, PrinterEvent, TransitionResult } from '../../../shared/printerStateMachine';
import type { PrinterDriver, PrinterStatusReport, SpoolJobRef } from '../../printing/driver';
import type { ClaimedOrder, Worker } from '../../db/orderRepository';
import type { PrintLogRepository } from '../../db/printLogRepository';
import { fenceOf, type Attempt } from './attempt';
import type { LeaseKeeper } from '../link/leaseKeeper';
import type { OutcomeQueue } from '../durability/outcomeQueue';
import { followJob, runClaimedJob, sleep, type JobDeps, type JobEnd } from './printJob';
import { answerSeenOnOrder, PrinterStatus, type PrinterIdentity, type PrinterStatusDeps, type PrinterTransition } from './printerStatus';
import { idleCounts, idleReason, sharedGlance } from './idleReason';
import { settle, strayQuestion } from './settlement';
import type { Refused } from '../../../shared/result';
import { refused } from '../../../shared/commandRefusals';
import type { PrinterView } from '../../../shared/stationApi';

export type { PrinterIdentity } from './printerStatus';

export interface PrinterLoopDeps extends Omit<JobDeps, 'onProgress' | 'onSubmitted' | 'driver'>, PrinterStatusDeps {
  printer: PrinterIdentity;
  driver: PrinterDriver;
  logs: PrintLogRepository;
  worker: Worker;
  leases: LeaseKeeper;
  outcomes: OutcomeQueue;
  stats: {
    submitted(attempt: Attempt): void;
    ended(end: JobEnd, attempt: Attempt): void;
    offline(printerId: string, since: Date | undefined): void;
  };
}

export class PrinterLoop {
  /** What the printer is and why: the loop tells it what happened, it alone writes its fields. */
  readonly status: PrinterStatus;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Resolves when no attempt is between claim and spooler: the moment a shutdown may release what is left. */
  private preSubmit: Promise<void> | undefined;

  constructor(private readonly deps: PrinterLoopDeps) {
    this.status = new PrinterStatus(deps);
  }

  // ── the status, as the station's other parts ask it ────────────────────────────────────────────────────────

  get id(): string {
    return this.status.id;
  }
  get identity(): PrinterIdentity {
    return this.status.identity;
  }
  get state(): PrinterState {
    return this.status.state;
  }
  get awaiting(): string | undefined {
    return this.status.awaiting;
  }
  get awaitingPrint(): PrinterStatus['awaitingPrint'] {
    return this.status.awaitingPrint;
  }
  get unknownAttempt(): Attempt | undefined {
    return this.status.unknownAttempt;
  }
  transitions(): PrinterTransition[] {
    return this.status.transitions();
  }
  view(): PrinterView {
    return this.status.view();
  }
  apply(event: PrinterEvent): TransitionResult {
    return this.status.apply(event);
  }
  applyHealth(report: PrinterStatusReport): void {
    this.status.applyHealth(report);
  }
  setAutoPrint(on: boolean): void {
    this.status.setAutoPrint(on);
  }
  nothingClaimable(): void {
    this.status.nothingClaimable();
  }
  startAwaitingRetrieval(orderId: string, printJobId: string): boolean {
    return this.status.startAwaitingRetrieval(orderId, printJobId);
  }
  startWithUnknownOutcome(attempt: Attempt): void {
    this.status.startWithUnknownOutcome(attempt);
  }
  /**
   * Work may be there: about one order (`orderKey`, a hint of the change feed) or about the queue in general. Kept
   * until the next claim begins, so work announced while this printer claims or prints leads to one more claim.
   */
  wake(orderKey?: string): void {
    this.heard.note(orderKey);
    this.status.wake();
  }
  /** Work announced while this printer prints: it looks once its job is over (ClaimScheduler). */
  heardOf(orderKey?: string): void {
    this.heard.note(orderKey);
  }
  /** The feed saw the order leave pending: an announcement of it no longer asks for a look (ClaimScheduler). */
  forget(orderKey: string): void {
    this.heard.forget(orderKey);
  }

  // ── reconciliation (called before run) ─────────────────────────────────────────────────────────────────────

  /** The spooler still has a job from before the restart: follow it as if it had just been submitted. */
  resumeJob(attempt: Attempt, job: SpoolJobRef): void {
    // A job claimed after the tray was last emptied is on the spooler: the tray kept on disk is older, and empty.
    this.status.forgetKeptRetrieval();
    if (this.state === 'starting') this.apply({ type: 'started', cause: { kind: 'station' } });
    this.status.applyJob({ orderId: attempt.orderId, printJobId: attempt.printJobId, phase: 'submitted', startedAt: attempt.claimedAt });
    // The table has no starting → printing; a resumed job enters printing the way a claim does.
    const moved = this.apply({ type: 'claimed', orderId: attempt.orderId, printJobId: attempt.printJobId, cause: { kind: 'station' } });
    if (!moved.ok)
      this.deps.logger.warn(`${this.deps.printer.name}: following resumed job while ${this.state} (${moved.reason})`, {
        printerId: this.id,
      });
    this.resumed = { attempt, job };
  }
  private resumed: { attempt: Attempt; job: SpoolJobRef } | undefined;

  get hasResumedJob(): boolean {
    return this.resumed !== undefined;
  }

  // ── the loop ───────────────────────────────────────────────────────────────────────────────────────────────

  start(): void {
    this.status.restoreKeptRetrieval();
    if (this.state === 'starting') this.apply({ type: 'started', cause: { kind: 'station' } });
    this.running ??= this.run();
  }

  /** Stops claiming; resolves once no attempt is before the spooler (shutdown then releases leftovers in one write). */
  async quiesce(): Promise<void> {
    this.stopped = true;
    this.status.wake();
    await this.preSubmit;
  }

  async join(): Promise<void> {
    this.stopped = true;
    this.status.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    if (this.resumed) {
      const { attempt, job } = this.resumed;
      this.resumed = undefined;
      // A job followed again after a restart is owned like any other: it holds a lease, renewed at once.
      const lease = this.deps.leases.hold(fenceOf(attempt), new Date(Date.now() + this.deps.intervals.leaseMs), { renewNow: true });
      let end: JobEnd;
      try {
        end = await followJob(this.jobDeps(), attempt, job, attempt.claimedAt, lease);
      } finally {
        lease.release();
      }
      await this.finish(attempt, end);
    }
    // A claim is tried only when something says work may be there: the change feed or its safety poll (through
    // wake()), the printer becoming able to claim again, or a claim that may have left more. An idle printer asks
    // nothing, and the printer's own moves (ready → printing → ready) wake its sleep but are no work.
    this.heard.note();
    while (!this.stopped) {
      if (this.state === 'awaiting_retrieval') {
        await this.lookForRetrieval();
        await this.status.wakeup.wait(this.deps.intervals.orderPollMs);
        this.heard.note();
        continue;
      }
      if (this.state === 'error' && this.unknownAttempt) {
        await this.lookForAnswer();
        await this.status.wakeup.wait(this.deps.intervals.orderPollMs);
        this.heard.note();
        continue;
      }
      if (this.state !== 'ready' || !this.status.autoPrint || !this.status.printerOnline || this.deps.stationHold()) {
        await this.status.wakeup.wait(this.deps.intervals.safetyPollMs);
        this.heard.note();
        continue;
      }
      if (!this.heard.any) {
        await this.status.wakeup.wait(this.deps.intervals.safetyPollMs);
        continue;
      }
      // From the claim on, a shutdown waits for this attempt to reach the spooler or give up (quiesce), so a
      // claim still in flight when stop() begins is released in the same shutdown, not left to the reaper.
      let release!: () => void;
      this.preSubmit = new Promise<void>((resolve) => (release = resolve));
      try {
        await this.claimAndPrint(release);
      } finally {
        release();
        this.preSubmit = undefined;
      }
    }
  }

  /** Work announced since the last claim began (wake()), and what the claims themselves say may be left. */
  private readonly heard = new HeardWork();

  private async claimAndPrint(releasePreSubmit: () => void): Promise<void> {
    // This claim answers every announcement so far; one that arrives from here on asks for another claim.
    const answering = this.heard.take();
    let claim: ClaimedOrder | null;
    try {
      claim = await this.deps.link.run(
        'claim',
        () =>
          this.deps.orders.claimNextOrder(
            { printerId: this.id, printerName: this.deps.printer.name, capabilities: this.deps.printer.capabilities },
            this.deps.worker,
          ),
        this.deps.intervals.leaseRenewMs,
      );
    } catch (error) {
      releasePreSubmit();
      this.deps.logger.debug(`Claim failed: ${(error as Error).message}`, { printerId: this.id });
      await this.status.wakeup.wait(this.deps.intervals.dbRetryMs);
      this.heard.note();
      return;
    }
    if (!claim) {
      releasePreSubmit();
      // Woken for named orders that fit this printer, it found none: another printer took them, which says nothing
      // about the rest of the queue. Only a look at the queue in general asks whether orders wait that fit no printer
      // here (in a fleet, most claims that find nothing are a backup's, and each asked the database once more).
      if (!answering.general) return;
      this.status.applyNoFit(await this.whyNoneIsForMe());
      return;
    }
    // More may be pending unless the one order announced is the one claimed (the claim takes one order of several):
    // the orders announced and not taken by this claim are looked for again after the job, as named as they came.
    const claimedKey = String(claim.fence._id);
    if (answering.general) this.heard.note();
    for (const key of answering.keys) if (key !== claimedKey) this.heard.note(key);
    this.heard.forget(claimedKey); // an announcement of this very order, heard while claiming it
    this.status.applyNoFit(undefined);
    if (this.stopped) {
      // The claim landed after the shutdown began: the shutdown's release (after quiesce) gives it back.
      this.deps.logger.info(`Order ${claim.fence.orderId} was claimed as the station stopped; the shutdown gives it back`, {
        printerId: this.id,
        orderId: claim.fence.orderId,
      });
      return;
    }
    await this.print(claim, releasePreSubmit);
  }

  /** After a claim that found nothing: held, pinned elsewhere, or needing what it lacks (idleReason.ts). */
  private async whyNoneIsForMe(): Promise<string | undefined> {
    const { orders, link, intervals, printer, worker } = this.deps;
    const look = () => link.run('queue glance', () => orders.pendingGlance(), intervals.leaseRenewMs);
    const glance = await sharedGlance(orders, look).catch(() => undefined);
    return (
      glance && idleReason(idleCounts({ printerId: this.id, stationId: worker.stationId, capabilities: printer.capabilities }, glance))
    );
  }

  private async print(claim: ClaimedOrder, pastSubmit: () => void): Promise<void> {
    const { printer, leases, logger } = this.deps;
    const attempt: Attempt = {
      printJobId: claim.fence.printJobId,
      orderId: claim.fence.orderId,
      orderKey: claim.fence._id,
      printerId: printer.printerId,
      systemName: printer.systemName,
      attemptNo: claim.order.printAttempt,
      claimedAt: new Date(),
      orderCreatedAt: claim.order.createdAt,
      failureCounts: claim.order.failureCounts ?? undefined,
    };
    this.status.applyJob({ orderId: attempt.orderId, printJobId: attempt.printJobId, phase: 'claimed', startedAt: attempt.claimedAt });
    const moved = this.apply({ type: 'claimed', orderId: attempt.orderId, printJobId: attempt.printJobId, cause: { kind: 'station' } });
    if (!moved.ok) {
      // The printer changed between the check and the claim (paused, went offline): give the order straight back.
      this.status.applyJob(undefined);
      logger.info(`Giving order ${attempt.orderId} back: ${moved.reason}`, { printerId: this.id, orderId: attempt.orderId });
      await this.deps.outcomes.record(attempt, {
        kind: 'retry',
        code: 'printer_offline',
        message: `printer ${printer.name} stopped being ready`,
        nextAttemptAt: null,
        counts: false,
      });
      return;
    }
    const lease = leases.hold(claim.fence, claim.leaseExpiresAt);
    let end: JobEnd;
    try {
      end = await runClaimedJob(
        { ...this.jobDeps(), onSubmitted: (a) => (pastSubmit(), this.deps.stats.submitted(a)) },
        claim,
        attempt,
        lease,
      );
    } catch (error) {
      // A bug or a dead disk: nobody knows how far it got, so a person decides.
      logger.error(`Attempt on order ${attempt.orderId} crashed: ${(error as Error).stack ?? error}`, {
        printerId: this.id,
        orderId: attempt.orderId,
      });
      end = {
        kind: 'unknown',
        message: `the station hit an internal error while printing order ${attempt.orderId}: ${(error as Error).message}`,
      };
    } finally {
      lease.release();
    }
    await this.finish(attempt, end);
  }

  private jobDeps(): JobDeps {
    this.lookRequested = false;
    return {
      ...this.deps,
      onProgress: (view) => this.status.applyProgress(view),
      onSubmitted: (a) => this.deps.stats.submitted(a),
      lookNow: () => {
        const now = this.lookRequested;
        this.lookRequested = false;
        return now;
      },
      onStalled: (note) => this.status.applyJobNote(note),
    };
  }

  private lookRequested = false;

  /** A local operator command touched `orderId`: if this printer follows its job, it looks at the order now. */
  orderTouched(orderId: string): void {
    if (this.status.currentOrderId === orderId) this.lookRequested = true;
  }

  /** Turns how an attempt ended into the outcome to write and the printer's next state (settlement.ts). */
  private async finish(attempt: Attempt, end: JobEnd): Promise<void> {
    const { outcomes, logger, journal, printer } = this.deps;
    const s = settle(end, attempt, printer.name);
    this.deps.stats.ended(end, attempt);
    // An order given back (a retry, released) may be pending again: look, instead of waiting for the safety poll.
    if (end.kind !== 'printed') this.heard.note();
    logger[s.log.level](s.log.message, { printerId: this.id, orderId: attempt.orderId });
    // Durable first (journal, then database when it answers), then the printer moves on.
    if (s.outcome) await outcomes.record(attempt, s.outcome);
    else if (end.kind === 'abandoned' || end.kind === 'withdrawn' || end.kind === 'stray') await journal.abandoned(attempt, end.reason);
    if (end.kind === 'stray') {
      this.status.applyStray({
        orderId: attempt.orderId,
        printJobId: attempt.printJobId,
        systemName: attempt.systemName,
        question: strayQuestion(attempt.orderId, printer.name, end),
      });
      this.noteStrayCopy(attempt, end);
    }
    this.status.applyEnd(attempt, s);
    if (end.kind === 'printed' && this.state === 'awaiting_retrieval') {
      this.status.awaitRetrieval(attempt.orderId, attempt.printJobId);
      this.deps.emit({
        kind: 'ready_for_retrieval',
        printerId: this.id,
        printerName: printer.name,
        orderId: attempt.orderId,
        at: new Date(),
      });
    }
    if (s.unknown) {
      this.deps.emit({
        kind: 'needs_attention',
        orderId: attempt.orderId,
        printerId: this.id,
        printerName: printer.name,
        message: end.kind === 'unknown' ? end.message : '',
        at: new Date(),
      });
    }
    this.deps.changed();
  }

  /**
   * Before the first claim after a restart: a spool job this printer could not withdraw before is tried once more.
   * Gone (cancelled, or the spooler no longer has it and knows every job) → nothing can come out, the order stops
   * warning; otherwise the printer starts in error with the same question, as it stopped.
   */
  async settleKeptStray(): Promise<void> {
    const stray = this.status.takeKeptStray();
    if (!stray || this.state !== 'starting') return;
    const { driver, logger, link, orders, intervals } = this.deps;
    const ctx = { printerId: this.id, orderId: stray.orderId };
    if (await strayJobGone(driver, stray, intervals.jobPollMs)) {
      logger.info(
        `${this.deps.printer.name}: the spool job of order ${stray.orderId} kept from before the restart is gone; nothing more can come out`,
        ctx,
      );
      this.status.applyStray(undefined);
      await link
        .run('clear a stray copy', () => orders.clearStrayCopy(stray.orderId, stray.printJobId), intervals.leaseRenewMs)
        .catch(() => {});
      return;
    }
    this.apply({ type: 'fault', reason: stray.question, cause: { kind: 'station' } });
  }

  /** The order says where a copy may still come out (not fenced: the order is no longer ours). */
  private noteStrayCopy(attempt: Attempt, end: Extract<JobEnd, { kind: 'stray' }>): void {
    const { link, orders, printer, worker, intervals, logger } = this.deps;
    const info = {
      stationId: worker.stationId,
      printerId: printer.printerId,
      printerName: printer.name,
      spoolJobId: end.spoolJobId,
      reason: strayQuestion(attempt.orderId, printer.name, end),
    };
    void link
      .run('note a stray copy', () => orders.noteStrayCopy(fenceOf(attempt), info), intervals.leaseRenewMs)
      .catch((error) =>
        logger.warn(`Could not note on order ${attempt.orderId} that a copy may still come out: ${(error as Error).message}`, {
          printerId: this.id,
          orderId: attempt.orderId,
        }),
      );
  }

  // ── retrieval and operator commands ────────────────────────────────────────────────────────────────────────

  /** Another station (or the shop) may have confirmed the item in the tray: `retrievedAt` on the order says so. */
  private async lookForRetrieval(): Promise<void> {
    const orderId = this.awaiting;
    if (!orderId) return;
    try {
      const order = await this.deps.link.run('retrieval look', () => this.deps.orders.getOrder(orderId), this.deps.intervals.leaseRenewMs);
      // "good" and "bad, reprint" both stamp retrievedAt; a new printJobId means someone re-queued it meanwhile.
      const elsewhere = order && (order.retrievedAt || order.printJobId !== this.awaitingPrint?.printJobId);
      if (elsewhere) {
        this.apply({ type: 'retrieved', orderId, cause: { kind: 'database', stationId: undefined } });
      }
    } catch {
      // offline: the item stays in the tray until the database or the operator says otherwise
    }
  }

  /** "Did order X print?" may be answered at another station: the order leaving needs_attention is the answer. */
  private async lookForAnswer(): Promise<void> {
    const attempt = this.unknownAttempt;
    if (!attempt) return;
    const { link, orders, logs, intervals } = this.deps;
    try {
      const order = await link.run('answer look', () => orders.getOrder(attempt.orderId), intervals.leaseRenewMs);
      const answer = answerSeenOnOrder(order, attempt);
      if (!answer || this.unknownAttempt !== attempt) return;
      // Who answered is in the order's log; without it the answer still counts, only the log line says less.
      const entry = await link
        .run('answer log', () => logs.history(attempt.orderId, 5), intervals.leaseRenewMs)
        .then((h) => h.find((e) => e.source === 'operator' && !e.metadata?.refused))
        .catch(() => undefined);
      await this.resolvedUnknown(answer.printed, { kind: 'database', stationId: entry?.stationId ?? undefined }, answer.settledAs);
    } catch {
      // offline: the question stays until the database or the operator here answers it
    }
  }

  /** After a person answered "did it print?": clear the question, in the journal too, and go back to ready. */
  async resolvedUnknown(printed: boolean, cause: EventCause, settledAs?: PrintStatus): Promise<TransitionResult> {
    const attempt = this.unknownAttempt;
    const result = this.apply({ type: 'resolve_unknown', printed, cause, settledAs });
    if (result.ok && attempt) await this.deps.journal.answered(attempt.printJobId, result.reason);
    return result;
  }

  /** An operator says the printer is fine again: believe the printer's own status over the button. */
  async recovered(cause: EventCause): Promise<TransitionResult | Refused> {
    try {
      const report = await this.deps.driver.status(this.deps.printer.systemName);
      this.status.applyReport(report);
      if (report.status === 'error' || report.status === 'offline') {
        return refused({ key: 'printerStillReports', params: { report: report.message ?? report.status } });
      }
    } catch (error) {
      return refused({ key: 'printerNotAnswering', params: { error: (error as Error).message } });
    }
    return this.apply({ type: 'recovered', cause });
  }
}

/** Whether a spool job kept as stray is gone for sure, cancelling it once more if the spooler still has it. */
async function strayJobGone(driver: PrinterDriver, stray: { systemName: string; printJobId: string }, pollMs: number): Promise<boolean> {
  try {
    const job = await driver.findJob(stray.systemName, stray.printJobId);
    if (!job) return driver.knowsEveryJob === true;
    for (let look = 0; look < 5; look++) {
      const state = (await driver.jobState(job)).state;
      if (state === 'canceled' || state === 'aborted') return true;
      if (state === 'completed') return false; // it came out: the question still stands
      if (look === 0) await driver.cancel(job);
      await sleep(pollMs);
    }
  } catch {
    // the spooler does not answer: the question stays
  }
  return false;
}

/** Announcements of work a printer loop heard: about the queue in general, or about named orders. */
class HeardWork {
  general = false;
  keys = new Set<string>();

  get any(): boolean {
    return this.general || this.keys.size > 0;
  }

  note(orderKey?: string): void {
    if (orderKey === undefined) this.general = true;
    else this.keys.add(orderKey);
  }

  forget(orderKey: string): void {
    this.keys.delete(orderKey);
  }

  /** What was heard so far, and from now on nothing. */
  take(): { general: boolean; keys: ReadonlySet<string> } {
    const heard = { general: this.general, keys: this.keys };
    this.general = false;
    this.keys = new Set();
    return heard;
  }
}
