/**
 * What came out of the printers, as a person at the trays would see it: each printed file, the order named inside
 * it (drill/orderFiles.ts), its job name (= printJobId) and when it landed. The virtual printer moves a finished job
 * from spool/ to printed/ with a rename, which keeps the spool file's mtime (the submit) but sets ctime: ctime is
 * when the paper came out. Files are parsed once and remembered, so the operator can look often.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { printedDir, printedFiles, stateFile } from '../../electron/printing/virtualPrinterControl';
import { orderIdOfPdf } from './orderFiles';

export interface PrintedCopy {
  orderId: string | undefined;
  printJobId: string;
  /** The printer's system name (= printer id in the drill). */
  printer: string;
  /** When it landed in the output tray (ms since epoch). */
  at: number;
  file: string;
}

export class PrinterOutput {
  private readonly seen = new Map<string, PrintedCopy>();

  constructor(private readonly printerDirs: string[]) {}

  /** Reads new files in every tray; returns every copy so far. */
  async look(): Promise<PrintedCopy[]> {
    for (const dir of this.printerDirs) {
      for (const name of printedFiles(dir)) {
        const file = join(printedDir(dir), name);
        if (this.seen.has(file)) continue;
        let at: number;
        try {
          at = statSync(file).ctimeMs;
        } catch {
          continue;
        }
        const orderId = await orderIdOfPdf(readFileSync(file));
        this.seen.set(file, { orderId, printJobId: name.slice(0, name.lastIndexOf('--')), printer: basename(dir), at, file });
      }
    }
    return [...this.seen.values()];
  }

  /** Copies of one order so far. */
  async copiesOf(orderId: string): Promise<PrintedCopy[]> {
    return (await this.look()).filter((c) => c.orderId === orderId);
  }

  /** Did this attempt (its printJobId) come out anywhere? The question a person answers at the tray. */
  async attemptPrinted(printJobId: string): Promise<boolean> {
    return (await this.look()).some((c) => c.printJobId === printJobId);
  }

  /**
   * Where this attempt's job is at a printer right now: `printing` (paper is moving), `queued`, or undefined (not
   * at any printer). Read from the virtual printers' state files, as a person would see the printer's display.
   */
  attemptAtPrinter(printJobId: string): { state: 'printing' | 'queued'; printer: string } | undefined {
    for (const dir of this.printerDirs) {
      if (!existsSync(stateFile(dir))) continue;
      let jobs: Array<{ jobName?: string; state?: string }>;
      try {
        jobs = (JSON.parse(readFileSync(stateFile(dir), 'utf8')) as { jobs?: typeof jobs }).jobs ?? [];
      } catch {
        continue; // being rewritten: the next look sees it
      }
      const job = jobs.find((j) => j.jobName === printJobId && (j.state === 'processing' || j.state === 'pending'));
      if (job) return { state: job.state === 'processing' ? 'printing' : 'queued', printer: basename(dir) };
    }
    return undefined;
  }
}
