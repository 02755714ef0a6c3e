/**
 * `--stalls N`: a printer stops taking paper in while a job is on its way to it or in it (the virtual printer's
 * `stall`: submits still succeed, the jobs stay queued, status "not responding"), stays so past the stations'
 * maxPrintDurationMs, so the order goes to needs_attention with its copy still in that queue, and then comes back
 * (`unstall`) and prints whatever is still queued. A station that lost the order meanwhile (an operator's reprint,
 * cancel or reset) must have taken its copy out of that queue (issue 8, case 1).
 */
import type { Collection } from 'mongodb';
import { sendPrinterCommand } from '../../electron/printing/virtualPrinterControl';
import type { DrillFleet, DrillPrinter } from './fleet';
import type { DrillRandom } from './random';

export class StallFault {
  /** Printer id → when it stalled. */
  private readonly now = new Map<string, number>();
  private readonly comebacks = new Set<NodeJS.Timeout>();
  stalls = 0;

  constructor(
    private readonly fleet: DrillFleet,
    private readonly orders: Collection,
    private readonly random: DrillRandom,
    /** How long a printer stays stalled: past maxPrintDurationMs, so the job is flagged before it comes back. */
    private readonly holdMs: () => number,
    private readonly log: (line: string) => void,
  ) {}

  stalled(): ReadonlySet<string> {
    return new Set(this.now.keys());
  }

  /** Stalls a printer that is about to get or has a job (any free one when none is busy); unstalls it later. */
  async stallOne(): Promise<void> {
    const free = this.fleet.printers.filter((p) => !this.now.has(p.printerId));
    if (free.length === 0) return;
    const busy = await this.orders.distinct('printerId', { printStatus: 'printing', printerId: { $in: free.map((p) => p.printerId) } });
    const pool = busy.length > 0 ? free.filter((p) => busy.includes(p.printerId)) : free;
    const printer = this.random.pick(pool);
    sendPrinterCommand(printer.dir, { command: 'stall' });
    this.stalls += 1;
    this.now.set(printer.printerId, Date.now());
    const hold = this.holdMs();
    this.log(
      `[chaos] stall ${this.stalls}: ${printer.printerId}${busy.includes(printer.printerId) ? ' (busy)' : ''} for ${(hold / 1_000).toFixed(1)} s`,
    );
    const timer = setTimeout(() => {
      this.comebacks.delete(timer);
      this.unstall(printer);
    }, hold);
    this.comebacks.add(timer);
  }

  /** Every stalled printer comes back now (the drill settles). */
  unstallAll(): void {
    for (const timer of this.comebacks) clearTimeout(timer);
    this.comebacks.clear();
    for (const printer of this.fleet.printers) if (this.now.has(printer.printerId)) this.unstall(printer);
  }

  private unstall(printer: DrillPrinter): void {
    sendPrinterCommand(printer.dir, { command: 'unstall' });
    this.now.delete(printer.printerId);
    this.log(`[chaos] ${printer.printerId} takes paper in again`);
  }
}
