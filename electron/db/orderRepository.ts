/**
 * The order core (DESIGN §4): the claim, every fenced write of the owning station, `failUnprintable`, the operator
 * actions and the reads, in one module so the ownership rule can be checked in one place: every filter that changes
 * an order a station owns is `fenced(fence, statuses)` (orderQueries), which names its `printJobId`. The give-backs
 * (retry, reaper, shutdown, reconcile) live in orderGiveBack.ts: each honours a cancel request in the same write and
 * counts toward the failure policy's limits.
 *
 * Ownership outlives `printing`: an order flagged `needs_attention` while its job is still followed (a slow job, a
 * job resumed after a restart) stays owned under its printJobId, its lease renewed, until the job's end is recorded
 * or a person acts. Leases are stamped and judged with the database's clock (`leaseRenewedAt`, $currentDate/$$NOW).
 */
import { randomUUID } from 'node:crypto';
import type { Db, Document, Filter, ObjectId, UpdateFilter } from 'mongodb';
import {
  PRINT_STATUSES,
  PrintStatus,
  parseOrder,
  type Actor,
  type OrderDoc,
  type PrintErrorCode,
  type PrintLogAction,
  type PrinterCapabilities,
  type TransitionSource,
} from '../../shared/domain';
import { operatorMove, type OperatorAction } from '../../shared/lifecycle';
import { PIN_DROPPED } from '../../shared/operatorWords';
import { notAllowedRefusal, refused, type Refusal } from '../../shared/commandRefusals';
import { collections, type Collections } from './collections';
import { QUEUE_COUNTS_PIPELINE } from './queueCounts';
import { LEASE, operatorEntry, operatorUpdate, stationEntry } from './orderChanges';
import {
  countUpdate,
  giveBack,
  isPlainCounts,
  reapExpiredLeases,
  releaseOnShutdown,
  type Fence,
  type GiveBackContext,
  type Reaped,
} from './orderGiveBack';
import {
  CLAIM_ORDER,
  DEFAULT_CLOCK_SKEW_MARGIN_MS,
  cancelRequestedPendingFilter,
  claimableFilter,
  fenced,
  fenceOf,
  fleetMismatch,
  malformedPendingFilter,
  pendingGlanceFilter,
  unclaimableFilter,
} from './orderQueries';
import { DROP_PIN, deadPin, isPinned, pinnedPastGraceFilter, pinnedPrinters, type PinnedPrinter } from './deadPins';
import { orderForDisplay, orderIdOf } from './orderView';
import { searchOrders, type OrderSearch } from './orderSearch';
import { followOrderRows } from './orderRows';
import { PrintLogRepository, type PrintLogEntry } from './printLogRepository';
import { StationLogBuffer } from './stationLogBuffer';
import type { Result } from '../../shared/result';

export interface Worker {
  workerId: string;
  stationId: string;
}
export interface PrinterClaimProfile {
  printerId: string;
  printerName: string;
  capabilities: PrinterCapabilities;
}
export type { Fence } from './orderGiveBack';
export type FencedResult = { ok: true } | { ok: false; lostOwnership: true };
export interface ClaimedOrder {
  order: OrderDoc;
  fence: Fence;
  leaseExpiresAt: Date;
}
/**
 * `held`: the order went back to the queue with an operator's hold still on it (issue 11). A move back to the queue
 * keeps the hold (someone held it on purpose), and the answer must say so, or the operator waits for a print that
 * never comes.
 */
export type OperatorResult = Result<{ previousStatus: PrintStatus; newStatus: PrintStatus; held?: { by: string; reason: string } }>;
/** What the operator was looking at when they decided: refused when the order has moved on since (another attempt). */
export interface OperatorExpectation {
  printJobId?: string;
}
/** One read of who holds an order now: the station checks it before trusting its spool job. */
export interface Ownership {
  owned: boolean;
  printStatus: PrintStatus | null;
  printJobId: string | null;
  cancelRequested: boolean;
}
/** Where a copy may still come out after the station lost the order (see noteStrayCopy). */
export interface StrayCopyInfo {
  stationId: string;
  printerId: string;
  printerName: string;
  spoolJobId?: string;
  reason: string;
}

export { DEFAULT_CLOCK_SKEW_MARGIN_MS } from './orderQueries';

/** The statuses each fenced outcome may leave (checked against shared/lifecycle.ts by the tests). */
export const FENCED_FROM = {
  printed: ['printing', 'needs_attention'],
  failed: ['printing', 'needs_attention'],
  pending: ['printing'],
  needs_attention: ['printing'],
  cancelled: ['printing'],
} as const satisfies Partial<Record<PrintStatus, readonly PrintStatus[]>>;

/** A claim that turned out malformed is failed and the next order tried, up to this many per call. */
const MAX_MALFORMED_PER_CLAIM = 20;

/** DESIGN §7: how long a print may take before someone looks; an order printing with no lease is judged by it. */
export const DEFAULT_MAX_PRINT_DURATION_MS = 30 * 60_000;

/** An owner still follows its job while the order is printing or flagged for a person (see the file comment). */
const OWNED: readonly PrintStatus[] = ['printing', 'needs_attention'];

export class OrderRepository {
  private readonly c: Collections;
  private readonly logs: PrintLogRepository;
  private readonly held = new StationLogBuffer();
  private readonly leaseMs: number;
  private readonly clockSkewMarginMs: number;
  private readonly maxPrintDurationMs: number;
  private readonly now: () => Date;
  private readonly giveBacks: GiveBackContext;

  constructor(db: Db, options: { leaseMs?: number; clockSkewMarginMs?: number; maxPrintDurationMs?: number; now?: () => Date } = {}) {
    this.c = collections(db);
    this.logs = new PrintLogRepository(db);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.clockSkewMarginMs = options.clockSkewMarginMs ?? DEFAULT_CLOCK_SKEW_MARGIN_MS;
    this.maxPrintDurationMs = options.maxPrintDurationMs ?? DEFAULT_MAX_PRINT_DURATION_MS;
    this.now = options.now ?? (() => new Date());
    this.giveBacks = {
      orders: this.c.orders,
      now: () => this.now(),
      log: (printJobId, entry) => this.writeLogs(this.held.take(printJobId, entry)),
    };
  }

  // ── claim ──────────────────────────────────────────────────────────────────────────────────────────────────

  async claimNextOrder(printer: PrinterClaimProfile, worker: Worker): Promise<ClaimedOrder | null> {
    for (let skipped = 0; skipped < MAX_MALFORMED_PER_CLAIM; skipped++) {
      const now = this.now();
      const printJobId = randomUUID();
      const leaseExpiresAt = new Date(now.getTime() + this.leaseMs);
      const doc = await this.c.orders.findOneAndUpdate(
        claimableFilter(now, printer.capabilities, { printerId: printer.printerId, stationId: worker.stationId }),
        {
          $set: {
            printStatus: 'printing',
            printJobId,
            printingBy: worker.workerId,
            stationId: worker.stationId,
            printerId: printer.printerId,
            printerName: printer.printerName,
            printPhase: 'claimed',
            printStartedAt: now,
            leaseExpiresAt,
            leaseMs: this.leaseMs,
          },
          $currentDate: { leaseRenewedAt: true },
          $inc: { printAttempt: 1 },
          $unset: { printError: '', printErrorCode: '', retrievedAt: '', retrievedBy: '', nextAttemptAt: '' },
        },
        { sort: CLAIM_ORDER, returnDocument: 'after', includeResultMetadata: false },
      );
      if (!doc) return null;
      const fence = fenceOf(doc);
      const parsed = parseOrder(doc);
      if (!parsed.ok) {
        await this.failOrder(fence, { code: 'invalid_data', message: parsed.message }, doc.failureCounts);
        continue;
      }
      // `failureCounts: null` from the shop reads as none, but mongod cannot $inc inside a null: start the record.
      if ('failureCounts' in doc && !isPlainCounts(doc.failureCounts)) {
        await this.c.orders.updateOne(fenced(fence, ['printing']), { $set: { failureCounts: {} } });
      }
      this.held.hold(
        printJobId,
        stationEntry(this.now(), 'claimed', fence, 'pending', 'printing', {
          stationId: worker.stationId,
          printerId: printer.printerId,
          metadata: { attempt: parsed.order.printAttempt, workerId: worker.workerId },
        }),
      );
      return { order: parsed.order, fence, leaseExpiresAt };
    }
    return null;
  }

  // ── fenced writes of the owning station ────────────────────────────────────────────────────────────────────

  async markPhase(fence: Fence, phase: 'downloading' | 'submitted', extra: { spoolJobId?: string } = {}): Promise<FencedResult> {
    const $set: Document = { printPhase: phase, leaseExpiresAt: this.leaseFromNow(), leaseMs: this.leaseMs };
    if (extra.spoolJobId) $set.spoolJobId = extra.spoolJobId;
    const res = await this.c.orders.updateOne(fenced(fence, ['printing']), { $set, $currentDate: { leaseRenewedAt: true } });
    if (res.matchedCount === 0) return this.lostOwnership(fence, `while marking it ${phase}`);
    if (phase === 'submitted') {
      this.held.hold(
        fence.printJobId,
        stationEntry(this.now(), 'submitted', fence, 'printing', 'printing', { metadata: { spoolJobId: extra.spoolJobId } }),
      );
    }
    return { ok: true };
  }

  /** Keeps the lease while the order is printing or flagged for a person under this printJobId (see the file comment). */
  async renewLease(fence: Fence): Promise<FencedResult> {
    const res = await this.c.orders.updateOne(fenced(fence, OWNED), {
      $set: { leaseExpiresAt: this.leaseFromNow(), leaseMs: this.leaseMs },
      $currentDate: { leaseRenewedAt: true },
    });
    return res.matchedCount === 0 ? this.lostOwnership(fence, 'while renewing its lease') : { ok: true };
  }

  /** Whether the fence still holds the order (printing or needs_attention under its printJobId), in one read. */
  async ownershipOf(fence: Fence): Promise<Ownership> {
    const doc = await this.c.orders.findOne(
      { _id: idOf(fence._id) },
      { projection: { printStatus: 1, printJobId: 1, cancelRequestedAt: 1 } },
    );
    if (!doc) return { owned: false, printStatus: null, printJobId: null, cancelRequested: false };
    const status = PrintStatus.safeParse(doc.printStatus);
    const printJobId = typeof doc.printJobId === 'string' ? doc.printJobId : null;
    const ours = printJobId === fence.printJobId;
    return {
      owned: ours && status.success && OWNED.includes(status.data),
      printStatus: status.success ? status.data : null,
      printJobId,
      cancelRequested: ours && doc.cancelRequestedAt != null,
    };
  }

  /**
   * The station lost the order but could not make sure its spool job is gone: the order says where a copy may
   * still come out. Written by `_id` only (the order is no longer this station's) and logged `stray_copy`.
   */
  async noteStrayCopy(fence: Fence, info: StrayCopyInfo): Promise<void> {
    const at = this.now();
    const strayCopy = { printJobId: fence.printJobId, ...info, spoolJobId: info.spoolJobId ?? null, at };
    await this.c.orders.updateOne({ _id: idOf(fence._id) }, { $set: { strayCopy } });
    await this.writeLogs([
      stationEntry(at, 'stray_copy', fence, null, null, {
        reason: `a copy of order ${fence.orderId} may still come out of printer ${info.printerName}: ${info.reason}`,
        stationId: info.stationId,
        printerId: info.printerId,
        metadata: { printerName: info.printerName, spoolJobId: info.spoolJobId ?? null },
      }),
    ]);
  }

  /** The stray job was later confirmed gone from the spooler (only that attempt's note is removed). */
  async clearStrayCopy(orderId: string, printJobId: string): Promise<void> {
    await this.c.orders.updateOne({ orderId, 'strayCopy.printJobId': printJobId }, { $unset: { strayCopy: '' } });
  }

  /** `unconfirmed`: the printer took the job but could not confirm it (issue 10); the order says so to the operator. */
  async completePrinted(
    fence: Fence,
    info: { completedAt?: Date; source?: TransitionSource; unconfirmed?: string } = {},
  ): Promise<FencedResult> {
    const note = info.unconfirmed ? { printedUnconfirmed: true, printNote: info.unconfirmed } : {};
    return this.finishAttempt(
      fence,
      'printed',
      {
        $set: { printStatus: 'printed', printCompletedAt: info.completedAt ?? this.now(), ...note },
        $unset: {
          ...LEASE,
          nextAttemptAt: '',
          printError: '',
          printErrorCode: '',
          ...(info.unconfirmed ? {} : { printedUnconfirmed: '', printNote: '' }),
        },
      },
      { action: 'printed', source: info.source ?? 'station', ...(info.unconfirmed ? { reason: info.unconfirmed } : {}) },
    );
  }

  /**
   * Back to the queue after a failed attempt. `counts: false` is a bounce (the printer stopped being ready between
   * its check and the claim): not the order's fault, so it does not count toward the class's limit.
   */
  /**
   * Back to the queue after a failed attempt (or a reconcile release, code `interrupted`), through the one
   * give-back (orderGiveBack.ts): a pending cancel request makes it `cancelled`, and the failure counts toward its
   * class's limit, which once reached makes it `failed`/`exhausted`. `counts: false` is a bounce (the printer stopped
   * being ready between its check and the claim): not the order's fault, so it counts nothing.
   */
  async releaseForRetry(
    fence: Fence,
    failure: { code: PrintErrorCode; message: string; nextAttemptAt: Date | null; counts?: boolean },
  ): Promise<FencedResult> {
    const outcome = await giveBack(this.giveBacks, fence, {
      code: failure.code,
      message: failure.message,
      nextAttemptAt: failure.nextAttemptAt,
      countAs: failure.counts === false ? null : failure.code,
      action: 'retry_scheduled',
      source: 'station',
    });
    return outcome ? { ok: true } : this.lostOwnership(fence, 'while giving it back to the queue');
  }

  /** Ends the attempt failed, counting the failure under its class (`countsRead`: the counts as the claim saw them). */
  async failOrder(fence: Fence, failure: { code: PrintErrorCode; message: string }, countsRead?: unknown): Promise<FencedResult> {
    const action: PrintLogAction = failure.code === 'invalid_data' || failure.code === 'capability_mismatch' ? failure.code : 'failed';
    return this.finishAttempt(
      fence,
      'failed',
      {
        $set: { printStatus: 'failed', printError: failure.message, printErrorCode: failure.code },
        $unset: { ...LEASE, nextAttemptAt: '' },
        ...countUpdate(failure.code, countsRead),
      },
      { action, reason: failure.message, metadata: { code: failure.code } },
    );
  }

  /** Asks a person. The lease stays: a station still following the job keeps renewing it (see the file comment). */
  async flagNeedsAttention(fence: Fence, reason: string): Promise<FencedResult> {
    return this.finishAttempt(
      fence,
      'needs_attention',
      {
        $set: { printStatus: 'needs_attention', printError: reason, printErrorCode: 'outcome_unknown' },
      },
      { action: 'needs_attention', reason },
    );
  }

  /** The owning station carried out an operator's cancel request on its spooler job. */
  async completeCancelled(fence: Fence, reason = "cancelled at the operator's request"): Promise<FencedResult> {
    return this.finishAttempt(
      fence,
      'cancelled',
      {
        $set: { printStatus: 'cancelled', printError: reason, printErrorCode: 'cancelled' },
        $unset: { ...LEASE, nextAttemptAt: '' },
      },
      { action: 'cancel', reason },
    );
  }

  /**
   * One conditional write ending (or re-queueing) an attempt, then the attempt's log in one insertMany.
   * A replay of an outcome already recorded (a journal written twice) is not a loss of ownership.
   */
  private async finishAttempt(
    fence: Fence,
    to: Exclude<keyof typeof FENCED_FROM, 'pending'>,
    update: UpdateFilter<Document>,
    log: { action: PrintLogAction; reason?: string; source?: TransitionSource; metadata?: Record<string, unknown> },
  ): Promise<FencedResult> {
    const before = await this.c.orders.findOneAndUpdate(fenced(fence, FENCED_FROM[to]), update, {
      projection: { printStatus: 1, stationId: 1, printerId: 1 },
      returnDocument: 'before',
      includeResultMetadata: false,
    });
    if (!before) {
      const alreadyThere = (await this.c.orders.countDocuments(fenced(fence, [to]), { limit: 1 })) > 0;
      return alreadyThere ? { ok: true } : this.lostOwnership(fence, `while recording it ${to}`);
    }
    const entry = stationEntry(this.now(), log.action, fence, before.printStatus, to, {
      source: log.source,
      reason: log.reason,
      stationId: before.stationId,
      printerId: before.printerId,
      metadata: log.metadata,
    });
    await this.writeLogs(this.held.take(fence.printJobId, entry));
    return { ok: true };
  }

  private async lostOwnership(fence: Fence, when: string): Promise<FencedResult> {
    const entry = stationEntry(this.now(), 'lost_ownership', fence, null, null, {
      reason: `this station no longer owns order ${fence.orderId} (print job ${fence.printJobId}) ${when}; it will not print it again`,
    });
    await this.writeLogs(this.held.take(fence.printJobId, entry));
    return { ok: false, lostOwnership: true };
  }

  // ── any station: reaper, shutdown, unprintable orders ──────────────────────────────────────────────────────

  /** Expired leases and lease-less orders, judged by the database's clock (orderGiveBack.ts). */
  reapExpiredLeases(): Promise<Reaped> {
    return reapExpiredLeases(this.giveBacks, {
      leaseMs: this.leaseMs,
      clockSkewMarginMs: this.clockSkewMarginMs,
      maxPrintDurationMs: this.maxPrintDurationMs,
    });
  }

  /** On quit: orders of this worker not yet at the spooler go back to the queue at once (orderGiveBack.ts). */
  releaseOnShutdown(workerId: string): Promise<number> {
    return releaseOnShutdown(this.giveBacks, workerId);
  }

  /**
   * Pending orders no printer will ever take: ones with a cancel request are cancelled (the claim steps around
   * them); malformed ones fail at once as invalid_data (naming the field), held or not (a release could not make
   * them printable); well-formed ones no active printer fits fail as capability_mismatch once they have waited
   * `graceMs` (a printer with that paper may be on its way), and so do ones whose pin has stood `graceMs` on a
   * printer or station that is gone (deadPins.ts). A held order is otherwise never judged: the operator holds it on
   * purpose. With no active printer at all nothing is judged a mismatch: that is an empty print room, not an
   * unprintable order. `silentAfterMs`: when a pinned printer's station counts as gone. Returns how many it ended.
   */
  async failUnprintable(activePrinters: PrinterCapabilities[], graceMs: number, options: { silentAfterMs?: number } = {}): Promise<number> {
    const now = this.now();
    const graceStart = new Date(now.getTime() - graceMs);
    const suspects: Filter<Document>[] = [cancelRequestedPendingFilter(), malformedPendingFilter()];
    if (activePrinters.length > 0) suspects.push(unclaimableFilter(activePrinters, graceStart), pinnedPastGraceFilter(graceStart));
    const docs = await this.c.orders.find({ $or: suspects }).limit(500).toArray();
    // No pin among them: no read (pinnedPrinters asks nothing then).
    const pinned = await pinnedPrinters(this.c, docs, options.silentAfterMs);
    let failed = 0;
    for (const doc of docs) {
      if (doc.cancelRequestedAt != null) {
        if (await this.cancelRequested(doc)) failed++;
        continue;
      }
      const verdict = unprintableVerdict(doc, activePrinters, pinned, graceStart);
      if (!verdict) continue;
      const res = await this.c.orders.updateOne(
        // Conditional on what the verdict read: a hold or a new pin placed since wins over the sweep.
        { _id: doc._id, printStatus: 'pending', ...(verdict.code === 'capability_mismatch' ? { hold: null } : {}), ...verdict.pinRead },
        {
          $set: { printStatus: 'failed', printError: verdict.message, printErrorCode: verdict.code },
          ...(verdict.pin ? { $unset: DROP_PIN } : {}),
        },
      );
      if (res.modifiedCount === 0) continue;
      failed++;
      await this.writeLogs([
        {
          action: verdict.code,
          orderId: orderIdOf(doc),
          previousStatus: 'pending',
          newStatus: 'failed',
          reason: verdict.message,
          source: 'station',
          metadata: { code: verdict.code, ...verdict.pin },
        },
      ]);
    }
    return failed;
  }

  /** A pending order whose cancel request outlived its attempt (written by an older station): cancel it now. */
  private async cancelRequested(doc: Document): Promise<boolean> {
    const reason = "cancelled at the operator's request (asked while the order was printing)";
    const res = await this.c.orders.updateOne(
      { _id: doc._id, printStatus: 'pending', cancelRequestedAt: doc.cancelRequestedAt },
      { $set: { printStatus: 'cancelled', printError: reason, printErrorCode: 'cancelled' }, $unset: { nextAttemptAt: '' } },
    );
    if (res.modifiedCount === 0) return false;
    await this.writeLogs([
      {
        action: 'cancel',
        orderId: orderIdOf(doc),
        previousStatus: 'pending',
        newStatus: 'cancelled',
        reason,
        source: 'station',
        metadata: { code: 'cancelled' },
      },
    ]);
    return true;
  }

  // ── operator actions ───────────────────────────────────────────────────────────────────────────────────────

  reprint(orderId: string, actor: Actor, reason?: string, expect?: OperatorExpectation): Promise<OperatorResult> {
    return this.operatorAction('reprint', orderId, actor, reason, expect);
  }
  cancel(orderId: string, actor: Actor, reason?: string, expect?: OperatorExpectation): Promise<OperatorResult> {
    return this.operatorAction('cancel', orderId, actor, reason, expect);
  }
  resetStuck(orderId: string, actor: Actor, reason?: string, expect?: OperatorExpectation): Promise<OperatorResult> {
    return this.operatorAction('resetStuck', orderId, actor, reason, expect);
  }
  forcePrinted(orderId: string, actor: Actor, reason?: string, expect?: OperatorExpectation): Promise<OperatorResult> {
    return this.operatorAction('forcePrinted', orderId, actor, reason, expect);
  }
  confirmRetrieval(
    orderId: string,
    outcome: 'good' | 'bad',
    actor: Actor,
    reason?: string,
    expect?: OperatorExpectation,
  ): Promise<OperatorResult> {
    return this.operatorAction(outcome === 'good' ? 'confirmRetrieval' : 'rejectRetrieval', orderId, actor, reason, expect);
  }

  /**
   * Reads the order, asks the lifecycle table where the action takes it, and writes it with one update
   * conditional on the status (and printJobId) just read, so two operators, or an operator and a station,
   * cannot both win. Refusals are logged too: the log is where a shift lead sees who tried what.
   */
  private async operatorAction(
    action: OperatorAction,
    orderId: string,
    actor: Actor,
    reason?: string,
    expect?: OperatorExpectation,
  ): Promise<OperatorResult> {
    const current = await this.c.orders.findOne(
      { orderId },
      { projection: { printStatus: 1, printJobId: 1, retrievedAt: 1, retrievedBy: 1, hold: 1 } },
    );
    const from = PrintStatus.safeParse(current?.printStatus);
    const refuse = async (why: Refusal): Promise<OperatorResult> => {
      const said = refused(why);
      await this.writeLogs([
        operatorEntry(this.now(), action, orderId, current?.printJobId, from.data, from.data, actor, reason, { refused: said.reason }),
      ]);
      return said;
    };
    if (!current) return refuse({ key: 'noSuchOrder', params: { orderId } });
    if (!from.success) return refuse({ key: 'noValidStatus', params: { orderId, status: String(current.printStatus) } });
    // "Did it print?" is asked about one attempt: an answer must not land on the next one (the write below is
    // conditional on the printJobId read here, so this holds up to the write).
    if (expect?.printJobId !== undefined && (current.printJobId ?? null) !== expect.printJobId) {
      const printJobId = typeof current.printJobId === 'string' ? current.printJobId : null;
      return refuse({ key: 'movedOnSinceAsked', params: { orderId, status: from.data, printJobId, expected: String(expect.printJobId) } });
    }
    const move = operatorMove(action, from.data);
    if (!move.ok) return refuse(notAllowedRefusal(action, orderId, from.data));
    const retrieval = action === 'confirmRetrieval' || action === 'rejectRetrieval';
    if (retrieval && current.retrievedAt) {
      const at = current.retrievedAt instanceof Date ? current.retrievedAt.toISOString() : String(current.retrievedAt);
      return refuse({
        key: 'alreadyRetrieved',
        params: { orderId, at, by: typeof current.retrievedBy === 'string' ? current.retrievedBy : null },
      });
    }
    // Fenced by the attempt the operator saw (none: `null`, which matches an order that never had one).
    const filter = fenced(fenceOf(current), [from.data]);
    if (retrieval) filter.retrievedAt = null;
    const res = await this.c.orders.updateOne(filter, operatorUpdate(action, move.to, actor, this.now()));
    if (res.matchedCount === 0) return refuse({ key: 'changedWhileDeciding', params: { orderId, was: from.data } });
    const held = move.to === 'pending' && current.hold ? { by: String(current.hold.by), reason: String(current.hold.reason) } : undefined;
    await this.writeLogs([
      operatorEntry(this.now(), action, orderId, current.printJobId, from.data, move.to, actor, reason, held && { stillHeld: held }),
    ]);
    return { ok: true, previousStatus: from.data, newStatus: move.to, ...(held && { held }) };
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────────────────

  async getOrder(orderId: string): Promise<OrderDoc | null> {
    const doc = await this.c.orders.findOne({ orderId });
    return doc ? orderForDisplay(doc) : null;
  }

  /** A page of the orders an operator looks for (tab, words, date range, filters): orderSearch.ts has the query. */
  async listOrders(query: OrderSearch): Promise<{ orders: OrderDoc[]; total: number }> {
    const { docs, total } = await searchOrders(this.c.orders, query, this.now());
    return { orders: docs.map(orderForDisplay), total };
  }

  /** Each changed order, whole, while the console's queue listens (orderRows.ts); the returned function stops it. */
  followRows(onOrder: (order: OrderDoc) => void, onGap?: () => void): () => Promise<void> {
    return followOrderRows(this.c.orders, (doc) => onOrder(orderForDisplay(doc)), onGap);
  }

  /**
   * A look at the pending queue for a printer whose claim found nothing (station/printer/idleReason.ts): the paid,
   * due orders with what makes them someone else's (hold, pin) or unfit (options), at most `limit` of them.
   */
  async pendingGlance(limit = 200): Promise<{ orders: Document[]; more: boolean }> {
    const docs = await this.c.orders
      .find(pendingGlanceFilter(this.now()), {
        projection: { _id: 0, hold: 1, pinnedPrinterId: 1, pinnedStationId: 1, printingOptions: 1 },
      })
      .limit(limit + 1)
      .toArray();
    return { orders: docs.slice(0, limit), more: docs.length > limit };
  }

  /** The header's counts, from an index alone (queueCounts.ts); a status with no orders is 0. */
  async countByStatus(): Promise<Record<PrintStatus, number>> {
    const counts = Object.fromEntries(PRINT_STATUSES.map((s) => [s, 0])) as Record<PrintStatus, number>;
    const groups = await this.c.orders.aggregate<{ _id: unknown; n: number }>([...QUEUE_COUNTS_PIPELINE]).toArray();
    for (const g of groups) {
      const status = PrintStatus.safeParse(g._id);
      if (status.success) counts[status.data] = g.n;
    }
    return counts;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────

  private leaseFromNow(): Date {
    return new Date(this.now().getTime() + this.leaseMs);
  }

  /** Logs are history, not state: a log write that fails is kept for the next batch rather than failing the outcome. */
  private async writeLogs(entries: PrintLogEntry[]): Promise<void> {
    try {
      await this.logs.logMany(entries);
    } catch {
      this.held.giveBack(entries);
    }
  }
}

/**
 * Whether the sweep ends a pending order it read, and why: malformed (invalid_data, even when held), no active printer
 * fits it past the grace, or its pin has stood past the grace on a printer or station that is gone. A held order is
 * left alone otherwise.
 */
function unprintableVerdict(
  doc: Document,
  fleet: PrinterCapabilities[],
  pinned: PinnedPrinter[],
  graceStart: Date,
): { code: 'invalid_data' | 'capability_mismatch'; message: string; pin?: Record<string, string>; pinRead?: Filter<Document> } | undefined {
  const parsed = parseOrder(doc);
  if (!parsed.ok) return { code: 'invalid_data', message: parsed.message };
  if (doc.hold != null || fleet.length === 0) return undefined;
  const mismatch = fleetMismatch(parsed.order.printingOptions, fleet);
  if (mismatch && doc.createdAt instanceof Date && doc.createdAt <= graceStart) {
    return { code: 'capability_mismatch', message: `cannot be printed: ${mismatch}` };
  }
  const pinnedSince = doc.pinnedAt instanceof Date ? doc.pinnedAt : doc.createdAt;
  if (!isPinned(doc) || !(pinnedSince instanceof Date) || pinnedSince > graceStart) return undefined;
  const dead = deadPin(doc, parsed.order.printingOptions, pinned);
  if (!dead) return undefined;
  const pin: Record<string, string> =
    typeof doc.pinnedPrinterId === 'string' ? { pinnedPrinterId: doc.pinnedPrinterId } : { pinnedStationId: String(doc.pinnedStationId) };
  const pinRead = {
    pinnedPrinterId: doc.pinnedPrinterId ?? null,
    pinnedStationId: doc.pinnedStationId ?? null,
    pinnedAt: doc.pinnedAt ?? null,
  };
  const message = `cannot be printed: ${dead}. ${PIN_DROPPED}`;
  return { code: 'capability_mismatch', message, pin, pinRead };
}

/** Orders are found again by the `_id` the database gave us, whatever its BSON type; the driver only passes it back. */
function idOf(id: unknown): ObjectId {
  return id as ObjectId;
}
