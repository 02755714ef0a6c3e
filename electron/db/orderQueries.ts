/**
 * The MongoDB filters of the order core: the fence every owner's write carries, which orders a printer may claim,
 * which can never be printed, and which leases have run out. Kept apart from the repository so the claim, the
 * change feed's poll and `failUnprintable` share one definition of "claimable" and cannot drift apart.
 *
 * Leases are judged by the database's clock on both sides (DESIGN §4): the owner stamps `leaseRenewedAt` with
 * $currentDate, the reaper compares it with $$NOW, so a station whose clock is an hour off neither loses live jobs
 * nor keeps dead ones. Filters here work on mongod and on mongo-java-server alike (no update pipelines).
 */
import type { Document, Filter, Sort } from 'mongodb';
import {
  PAPER_SIZES,
  PWG_MEDIA_NAME,
  capabilityMismatch,
  mediaAccepting,
  mediaFits,
  type PrintStatus,
  type PrinterCapabilities,
  type PrintingOptions,
} from '../../shared/domain';
import { orderIdOf } from './orderView';

/** Which attempt at which order a write is for: the order's `_id` and the attempt's `printJobId` (orderId for the log). */
export interface Fence {
  _id: unknown;
  orderId: string;
  printJobId: string;
}

/**
 * The fence (DESIGN §4): an owner's write names the order's `_id`, its own `printJobId` and the statuses it may
 * leave. Every write of the owning station goes through here, so none can forget the printJobId.
 */
export function fenced(fence: { _id: unknown; printJobId: string }, statuses: readonly PrintStatus[]): Filter<Document> {
  return {
    _id: fence._id as never,
    printJobId: fence.printJobId,
    printStatus: statuses.length === 1 ? statuses[0] : { $in: [...statuses] },
  };
}

/**
 * The fence of an order as the database holds it. An order written by hand may have no printJobId: `null` then
 * (a filter on null matches "missing"), and no orderId: its `_id` stands in (orderIdOf).
 */
export function fenceOf(doc: Record<string, unknown>): Fence {
  return { _id: doc._id, orderId: orderIdOf(doc), printJobId: (doc.printJobId ?? null) as string };
}

/**
 * BSON types `$inc` refuses. `printAttempt` of one of these (a "3" typed by hand, an array) would make the claim's
 * $inc throw on mongod and stop every claim behind it, so the claim steps around it and the unprintable sweep fails
 * it. A list rather than `$not: {$type: 'number'}`: `[3]` matches 'number' element-wise but $inc still refuses it.
 * (`null` too: mongod refuses $inc on null, mongo-java-server accepts it; deprecated types are left out because
 * mongo-java-server does not know their names.)
 */
const NOT_INCREMENTABLE = [
  'string',
  'object',
  'array',
  'bool',
  'null',
  'date',
  'objectId',
  'binData',
  'regex',
  'timestamp',
  'minKey',
  'maxKey',
];

/**
 * Highest priority first, then the oldest: first paid, first printed within a priority. MongoDB sorts a missing
 * `priority` below every number, so the shop should either always write it or only write it for rush orders
 * (positive numbers); an explicit 0 would overtake older orders that have none.
 */
export const CLAIM_ORDER: Sort = { priority: -1, createdAt: 1 };

/**
 * Backoff: an order waits until `nextAttemptAt`; orders never retried have none (missing or null).
 * Written as "not later than now" rather than an $or of the two cases: one condition, and the claim stays a flat
 * conjunction the server can evaluate (and index) cheaply.
 */
export function dueFilter(now: Date): Filter<Document> {
  return { nextAttemptAt: { $not: { $gt: now } } };
}

/**
 * What a printer can print, as conditions on `printingOptions`. The shop may omit any option, so a missing
 * field means the default of DEFAULT_PRINTING_OPTIONS (A4, black and white, simplex, one copy).
 */
export function capabilityConditions(caps: PrinterCapabilities): Filter<Document>[] {
  // The media loaded, the same sizes under other names, and patterns for PWG names of those sizes (mediaAccepting,
  // the rule mediaFits applies in the station too): still one condition, so the claim stays one findOneAndUpdate.
  const { names, patterns } = mediaAccepting(caps.paperSizes);
  const sizes: (string | RegExp | null)[] = [...names, ...patterns];
  if (names.includes('A4')) sizes.push(null); // `null` in $in also matches a missing field
  const conditions: Filter<Document>[] = [{ 'printingOptions.paperSize': { $in: sizes } }];
  if (!caps.color) conditions.push({ 'printingOptions.color': { $ne: true } });
  if (!caps.duplex) conditions.push({ 'printingOptions.duplex': { $ne: true } });
  // Missing copies means one. A non-number (e.g. "two") passes here on purpose: the claim then fails it as
  // invalid_data with the field named, instead of leaving it in the queue for ever.
  conditions.push({ 'printingOptions.copies': { $not: { $gt: caps.maxCopies } } });
  return conditions;
}

const waitingForPrint = { printStatus: 'pending', paymentStatus: 'completed' } as const;

/**
 * Orders this printer may claim right now (served by the `claim_queue` index). Never one with a cancel request
 * (the unprintable sweep cancels those), nor one whose `printAttempt` the claim's $inc would choke on, nor one an
 * operator holds. With `printer`, an order pinned elsewhere is stepped around (issue 11); without it (the change
 * feed's poll: "is there work at all") a pinned order still counts as work.
 */
export function claimableFilter(now: Date, caps?: PrinterCapabilities, printer?: ClaimingPrinter): Filter<Document> {
  return Object.assign(
    { ...waitingForPrint, cancelRequestedAt: null, hold: null, printAttempt: { $not: { $type: NOT_INCREMENTABLE } } },
    dueFilter(now),
    ...(caps ? capabilityConditions(caps) : []),
    ...(printer ? [pinConditions(printer)] : []),
  );
}

/**
 * Pending orders a printer might have claimed but for a hold, a pin or its options: paid, due, no cancel request
 * (what "no pending order fits" is about, orderRepository.pendingGlance).
 */
export function pendingGlanceFilter(now: Date): Filter<Document> {
  return Object.assign({ ...waitingForPrint, cancelRequestedAt: null }, dueFilter(now));
}

/** Which printer is asking, for the operator's pins: `null` in `$in` also matches a missing field (not pinned). */
export interface ClaimingPrinter {
  printerId: string;
  stationId: string;
}

export function pinConditions(printer: ClaimingPrinter): Filter<Document> {
  return { pinnedPrinterId: { $in: [null, printer.printerId] }, pinnedStationId: { $in: [null, printer.stationId] } };
}

/** Pending orders someone asked to cancel while they were printing: the sweep cancels them. */
export function cancelRequestedPendingFilter(): Filter<Document> {
  return { printStatus: 'pending', cancelRequestedAt: { $ne: null } };
}

/**
 * Pending orders that are broken in a way the claim query steps around (so no printer ever picks them up and
 * fails them): unknown paper size, options of the wrong type, a printAttempt $inc refuses, no file at all.
 * `null` is "not given" (a Mongoose default), never broken: the claim reads it as the default.
 */
export function malformedPendingFilter(): Filter<Document> {
  return {
    ...waitingForPrint,
    $or: [
      // Short names and well-formed PWG 5101.1 names are known; the claim's parse judges the numbers in them.
      { 'printingOptions.paperSize': { $exists: true, $nin: [...PAPER_SIZES, null, PWG_MEDIA_NAME] } },
      { 'printingOptions.copies': { $exists: true, $not: { $type: ['number', 'null'] } } },
      { 'printingOptions.color': { $exists: true, $not: { $type: ['bool', 'null'] } } },
      { 'printingOptions.duplex': { $exists: true, $not: { $type: ['bool', 'null'] } } },
      { printAttempt: { $type: NOT_INCREMENTABLE } },
      { fileURL: { $not: { $type: 'string' } }, 'files.0': { $exists: false } },
    ],
  };
}

/**
 * One default margin for clock differences, used by the station's config and the repository alike (exported here,
 * in a module with no I/O, so the config can import it cheaply). Leases are judged by the database's own clock on
 * both sides, so the margin only covers round trips and documents written by older stations (`leaseExpiresAt`).
 */
export const DEFAULT_CLOCK_SKEW_MARGIN_MS = 10_000;

/**
 * `printing` orders whose owner stopped renewing, by the database's clock: `$$NOW - leaseRenewedAt` past the
 * owner's lease length (written with it; `leaseMs` here for orders without) plus the margin. Orders from older
 * stations carry only `leaseExpiresAt` (their own clock) and are judged by it with the margin.
 */
export function leaseExpiredFilter(leaseMs: number, marginMs: number): Filter<Document> {
  return {
    printStatus: 'printing',
    $or: [
      {
        leaseRenewedAt: { $type: 'date' },
        $expr: { $gt: [{ $subtract: ['$$NOW', '$leaseRenewedAt'] }, { $add: [{ $ifNull: ['$leaseMs', leaseMs] }, marginMs] }] },
      },
      {
        leaseRenewedAt: { $not: { $type: 'date' } },
        leaseExpiresAt: { $type: 'date' },
        $expr: { $lt: ['$leaseExpiresAt', { $subtract: ['$$NOW', marginMs] }] },
      },
    ],
  };
}

/** `printing` orders with no lease at all (written by a worker from before leases, or by hand). */
export function printingWithoutLeaseFilter(): Filter<Document> {
  return { printStatus: 'printing', leaseRenewedAt: { $not: { $type: 'date' } }, leaseExpiresAt: { $not: { $type: 'date' } } };
}

/**
 * Lease-less `printing` orders nobody can be following any more: started longer ago than the longest print may
 * take, or with no start time at all (then nothing says they will ever end).
 */
export function unleasedOverdueFilter(maxPrintDurationMs: number, marginMs: number): Filter<Document> {
  return {
    ...printingWithoutLeaseFilter(),
    $or: [
      { printStartedAt: { $not: { $type: 'date' } } },
      { printStartedAt: { $type: 'date' }, $expr: { $lt: ['$printStartedAt', { $subtract: ['$$NOW', maxPrintDurationMs + marginMs] }] } },
    ],
  };
}

/**
 * Pending orders, older than `createdBefore`, that no printer of the fleet would claim. Never a held one: the claim
 * steps around it because an operator decided so, not because the fleet cannot print it (issue 11).
 */
export function unclaimableFilter(fleet: PrinterCapabilities[], createdBefore: Date): Filter<Document> {
  return {
    ...waitingForPrint,
    hold: null,
    createdAt: { $lte: createdBefore },
    $nor: fleet.map((caps) => ({ $and: capabilityConditions(caps) })),
  };
}

/**
 * Why no printer of the fleet can print these options, in the operator's words ("no active printer has paper A3"),
 * or undefined when one can.
 */
export function fleetMismatch(options: PrintingOptions, fleet: PrinterCapabilities[]): string | undefined {
  if (fleet.some((caps) => capabilityMismatch(options, caps) === undefined)) return undefined;
  if (fleet.length === 0) return 'no active printer at all';
  const missing: string[] = [];
  if (!fleet.some((c) => mediaFits(options.paperSize, c.paperSizes))) missing.push(`has paper ${options.paperSize}`);
  if (options.color && !fleet.some((c) => c.color)) missing.push('prints in colour');
  if (options.duplex && !fleet.some((c) => c.duplex)) missing.push('prints duplex');
  const most = Math.max(...fleet.map((c) => c.maxCopies));
  if (options.copies > most) missing.push(`allows ${options.copies} copies (the most is ${most})`);
  if (missing.length > 0) return missing.map((m) => `no active printer ${m}`).join('; ');
  const wanted = [`paper ${options.paperSize}`, options.color && 'colour', options.duplex && 'duplex', `${options.copies} copies`];
  return `no active printer has all of: ${wanted.filter(Boolean).join(', ')}`;
}
