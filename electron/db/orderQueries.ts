/**
 * The MongoDB filters that decide which orders a printer may claim and which can never be printed.
 * Kept apart from the repository so the claim, the change feed's poll and `failUnprintable` share one definition
 * of "claimable" and cannot drift apart.
 */
import type { Document, Filter, Sort } from 'mongodb';
import { PAPER_SIZES, capabilityMismatch, type PrinterCapabilities, type PrintingOptions } from '../../shared/domain';

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
  const sizes: (string | null)[] = [...caps.paperSizes];
  if (caps.paperSizes.includes('A4')) sizes.push(null); // `null` in $in also matches a missing field
  const conditions: Filter<Document>[] = [{ 'printingOptions.paperSize': { $in: sizes } }];
  if (!caps.color) conditions.push({ 'printingOptions.color': { $ne: true } });
  if (!caps.duplex) conditions.push({ 'printingOptions.duplex': { $ne: true } });
  // Missing copies means one. A non-number (e.g. "two") passes here on purpose: the claim then fails it as
  // invalid_data with the field named, instead of leaving it in the queue for ever.
  conditions.push({ 'printingOptions.copies': { $not: { $gt: caps.maxCopies } } });
  return conditions;
}

const waitingForPrint = { printStatus: 'pending', paymentStatus: 'completed' } as const;

/** Orders this printer may claim right now (served by the `claim_queue` index). */
export function claimableFilter(now: Date, caps?: PrinterCapabilities): Filter<Document> {
  return Object.assign({ ...waitingForPrint }, dueFilter(now), ...(caps ? capabilityConditions(caps) : []));
}

/**
 * Pending orders that are broken in a way the claim query steps around (so no printer ever picks them up and
 * fails them): unknown paper size, options of the wrong type, no file at all.
 */
export function malformedPendingFilter(): Filter<Document> {
  return {
    ...waitingForPrint,
    $or: [
      { 'printingOptions.paperSize': { $exists: true, $nin: [...PAPER_SIZES] } },
      { 'printingOptions.copies': { $exists: true, $not: { $type: 'number' } } },
      { 'printingOptions.color': { $exists: true, $not: { $type: 'bool' } } },
      { 'printingOptions.duplex': { $exists: true, $not: { $type: 'bool' } } },
      { fileURL: { $not: { $type: 'string' } }, 'files.0': { $exists: false } },
    ],
  };
}

/** Pending orders, older than `createdBefore`, that no printer of the fleet would claim. */
export function unclaimableFilter(fleet: PrinterCapabilities[], createdBefore: Date): Filter<Document> {
  return {
    ...waitingForPrint,
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
  if (!fleet.some((c) => c.paperSizes.includes(options.paperSize))) missing.push(`has paper ${options.paperSize}`);
  if (options.color && !fleet.some((c) => c.color)) missing.push('prints in colour');
  if (options.duplex && !fleet.some((c) => c.duplex)) missing.push('prints duplex');
  const most = Math.max(...fleet.map((c) => c.maxCopies));
  if (options.copies > most) missing.push(`allows ${options.copies} copies (the most is ${most})`);
  if (missing.length > 0) return missing.map((m) => `no active printer ${m}`).join('; ');
  const wanted = [`paper ${options.paperSize}`, options.color && 'colour', options.duplex && 'duplex', `${options.copies} copies`];
  return `no active printer has all of: ${wanted.filter(Boolean).join(', ')}`;
}
