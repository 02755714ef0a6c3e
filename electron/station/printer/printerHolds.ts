/**
 * What must outlive a restart about a printer: a pause (who, when, why), auto-print on/off, the item waiting in
 * its tray (awaiting_retrieval is left only by a person, DESIGN §5, however often the station restarts), and a spool
 * job it could not withdraw after losing its order (the printer stays in error asking about it, DESIGN §4).
 * A small JSON file in the station's data dir, rewritten whole (temp file + rename) on every change, so a crash
 * leaves either the old file or the new one. A file that cannot be read is ignored with a warning: the printers
 * then start as configured, which is what they did before this file existed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Hold = z.object({
  paused: z.object({ by: z.string(), stationId: z.string().optional(), reason: z.string().optional(), at: z.coerce.date() }).optional(),
  autoPrint: z.boolean().optional(),
  awaiting: z.object({ orderId: z.string(), printJobId: z.string() }).optional(),
  /** A spool job of an order this station lost that it could not withdraw: a copy may still come out here. */
  stray: z.object({ orderId: z.string(), printJobId: z.string(), systemName: z.string(), question: z.string() }).optional(),
});
export type PrinterHold = z.infer<typeof Hold>;
const HoldsFile = z.object({ version: z.literal(1), printers: z.record(z.string(), Hold) });

export const PRINTER_HOLDS_FILE = 'printer-holds.json';

export class PrinterHolds {
  private readonly file: string;
  private readonly holds: Record<string, PrinterHold>;

  constructor(dataDir: string, warn: (message: string) => void = () => {}) {
    this.file = path.join(dataDir, PRINTER_HOLDS_FILE);
    this.holds = {};
    let text: string | undefined;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return; // no file yet: nothing was held
    }
    try {
      Object.assign(this.holds, HoldsFile.parse(JSON.parse(text)).printers);
    } catch (error) {
      warn(`${this.file} could not be read (${(error as Error).message}); printers start as configured`);
    }
  }

  of(printerId: string): PrinterHold {
    return { ...this.holds[printerId] };
  }

  set(printerId: string, change: Partial<PrinterHold>): void {
    const next: PrinterHold = { ...this.holds[printerId], ...change };
    if (!next.paused) delete next.paused;
    if (next.autoPrint === undefined) delete next.autoPrint;
    if (!next.awaiting) delete next.awaiting;
    if (!next.stray) delete next.stray;
    this.holds[printerId] = next;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, printers: this.holds }, null, 2));
    renameSync(tmp, this.file);
  }
}
