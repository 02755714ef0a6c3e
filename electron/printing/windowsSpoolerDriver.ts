/**
 * WindowsSpoolerDriver: prints PDFs through the Windows spooler with SumatraPDF and follows each job in
 * Win32_PrintJob by its document name, which is the temp file named after the printJobId. What the CIM values mean
 * is decided in windowsParse.ts; this file only moves data.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  PrintFailure,
  pollForJob,
  type DiscoveredPrinter,
  type PrinterDriver,
  type PrinterStatusReport,
  type SpoolJobRef,
  type SpoolJobStatus,
  type SubmitRequest,
} from './driver';
import {
  capabilitiesFromWindows,
  cimRecordsOf,
  findJobRecord,
  jobGoneFromQueue,
  jobStatusFromWindows,
  printerOfJob,
  printerStatusFromWindows,
  type WindowsJobRecord,
  type WindowsPrinterRecord,
} from './windowsParse';
import { PowerShellCimSession, type CimSession } from './windowsPowerShell';
import { bundledSumatraPath, printWithSumatra, type RunFile } from './windowsSumatra';

export interface WindowsSpoolerDriverOptions {
  session?: CimSession;
  sumatraPath?: string;
  /** How long SumatraPDF may take to spool one file before it is killed. */
  submitTimeoutMs?: number;
  /** How long to look for the new job in the queue after SumatraPDF returns. */
  findAfterSubmitMs?: number;
  tempDir?: string;
  run?: RunFile;
}

export class WindowsSpoolerDriver implements PrinterDriver {
  readonly kind = 'windows' as const;
  private readonly session: CimSession;
  private readonly tempDir: string;
  /** The last state seen per job: Windows drops printed jobs from the queue, so "gone" is judged against it. */
  private readonly lastSeen = new Map<string, SpoolJobStatus>();

  constructor(private readonly options: WindowsSpoolerDriverOptions = {}) {
    this.session = options.session ?? new PowerShellCimSession();
    this.tempDir = options.tempDir ?? path.join(os.tmpdir(), 'print-station');
  }

  async list(): Promise<DiscoveredPrinter[]> {
    return (await this.printers()).map((p) => ({
      systemName: p.Name,
      displayName: p.Name,
      driverKind: 'windows',
      ...(p.DriverName ? { driverName: p.DriverName } : {}),
      connectionType: connectionTypeOf(p),
      capabilities: capabilitiesFromWindows(p),
    }));
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    try {
      const [printers, jobs] = await Promise.all([this.printers(), this.jobs()]);
      const printer = printers.find((p) => p.Name.toLowerCase() === systemName.toLowerCase());
      if (!printer) {
        return {
          status: 'offline',
          reasons: ['not-installed'],
          queueLength: 0,
          failureClass: 'printer_offline',
          message: `Windows has no printer named ${systemName}; check the name in settings.`,
        };
      }
      const queueLength = jobs.filter((j) => printerOfJob(j).toLowerCase() === systemName.toLowerCase()).length;
      return printerStatusFromWindows(printer, queueLength);
    } catch (err) {
      const failure = err instanceof PrintFailure ? err : new PrintFailure('printer_offline', String(err));
      return { status: 'offline', reasons: [], queueLength: 0, failureClass: failure.failureClass, message: failure.message };
    }
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    await mkdir(this.tempDir, { recursive: true });
    // The spooler's document name is the file name: naming it after the printJobId is how the job is found again.
    const spoolFile = path.join(this.tempDir, `${request.jobName}.pdf`);
    await copyFile(request.filePath, spoolFile).catch((err: unknown) => {
      throw new PrintFailure('invalid_data', `The file to print is missing: ${request.filePath}.`, { cause: err, sent: 'no' });
    });
    try {
      await printWithSumatra(request.systemName, spoolFile, request.options, {
        sumatraPath: this.options.sumatraPath ?? bundledSumatraPath(),
        timeoutMs: this.options.submitTimeoutMs ?? 120_000,
        ...(this.options.run ? { run: this.options.run } : {}),
      });
    } catch (err) {
      // A killed SumatraPDF may have left half a job behind: take it out so nothing prints before the retry.
      const leftover = await this.findJob(request.systemName, request.jobName).catch(() => undefined);
      if (leftover) await this.cancel(leftover).catch(() => undefined);
      throw err;
    }
    const found = await this.waitForJob(request.systemName, request.jobName);
    // A small job on a fast printer can leave the queue before we look: jobState then judges it as gone.
    return found ?? { systemName: request.systemName, jobId: '', jobName: request.jobName };
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    const [jobs, printer] = await Promise.all([this.jobs(), this.status(job.systemName)]);
    const record = job.jobId
      ? jobs.find((j) => String(j.JobId) === job.jobId && printerOfJob(j).toLowerCase() === job.systemName.toLowerCase())
      : findJobRecord(jobs, job.systemName, job.jobName);
    const key = `${job.systemName}\u0000${job.jobName}`;
    const status = record ? jobStatusFromWindows(record, printer) : jobGoneFromQueue(this.lastSeen.get(key), printer, job.jobName);
    if (record) this.lastSeen.set(key, status);
    // The spooler has its own copy once the job is printed or gone; our temp file is only needed until then.
    if (status.state === 'completed' || status.state === 'canceled')
      await rm(path.join(this.tempDir, `${job.jobName}.pdf`), { force: true });
    return status;
  }

  async cancel(job: SpoolJobRef): Promise<void> {
    const ref = job.jobId ? job : await this.findJob(job.systemName, job.jobName);
    if (!ref?.jobId) return;
    await this.session.query({ op: 'cancelJob', printerName: ref.systemName, jobId: Number(ref.jobId) });
  }

  async findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    const record = findJobRecord(await this.jobs(), systemName, jobName);
    return record ? { systemName, jobId: String(record.JobId), jobName } : undefined;
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  private async printers(): Promise<WindowsPrinterRecord[]> {
    return cimRecordsOf<WindowsPrinterRecord>(await this.session.query({ op: 'printers' }));
  }

  private async jobs(): Promise<WindowsJobRecord[]> {
    return cimRecordsOf<WindowsJobRecord>(await this.session.query({ op: 'jobs' }));
  }

  private async waitForJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return pollForJob(() => this.findJob(systemName, jobName), this.options.findAfterSubmitMs ?? 10_000, 500);
  }
}

function connectionTypeOf(printer: WindowsPrinterRecord): DiscoveredPrinter['connectionType'] {
  const port = (printer.PortName ?? '').toUpperCase();
  if (port.startsWith('USB') || port.startsWith('LPT') || port.startsWith('COM')) return 'usb';
  if (port === 'PORTPROMPT:' || port === 'FILE:' || port.startsWith('NUL')) return 'virtual';
  return 'network';
}
