/**
 * Giving an order back (DESIGN §4): a failed attempt's retry, the reaper's requeue, a station's shutdown release and
 * a reconcile release all end here, so each honours the two rules every give-back owes:
 *
 * - a pending cancel request wins: the order becomes `cancelled` in the same write, never `pending` (the next claim
 *   would otherwise print an order the customer cancelled);
 * - it counts toward the failure policy (`failureCounts.<class>`, DESIGN §6); the give-back that reaches the class's
 *   limit writes `failed`/`exhausted` instead of `pending`, so a file that crashes the station cannot loop for ever.
 *
 * With no update pipelines to branch inside one write (mongo-java-server has none), the three outcomes are three
 * conditional writes whose filters exclude each other (cancel requested / under the limit / at the limit); exactly
 * one can match, each is atomic, and a round where none matched because the order changed in between is retried.
 */
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import type { FailureClass, PrintErrorCode, PrintLogAction, TransitionSource } from '../../shared/domain';
import { FAILURE_CLASSES } from '../../shared/domain';
import { FAILURE_POLICY, exhaustedMessage } from '../../shared/failurePolicy';
import { LEASE, OWNERSHIP, stationEntry } from './orderChanges';
import { fenced, fenceOf, leaseExpiredFilter, unleasedOverdueFilter, type Fence } from './orderQueries';
import { orderIdOf } from './orderView';
import type { PrintLogEntry } from './printLogRepository';

export type { Fence } from './orderQueries';

export interface GiveBackContext {
  orders: Collection;
  now(): Date;
  /** Writes the attempt's log ending with `entry` (with whatever the station held of that attempt). */
  log(printJobId: string, entry: PrintLogEntry): Promise<void>;
}

export interface GiveBack {
  /** What must still hold beyond the fence (the reaper's "the lease is still expired"). */
  still?: Filter<Document>;
  code: PrintErrorCode;
  message: string;
  /** The failure class this give-back counts as; `null` = a bounce, not the order's fault. */
  countAs: string | null;
  /** The order's `failureCounts` as read, when the caller read it: anything but a plain record is replaced, not $inc'ed. */
  countsRead?: unknown;
  nextAttemptAt?: Date | null;
  action: PrintLogAction;
  source: TransitionSource;
  metadata?: Record<string, unknown>;
}

export type GiveBackOutcome = 'pending' | 'cancelled' | 'failed';

const ROUNDS = 3;

/** Gives the order back; `null` when the fence (or `still`) no longer holds: the caller lost the order. */
export async function giveBack(ctx: GiveBackContext, fence: Fence, g: GiveBack): Promise<GiveBackOutcome | null> {
  const base: Filter<Document> = { ...(g.still ?? {}), ...fenced(fence, ['printing']) };
  const limit = limitOf(g.countAs);
  const countPath = `failureCounts.${g.countAs}`;
  const count = countUpdate(g.countAs, g.countsRead);
  const noCancel = { cancelRequestedAt: null };

  const release: UpdateFilter<Document> = merge(
    { $set: { printStatus: 'pending', printError: g.message, printErrorCode: g.code }, $unset: { ...OWNERSHIP } },
    g.nextAttemptAt ? { $set: { nextAttemptAt: g.nextAttemptAt } } : { $unset: { nextAttemptAt: '' } },
    count,
  );
  const cancelReason = `cancelled at the operator's request when the attempt was given back (${g.message})`;
  const cancel: UpdateFilter<Document> = {
    $set: { printStatus: 'cancelled', printError: cancelReason, printErrorCode: 'cancelled' },
    $unset: { ...LEASE, nextAttemptAt: '' },
  };
  const exhausted = limit === null ? '' : exhaustedMessage(g.countAs as FailureClass, limit, g.message);
  const fail: UpdateFilter<Document> = merge(
    { $set: { printStatus: 'failed', printError: exhausted, printErrorCode: 'exhausted' }, $unset: { ...LEASE, nextAttemptAt: '' } },
    count,
  );

  const tries: Array<{ filter: Filter<Document>; update: UpdateFilter<Document>; to: GiveBackOutcome }> = [
    {
      filter: { ...base, ...noCancel, ...(limit === null ? {} : { [countPath]: { $not: { $gte: limit - 1 } } }) },
      update: release,
      to: 'pending',
    },
    { filter: { ...base, cancelRequestedAt: { $ne: null } }, update: cancel, to: 'cancelled' },
  ];
  if (limit !== null) tries.push({ filter: { ...base, ...noCancel, [countPath]: { $gte: limit - 1 } }, update: fail, to: 'failed' });

  for (let round = 0; round < ROUNDS; round++) {
    for (const attempt of tries) {
      const before = await ctx.orders.findOneAndUpdate(attempt.filter, attempt.update, {
        projection: { stationId: 1, printerId: 1 },
        returnDocument: 'before',
        includeResultMetadata: false,
      });
      if (!before) continue;
      const entry =
        attempt.to === 'pending'
          ? stationEntry(ctx.now(), g.action, fence, 'printing', 'pending', {
              source: g.source,
              reason: g.message,
              metadata: { code: g.code, nextAttemptAt: g.nextAttemptAt ?? null, ...g.metadata },
            })
          : attempt.to === 'cancelled'
            ? stationEntry(ctx.now(), 'cancel', fence, 'printing', 'cancelled', {
                source: g.source,
                reason: cancelReason,
                metadata: { code: 'cancelled' },
              })
            : stationEntry(ctx.now(), 'failed', fence, 'printing', 'failed', {
                source: g.source,
                reason: exhausted,
                metadata: { code: 'exhausted', countedAs: g.countAs },
              });
      await ctx.log(fence.printJobId, { ...entry, stationId: before.stationId ?? null, printerId: before.printerId ?? null });
      return attempt.to;
    }
    // None matched: either the order is no longer ours, or a cancel request landed between two of the writes.
    if ((await ctx.orders.countDocuments(base, { limit: 1 })) === 0) return null;
  }
  return null;
}

/** The class's limit when it has one (only failure classes do: `lease_expired` and the like count nothing). */
function limitOf(countAs: string | null): number | null {
  if (!countAs || !(FAILURE_CLASSES as readonly string[]).includes(countAs)) return null;
  const rule = FAILURE_POLICY[countAs as FailureClass];
  return rule.delayMs === null ? null : rule.maxAttempts;
}

/**
 * `$inc failureCounts.<class>`; when the order's counts were read and are not a plain record of numbers (a shop's
 * `failureCounts: null`), the record is started afresh instead: mongod refuses to $inc a field inside a null.
 */
export function countUpdate(countAs: string | null, countsRead: unknown): UpdateFilter<Document> {
  if (!countAs) return {};
  return countsRead === undefined || isPlainCounts(countsRead)
    ? { $inc: { [`failureCounts.${countAs}`]: 1 } }
    : { $set: { failureCounts: { [countAs]: 1 } } };
}

export function isPlainCounts(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

function merge(...updates: UpdateFilter<Document>[]): UpdateFilter<Document> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const u of updates)
    for (const [op, fields] of Object.entries(u)) out[op] = { ...(out[op] ?? {}), ...(fields as Record<string, unknown>) };
  return out as UpdateFilter<Document>;
}

// ── the reaper and the shutdown release ───────────────────────────────────────────────────────────────────────

export interface ReaperOptions {
  leaseMs: number;
  clockSkewMarginMs: number;
  maxPrintDurationMs: number;
}
export interface Reaped {
  requeued: number;
  needsAttention: number;
  cancelled: number;
  failed: number;
}

/**
 * Any station's reaper (DESIGN §4), by the database's clock. An expired claim not yet at the printer is given back
 * (counted as `interrupted`); one that may have printed goes to a person. So does an order `printing` with no lease
 * at all, once it has been printing longer than any print may take: nobody is known to follow it.
 */
export async function reapExpiredLeases(ctx: GiveBackContext, o: ReaperOptions): Promise<Reaped> {
  const expired = leaseExpiredFilter(o.leaseMs, o.clockSkewMarginMs);
  const unleased = unleasedOverdueFilter(o.maxPrintDurationMs, o.clockSkewMarginMs);
  const candidates = await ctx.orders
    .find(
      { $or: [expired, unleased] },
      {
        projection: {
          orderId: 1,
          printJobId: 1,
          printPhase: 1,
          stationId: 1,
          printerId: 1,
          printerName: 1,
          failureCounts: 1,
          leaseRenewedAt: 1,
          leaseExpiresAt: 1,
          printStartedAt: 1,
        },
      },
    )
    .toArray();
  const result: Reaped = { requeued: 0, needsAttention: 0, cancelled: 0, failed: 0 };
  for (const doc of candidates) {
    // An order written by hand may have no printJobId: fenceOf's `null` in the filter then matches "missing".
    const fence = fenceOf(doc);
    const leased = doc.leaseRenewedAt instanceof Date || doc.leaseExpiresAt instanceof Date;
    const phase = { printPhase: doc.printPhase ?? null };
    if (!leased || (doc.printPhase !== 'claimed' && doc.printPhase !== 'downloading')) {
      const reason = leased ? maybePrintedSentence(doc) : unleasedSentence(doc);
      // The same test again in the write: an owner that renewed meanwhile keeps its order.
      const res = await ctx.orders.updateOne(
        { ...(leased ? expired : unleased), _id: doc._id, printJobId: fence.printJobId, ...phase },
        {
          $set: { printStatus: 'needs_attention', printError: reason, printErrorCode: leased ? 'lease_expired' : 'outcome_unknown' },
          $unset: { leaseExpiresAt: '' },
        },
      );
      if (res.modifiedCount === 0) continue;
      await ctx.log(
        fence.printJobId,
        stationEntry(ctx.now(), leased ? 'lease_expired' : 'needs_attention', fence, 'printing', 'needs_attention', {
          source: 'reaper',
          reason,
          stationId: doc.stationId,
          printerId: doc.printerId,
        }),
      );
      result.needsAttention++;
      continue;
    }
    const outcome = await giveBack(ctx, fence, {
      still: { ...expired, ...phase },
      code: 'lease_expired',
      message: `station ${doc.stationId ?? '?'} stopped renewing its lease before anything was printed; back in the queue`,
      countAs: 'interrupted',
      countsRead: doc.failureCounts,
      action: 'lease_expired',
      source: 'reaper',
    });
    if (outcome === 'pending') result.requeued++;
    else if (outcome === 'cancelled') result.cancelled++;
    else if (outcome === 'failed') result.failed++;
  }
  return result;
}

/** On quit: this worker's orders not yet at the spooler go back at once (DESIGN §4, Shutdown), counted as interrupted. */
export async function releaseOnShutdown(ctx: GiveBackContext, workerId: string): Promise<number> {
  const notSent = { printPhase: { $in: ['claimed', 'downloading'] } };
  const owned = await ctx.orders
    .find({ printStatus: 'printing', printingBy: workerId, ...notSent }, { projection: { orderId: 1, printJobId: 1, failureCounts: 1 } })
    .toArray();
  let released = 0;
  for (const doc of owned) {
    const outcome = await giveBack(ctx, fenceOf(doc), {
      still: notSent,
      code: 'interrupted',
      message: 'station shutting down before the job reached the printer',
      countAs: 'interrupted',
      countsRead: doc.failureCounts,
      action: 'server_shutdown',
      source: 'station',
    });
    if (outcome) released++;
  }
  return released;
}

function maybePrintedSentence(doc: Document): string {
  return `station ${doc.stationId ?? '?'} stopped renewing its lease after sending the job to printer ${doc.printerId ?? '?'}: check the tray and say whether it printed`;
}

function unleasedSentence(doc: Document): string {
  const where = `printer ${doc.printerName ?? doc.printerId ?? '?'}`;
  const since =
    doc.printStartedAt instanceof Date
      ? `has been printing on ${where} since ${doc.printStartedAt.toISOString()}`
      : `is marked printing on ${where} with no start time`;
  return `order ${orderIdOf(doc)} ${since} with no lease (written by an older station or by hand), so no station is following it: check the tray and say whether it printed`;
}
