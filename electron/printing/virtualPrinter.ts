/**
 * A named fake for a physical printer (DESIGN §8 stand-in for the demo, the tests and the fault drills).
 * Each printer owns a folder (layout in virtualPrinterControl.ts): a submitted file is copied to `spool/` at once,
 * as a real spooler does, so the caller may delete its temp file; the job then takes `msPerPage` per page and copy,
 * and only a completed job leaves `printed/<jobName>--<jobId>.pdf`. Tests count prints by those files.
 *
 * Faults: stall keeps jobs queued (accepted, not printed) until unstall, as a stuck spooler does; throwAfterQueue
 * makes the next submit queue its job and then throw (the job prints: an ambiguous driver error).
 * jam / goOffline abort the running job and every queued one. A real Windows spooler would *pause* jobs for
 * an offline printer, but the engine releases such an order to another printer at once (DESIGN §6), and a paused
 * job that later resumed would be a double print; so this printer drops them.
 *
 * Crash: jobs and condition are persisted in `state.json` on every change. A new driver over the same folder (after
 * the station was killed -9) still finds completed jobs by name; unfinished ones are resumed (`afterCrash: 'resume'`,
 * the spooler outlived the station, like CUPS does) or forgotten (`'forget'`, a power cut took the queue with it:
 * findJob answers undefined and the engine must ask the operator). One live driver per printer folder.
 */
import { existsSync } from 'node:fs';
import type { PrinterCapabilities } from '../../shared/domain';
import {
  PrintFailure,
  isFinalJobState,
  type DiscoveredPrinter,
  type PrinterDriver,
  type PrinterStatusReport,
  type SpoolJobRef,
  type SpoolJobStatus,
  type SubmitRequest,
} from './driver';
import { countPdfPages } from './pdfPages';
import { printedFiles, takePrinterCommands, type PrinterCommand } from './virtualPrinterControl';
import { VirtualPrinter } from './virtualPrinterDevice';

export interface VirtualPrinterSpec {
  systemName: string;
  displayName?: string;
  capabilities?: PrinterCapabilities;
  /** Overrides the driver's msPerPage for this printer. */
  msPerPage?: number;
}

export interface VirtualPrinterOptions {
  /** Parent folder; each printer gets `<root>/<systemName>/`. */
  root: string;
  printers: VirtualPrinterSpec[];
  /** Time per printed page (pages × copies). Default 300 ms. */
  msPerPage?: number;
  /** How often the control folders are read. Default 200 ms. */
  controlPollMs?: number;
  /** What happens to jobs a previous, killed driver left unfinished. Default 'resume'. */
  afterCrash?: 'resume' | 'forget';
}

export const DEFAULT_VIRTUAL_CAPABILITIES: PrinterCapabilities = {
  paperSizes: ['A4', 'A5', 'Letter'],
  color: true,
  duplex: true,
  maxCopies: 99,
};

export class VirtualPrinterDriver implements PrinterDriver {
  readonly kind = 'virtual' as const;
  /** Every accepted job is in state.json at once, so a name it cannot find was never sent. */
  readonly knowsEveryJob = true;
  private readonly printers = new Map<string, VirtualPrinter>();
  private readonly poll: NodeJS.Timeout;

  constructor(options: VirtualPrinterOptions) {
    for (const spec of options.printers) {
      const printer = new VirtualPrinter(spec, options.root, options.msPerPage ?? 300, options.afterCrash ?? 'resume');
      this.printers.set(spec.systemName, printer);
    }
    this.readControls();
    this.poll = setInterval(() => this.readControls(), options.controlPollMs ?? 200);
    this.poll.unref(); // a printer's remote control must not keep a finished process alive
  }

  private readControls() {
    for (const printer of this.printers.values()) {
      for (const command of takePrinterCommands(printer.dir)) printer.apply(command);
    }
  }

  private printer(systemName: string): VirtualPrinter {
    const printer = this.printers.get(systemName);
    if (!printer) throw new PrintFailure('printer_offline', `There is no virtual printer named ${systemName}.`, { sent: 'no' });
    return printer;
  }

  async list(): Promise<DiscoveredPrinter[]> {
    return [...this.printers.values()].map(({ spec }) => ({
      systemName: spec.systemName,
      displayName: spec.displayName ?? spec.systemName,
      driverKind: 'virtual',
      driverName: 'Virtual printer',
      connectionType: 'virtual',
      capabilities: spec.capabilities ?? DEFAULT_VIRTUAL_CAPABILITIES,
    }));
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    const printer = this.printers.get(systemName);
    if (!printer)
      return {
        status: 'offline',
        reasons: ['not-configured'],
        message: `There is no virtual printer named ${systemName}`,
        queueLength: 0,
        failureClass: 'printer_offline',
      };
    return printer.status();
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    const printer = this.printer(request.systemName);
    const refused = printer.refuseReason();
    if (refused) throw refused;
    if (!existsSync(request.filePath)) {
      throw new PrintFailure(
        'invalid_data',
        `The file to print (${request.filePath}) is gone before it reached printer ${request.systemName}.`,
        { sent: 'no' },
      );
    }
    const pages = request.pageCount ?? (await countPdfPages(request.filePath)) ?? 1;
    const job = printer.accept(request.jobName, request.filePath, pages * request.options.copies);
    if (printer.takeThrowAfterQueue()) throw new Error('connection reset after upload');
    return { systemName: request.systemName, jobId: job.jobId, jobName: job.jobName };
  }

  async jobState(ref: SpoolJobRef): Promise<SpoolJobStatus> {
    const job = this.printer(ref.systemName).jobs.find((j) => j.jobId === ref.jobId);
    if (!job) return { state: 'unknown', reasons: [], message: `Printer ${ref.systemName} does not know job ${ref.jobName}` };
    const { state, reasons, message, pagesDone, pagesTotal, failureClass } = job;
    return { state, reasons, message, pagesDone, pagesTotal, failureClass };
  }

  async cancel(ref: SpoolJobRef): Promise<void> {
    const printer = this.printer(ref.systemName);
    const job = printer.jobs.find((j) => j.jobId === ref.jobId);
    if (!job || isFinalJobState(job.state)) return;
    printer.finish(job, 'canceled', ['job-canceled-by-user'], 'canceled at the station');
    printer.pump();
  }

  async findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    const job = this.printer(systemName).jobs.findLast((j) => j.jobName === jobName);
    return job && { systemName, jobId: job.jobId, jobName };
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    for (const printer of this.printers.values()) printer.stop();
  }

  // In-process fault controls; another process uses sendPrinterCommand(folder(name), …) instead.
  apply(systemName: string, command: PrinterCommand) {
    this.printer(systemName).apply(command);
  }
  jam(systemName: string, reason = 'media-jam') {
    this.printer(systemName).apply({ command: 'jam', reason });
  }
  clearJam(systemName: string) {
    this.printer(systemName).apply({ command: 'clearJam' });
  }
  goOffline(systemName: string) {
    this.printer(systemName).apply({ command: 'goOffline' });
  }
  comeOnline(systemName: string) {
    this.printer(systemName).apply({ command: 'comeOnline' });
  }
  slow(systemName: string, factor: number) {
    this.printer(systemName).apply({ command: 'slow', factor });
  }
  dieMidJob(systemName: string) {
    this.printer(systemName).apply({ command: 'dieMidJob' });
  }
  stall(systemName: string) {
    this.printer(systemName).apply({ command: 'stall' });
  }
  unstall(systemName: string) {
    this.printer(systemName).apply({ command: 'unstall' });
  }
  throwAfterQueue(systemName: string) {
    this.printer(systemName).apply({ command: 'throwAfterQueue' });
  }

  /** The printer's folder, for sendPrinterCommand and printedFiles. */
  folder(systemName: string): string {
    return this.printer(systemName).dir;
  }
  /** The files this printer printed (one per completed job). */
  printed(systemName: string): string[] {
    return printedFiles(this.printer(systemName).dir);
  }
}
