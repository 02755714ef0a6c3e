/**
 * `--submit-errors N`: a driver that queues the job and then throws (the virtual printer's one-shot
 * `throwAfterQueue`, "connection reset after upload"). The job WILL print: a station that takes the error as
 * "nothing was sent" and gives the order back prints it twice (issue 8, case 3).
 */
import type { Collection } from 'mongodb';
import { sendPrinterCommand } from '../../electron/printing/virtualPrinterControl';
import type { DrillFleet } from './fleet';
import type { DrillRandom } from './random';

export class SubmitErrorFault {
  armed = 0;

  constructor(
    private readonly fleet: DrillFleet,
    private readonly orders: Collection,
    private readonly random: DrillRandom,
    private readonly log: (line: string) => void,
  ) {}

  /** Arms a printer of a running station, preferring one that is not printing (its next submit comes soon). */
  async armOne(stalled: ReadonlySet<string>): Promise<void> {
    const up = new Set(this.fleet.up());
    const candidates = this.fleet.printers.filter((p) => up.has(p.station) && !stalled.has(p.printerId));
    if (candidates.length === 0) return;
    const busy = new Set(await this.orders.distinct('printerId', { printStatus: 'printing' }));
    const idle = candidates.filter((p) => !busy.has(p.printerId));
    const printer = this.random.pick(idle.length > 0 ? idle : candidates);
    sendPrinterCommand(printer.dir, { command: 'throwAfterQueue' });
    this.armed += 1;
    this.log(`[chaos] submit error ${this.armed}: ${printer.printerId}'s next submit queues its job and then throws`);
  }
}
