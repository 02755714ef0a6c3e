/**
 * The `orders` collection as the stations see it (DESIGN §3). The web shop owns every other field; we read
 * only what we need and validate it, so a malformed order ends `failed`/`invalid_data` instead of crashing a loop.
 * `null` and an empty `files: []` mean "not given" (what Mongoose writes for an unset field), never "malformed".
 */
import { z } from 'zod';
import { parseMediaName } from './paperNames';

/** `null` read as "not given", so the field's default applies. */
const notGivenIfNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema);

export const PRINT_STATUSES = ['pending', 'printing', 'printed', 'failed', 'cancelled', 'needs_attention'] as const;
export const PrintStatus = z.enum(PRINT_STATUSES);
export type PrintStatus = z.infer<typeof PrintStatus>;

/** How far the current attempt got: decides what the reaper may do with an expired lease. */
export const PRINT_PHASES = ['claimed', 'downloading', 'submitted'] as const;
export const PrintPhase = z.enum(PRINT_PHASES);
export type PrintPhase = z.infer<typeof PrintPhase>;

export const PAPER_SIZES = ['A3', 'A4', 'A5', 'A6', 'Letter', 'Legal', 'Label-4x6'] as const;
export const PaperSize = z.enum(PAPER_SIZES);
export type PaperSize = z.infer<typeof PaperSize>;

/**
 * The medium an order asks for or a printer has loaded: a short name (PAPER_SIZES) or a PWG 5101.1 name
 * `class_name_WxHunit` such as `oe_4x6-label_4x6in` or `roll_max_62x1000mm` (paperNames.ts parses both).
 */
export const MediaName = z.string().refine((name) => parseMediaName(name) !== undefined, {
  message: `not a paper size: use ${PAPER_SIZES.join(', ')} or a PWG 5101.1 name such as oe_4x6-label_4x6in, om_62x100mm_62x100mm or roll_max_62x1000mm`,
});
export type MediaName = z.infer<typeof MediaName>;

export const PaymentStatus = z.enum(['pending', 'completed', 'failed', 'refunded']);

export const PrintingOptions = z.object({
  paperSize: notGivenIfNull(MediaName.default('A4')),
  color: notGivenIfNull(z.boolean().default(false)),
  duplex: notGivenIfNull(z.boolean().default(false)),
  copies: notGivenIfNull(z.number().int().min(1).max(999).default(1)),
});
export type PrintingOptions = z.infer<typeof PrintingOptions>;
export const DEFAULT_PRINTING_OPTIONS: PrintingOptions = { paperSize: 'A4', color: false, duplex: false, copies: 1 };

export const OrderFile = z.object({
  url: z.string().url(),
  name: z.string().optional(),
});
export type OrderFile = z.infer<typeof OrderFile>;

/** Failure classes of DESIGN §6 (stored as `printErrorCode`), plus the codes of outcomes that are not failures of a class. */
export const FAILURE_CLASSES = [
  'network',
  'printer_jam',
  'printer_offline',
  'invalid_data',
  'capability_mismatch',
  'interrupted',
  'exhausted',
] as const;
export const FailureClass = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClass>;

/** Every code `printErrorCode` can hold: a failure class, or why an order needs a person. */
export const PrintErrorCode = z.enum([...FAILURE_CLASSES, 'outcome_unknown', 'cancelled', 'lease_expired']);
export type PrintErrorCode = z.infer<typeof PrintErrorCode>;

const optionalDate = z.coerce.date().optional().nullable();

/** How many failures of each class the order has had since a person last re-queued it (DESIGN §6 limits). */
export const FailureCounts = z.record(z.string(), z.number().int().min(0));
export type FailureCounts = z.infer<typeof FailureCounts>;

/**
 * Where a copy of this order may still come out: the station lost the order but could not make sure its spool
 * job was gone (DESIGN §4, "a spool job is owned like its order"). Shown to the operator until cleared.
 */
export const StrayCopy = z.object({
  printJobId: z.string(),
  stationId: z.string(),
  printerId: z.string(),
  printerName: z.string(),
  spoolJobId: z.string().optional().nullable(),
  reason: z.string(),
  at: z.coerce.date(),
});
export type StrayCopy = z.infer<typeof StrayCopy>;

/** An operator's hold on a pending order: the claim steps around it until someone releases it (issue 11). */
export const OrderHold = z.object({
  by: z.string(),
  reason: z.string(),
  at: z.coerce.date(),
});
export type OrderHold = z.infer<typeof OrderHold>;

/** What the station needs from an order document; unknown fields pass through untouched. */
export const OrderDoc = z
  .object({
    _id: z.unknown(),
    orderId: z.string().min(1),
    paymentStatus: PaymentStatus,
    createdAt: z.coerce.date(),
    fileURL: z.string().url().optional(),
    // `files: []` beside a fileURL is a Mongoose default, not a second, empty list of files.
    files: z.preprocess((v) => (v === null || (Array.isArray(v) && v.length === 0) ? undefined : v), z.array(OrderFile).min(1).optional()),
    printingOptions: notGivenIfNull(PrintingOptions.default(DEFAULT_PRINTING_OPTIONS)),
    priority: notGivenIfNull(z.number().int().default(0)),
    printStatus: PrintStatus,
    printJobId: z.string().optional().nullable(),
    printingBy: z.string().optional().nullable(),
    stationId: z.string().optional().nullable(),
    printerId: z.string().optional().nullable(),
    printerName: z.string().optional().nullable(),
    printAttempt: z.number().int().min(0).default(0),
    printPhase: PrintPhase.optional().nullable(),
    leaseExpiresAt: optionalDate,
    nextAttemptAt: optionalDate,
    printError: z.string().optional().nullable(),
    printErrorCode: PrintErrorCode.optional().nullable(),
    printStartedAt: optionalDate,
    printCompletedAt: optionalDate,
    retrievedAt: optionalDate,
    retrievedBy: z.string().optional().nullable(),
    cancelRequestedAt: optionalDate,
    /** Written with the database's clock ($currentDate) by the claim and every renewal: what the reaper judges. */
    leaseRenewedAt: optionalDate,
    failureCounts: FailureCounts.optional().nullable(),
    strayCopy: StrayCopy.optional().nullable(),
    /** Printed, but the printer took the job without confirming it came out (a raw printer with no status answer). */
    printedUnconfirmed: z.boolean().optional().nullable(),
    /** Why it is unconfirmed, in the operator's words. */
    printNote: z.string().optional().nullable(),
    /** Held by an operator: never claimed while set (orderSteering.ts). */
    hold: OrderHold.optional().nullable(),
    /** Pinned by an operator: only this printer, or only printers of this station, may claim it. */
    pinnedPrinterId: z.string().optional().nullable(),
    pinnedStationId: z.string().optional().nullable(),
  })
  .passthrough()
  .refine((o) => Boolean(o.fileURL) || Boolean(o.files?.length), {
    message: 'the order has no file URL (neither fileURL nor files[])',
    path: ['fileURL'],
  });
export type OrderDoc = z.infer<typeof OrderDoc>;

export type ParsedOrder = { ok: true; order: OrderDoc } | { ok: false; field: string; message: string };

/**
 * Validates an order read from the database. The message names the bad field in words an operator can act on,
 * e.g. `printingOptions.paperSize: Invalid option: expected one of "A3"|"A4"|…`.
 */
export function parseOrder(doc: unknown): ParsedOrder {
  const result = OrderDoc.safeParse(doc);
  if (result.success) return { ok: true, order: result.data };
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || '(document)';
  return { ok: false, field, message: `invalid order: ${field}: ${issue.message}` };
}

/** The URLs to print, in order. */
export function orderFileUrls(order: Pick<OrderDoc, 'fileURL' | 'files'>): string[] {
  if (order.files?.length) return order.files.map((f) => f.url);
  return order.fileURL ? [order.fileURL] : [];
}
