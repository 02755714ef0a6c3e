/**
 * What the change feed reads in an `orders` change event (issue 12): which events it asks for, what each means
 * (work, an order taken, a move of the counts) and which order a wake-up is about (WorkHint), so a station can let
 * one of the fleet claim a new order. Pure functions of the event.
 */
import type { Document } from 'mongodb';
import { PrintingOptions } from '../../shared/domain';

/**
 * Which order a wake-up is about: `key` is its `_id` as a string; `options` its printing options when the event or
 * poll carried the document (a new order), so a station can tell whether one of its printers could take it.
 */
export interface WorkHint {
  key: string;
  options?: PrintingOptions;
  /** Found by a poll, not told by an event: the order has waited (how long, nobody knows). */
  polled?: boolean;
  /** The operator pinned it (orderSteering.ts): only that printer, or that station's printers, may claim it. */
  pinnedPrinterId?: string;
  pinnedStationId?: string;
}

/**
 * Events the stream asks for: those that can make an order claimable (a paid order arrives, one goes (back) to
 * pending or gets paid) and those that change an order's printStatus (claims, outcomes, operator actions, from any
 * station), which move the queue counts. Each event is classified in code (classifyChange): only the first kind
 * wakes the claimers.
 */
/** Fields whose removal may make a pending order claimable: the operator's hold and pins (issue 11). */
const STEERING_RELEASES = ['hold', 'pinnedPrinterId', 'pinnedStationId'];

export const WATCHED_CHANGES: Document[] = [
  {
    $match: {
      $or: [
        { operationType: { $in: ['insert', 'replace'] }, 'fullDocument.paymentStatus': 'completed' },
        { operationType: 'update', 'updateDescription.updatedFields.printStatus': { $exists: true } },
        { operationType: 'update', 'updateDescription.updatedFields.paymentStatus': 'completed' },
        // An operator's release or new pin (orderSteering.ts) may let an idle printer claim a pending order.
        { operationType: 'update', 'updateDescription.removedFields': { $in: STEERING_RELEASES } },
        { operationType: 'update', 'updateDescription.updatedFields.pinnedPrinterId': { $exists: true } },
        { operationType: 'update', 'updateDescription.updatedFields.pinnedStationId': { $exists: true } },
      ],
    },
  },
];

/**
 * What one change event means: `work` may make an order claimable; `taken`: the order left pending (a claim, a
 * cancel), so a station waiting its turn to claim it can skip; `statusChange` moves the queue counts.
 */
export function classifyChange(change: Document): { work: boolean; taken: boolean; statusChange: boolean } {
  const op = change.operationType;
  if (op === 'insert' || op === 'replace') {
    const doc = change.fullDocument as Document | undefined;
    const paid = doc?.paymentStatus === 'completed';
    return {
      work: paid && (doc?.printStatus ?? 'pending') === 'pending',
      taken: paid && doc?.printStatus !== 'pending',
      statusChange: paid,
    };
  }
  if (op === 'update') {
    const fields = ((change.updateDescription as Document | undefined)?.updatedFields ?? {}) as Document;
    const hasStatus = Object.prototype.hasOwnProperty.call(fields, 'printStatus');
    const removed = ((change.updateDescription as Document | undefined)?.removedFields ?? []) as unknown[];
    const steered =
      removed.some((f) => STEERING_RELEASES.includes(String(f))) || 'pinnedPrinterId' in fields || 'pinnedStationId' in fields;
    return {
      work: fields.printStatus === 'pending' || fields.paymentStatus === 'completed' || steered,
      taken: hasStatus && fields.printStatus !== 'pending',
      statusChange: hasStatus,
    };
  }
  return { work: false, taken: false, statusChange: false };
}

/**
 * The order an event or a polled document is about, with its options when the document carries them and its pin
 * when the document or the update (`updated`: an update event's fields) names one.
 */
export function hintOf(id: unknown, doc: Document | undefined, updated?: Document): WorkHint | undefined {
  if (id === undefined || id === null) return undefined;
  const hint: WorkHint = { key: String(id) };
  const pins = doc ?? updated ?? {};
  if (typeof pins.pinnedPrinterId === 'string') hint.pinnedPrinterId = pins.pinnedPrinterId;
  if (typeof pins.pinnedStationId === 'string') hint.pinnedStationId = pins.pinnedStationId;
  if (!doc) return hint;
  const options = PrintingOptions.safeParse(doc.printingOptions ?? {});
  // Options the claim would refuse: no guess about who fits; the claim fails the order as invalid_data.
  if (options.success) hint.options = options.data;
  return hint;
}

/** A safety poll's interval with a random part (plus or minus a fifth), so a fleet's polls do not line up. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.8 + 0.4 * random()));
}
