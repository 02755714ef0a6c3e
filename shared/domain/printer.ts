/** The `printers` collection (seed 001 fields plus the station's own, DESIGN §3) and printer capabilities. */
import { z } from 'zod';
import { MediaName, type PrintingOptions } from './order';
import { mediaFits } from './paperNames';

export const PRINTER_STATES = ['starting', 'ready', 'printing', 'awaiting_retrieval', 'paused', 'error', 'offline'] as const;
export const PrinterState = z.enum(PRINTER_STATES);
export type PrinterState = z.infer<typeof PrinterState>;

/** Seed 001's coarse status, kept for the shop's admin page. */
export const PrinterHealth = z.enum(['online', 'offline', 'busy', 'error']);
export type PrinterHealth = z.infer<typeof PrinterHealth>;

export const PrinterCapabilities = z.object({
  /** The media loaded or selectable: short names or PWG 5101.1 names (a label printer lists its rolls). */
  paperSizes: z.array(MediaName).min(1),
  color: z.boolean(),
  duplex: z.boolean(),
  maxCopies: z.number().int().min(1),
});
export type PrinterCapabilities = z.infer<typeof PrinterCapabilities>;

export const DriverKind = z.enum(['virtual', 'cups', 'windows', 'raw', 'electron', 'ipp']);
export type DriverKind = z.infer<typeof DriverKind>;

export const PrinterDoc = z
  .object({
    _id: z.unknown().optional(),
    printer_id: z.string().min(1),
    name: z.string(),
    printer_name: z.string().optional(),
    status: PrinterHealth,
    state: PrinterState,
    stationId: z.string(),
    last_seen_at: z.coerce.date(),
    last_successful_print_at: z.coerce.date().optional().nullable(),
    queue_length: z.number().int().min(0).default(0),
    error_message: z.string().optional().nullable(),
    driver_name: z.string().optional(),
    system_name: z.string().optional(),
    connectionType: z.enum(['usb', 'network', 'wireless', 'virtual']).default('network'),
    isActive: z.boolean().default(true),
    autoPrintEnabled: z.boolean().default(true),
    capabilities: PrinterCapabilities,
    requiresRetrieval: z.boolean().default(false),
  })
  .passthrough();
export type PrinterDoc = z.infer<typeof PrinterDoc>;

/** What an order needs that a printer lacks, as data (a refusal carries it; each console says it in its words). */
export const CapabilityMisfit = z.discriminatedUnion('need', [
  z.object({ need: z.literal('paper'), size: z.string() }),
  z.object({ need: z.literal('colour') }),
  z.object({ need: z.literal('duplex') }),
  z.object({ need: z.literal('copies'), copies: z.number().int(), max: z.number().int() }),
]);
export type CapabilityMisfit = z.infer<typeof CapabilityMisfit>;

/** The first thing the order needs that the printer lacks, or undefined when it fits. */
export function capabilityMisfit(options: PrintingOptions, caps: PrinterCapabilities): CapabilityMisfit | undefined {
  if (!mediaFits(options.paperSize, caps.paperSizes)) return { need: 'paper', size: options.paperSize };
  if (options.color && !caps.color) return { need: 'colour' };
  if (options.duplex && !caps.duplex) return { need: 'duplex' };
  if (options.copies > caps.maxCopies) return { need: 'copies', copies: options.copies, max: caps.maxCopies };
  return undefined;
}

/** A misfit in one language: English below (the station's logs); the console passes its catalogue's. */
export interface MisfitWords {
  /** "needs paper A3": `what` is one of the texts below. */
  needs(what: string): string;
  paper(size: string): string;
  colour: string;
  duplex: string;
  copies(copies: number, max: number): string;
}

export const ENGLISH_MISFIT: MisfitWords = {
  needs: (what) => `needs ${what}`,
  paper: (size) => `paper ${size}`,
  colour: 'colour',
  duplex: 'duplex',
  copies: (copies, max) => `${copies} copies (printer allows ${max})`,
};

/** What the order needs, in words: "paper A3". */
export function misfitNeed(misfit: CapabilityMisfit, words: MisfitWords = ENGLISH_MISFIT): string {
  switch (misfit.need) {
    case 'paper':
      return words.paper(misfit.size);
    case 'colour':
      return words.colour;
    case 'duplex':
      return words.duplex;
    case 'copies':
      return words.copies(misfit.copies, misfit.max);
  }
}

/** A misfit in words: "needs paper A3". */
export function misfitSentence(misfit: CapabilityMisfit, words: MisfitWords = ENGLISH_MISFIT): string {
  return words.needs(misfitNeed(misfit, words));
}

/** Why an order does not fit a printer, or undefined when it does. The sentence names the requirement. */
export function capabilityMismatch(
  options: PrintingOptions,
  caps: PrinterCapabilities,
  words: MisfitWords = ENGLISH_MISFIT,
): string | undefined {
  const misfit = capabilityMisfit(options, caps);
  return misfit && misfitSentence(misfit, words);
}
