/**
 * CupsDriver: prints through CUPS over IPP (Linux, macOS). Every job is named after the order's printJobId and
 * followed by its IPP job-state until CUPS says `completed`; what the states mean is decided in cupsStates.ts.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IppGroup } from '@sealsystems/ipp';
import type { PrintingOptions } from '../../shared/domain';
import {
  PrintFailure,
  type DiscoveredPrinter,
  type PrinterDriver,
  type PrinterStatusReport,
  type SpoolJobRef,
  type SpoolJobStatus,
  type SubmitRequest,
} from './driver';
import { CupsIppClient, IppStatusError, asNumber, asString, asStrings, groups, type CupsIppClientOptions } from './cupsIppClient';
import { CAPABILITY_ATTRIBUTES, capabilitiesOfPrinter, ippJobAttributes } from './cupsOptions';
import { jobStatusFromCups, printerStatusFromCups } from './cupsStates';
import { cancelJob, findJobByName, jobOptionsOf, readJob, type IppJobLine } from './ippJobs';
import { failureOfIppStatus } from './cupsFailures';

const STATUS_ATTRIBUTES = [
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'queued-job-count',
];
const JOB_ATTRIBUTES = ['job-id', 'job-name', 'job-state', 'job-state-reasons', 'job-printer-state-message', 'job-impressions-completed'];

export type CupsDriverOptions = CupsIppClientOptions;

export class CupsDriver implements PrinterDriver {
  readonly kind = 'cups' as const;
  readonly client: CupsIppClient;
  /** The job operations CUPS shares with a driverless printer (ippJobs.ts), addressed by queue name. */
  private readonly line: IppJobLine = {
    call: (systemName, operation, attributes) => this.client.call(operation, systemName, attributes),
    toFailure,
  };

  constructor(options: CupsDriverOptions = {}) {
    this.client = new CupsIppClient(options);
  }

  /** host:port of the cupsd this driver talks to. */
  get server(): string {
    return this.client.server;
  }

  async list(): Promise<DiscoveredPrinter[]> {
    const response = await this.client
      .call('CUPS-Get-Printers', undefined, {
        'requested-attributes': ['printer-name', 'printer-info', 'printer-make-and-model', 'device-uri', ...CAPABILITY_ATTRIBUTES],
      })
      .catch((err: unknown) => {
        // A cupsd without any queue answers client-error-not-found: that is an empty list, not a failure.
        if (err instanceof IppStatusError && err.statusCode === 'client-error-not-found') return undefined;
        throw err;
      });
    if (!response) return [];
    return groups(response, 'printer-attributes-tag').flatMap((printer) => {
      const systemName = asString(printer['printer-name']);
      if (!systemName) return [];
      const discovered: DiscoveredPrinter = {
        systemName,
        displayName: asString(printer['printer-info']) || systemName,
        driverKind: 'cups',
        connectionType: connectionTypeOf(asString(printer['device-uri']) ?? ''),
        capabilities: capabilitiesOfPrinter(printer),
      };
      const model = asString(printer['printer-make-and-model']);
      if (model) discovered.driverName = model;
      return [discovered];
    });
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    try {
      const printer = await this.printerAttributes(systemName, STATUS_ATTRIBUTES);
      return printerStatusFromCups({
        queueName: systemName,
        state: asString(printer['printer-state']) ?? 'unknown',
        reasons: asStrings(printer['printer-state-reasons']),
        stateMessage: asString(printer['printer-state-message']) || undefined,
        acceptingJobs: printer['printer-is-accepting-jobs'] !== false,
        queueLength: asNumber(printer['queued-job-count']) ?? 0,
      });
    } catch (err) {
      const failure = toFailure(err, systemName);
      return {
        status: failure.failureClass === 'printer_offline' ? 'offline' : 'error',
        reasons: [],
        message: failure.message,
        queueLength: 0,
        failureClass: failure.failureClass,
      };
    }
  }

  async queueLength(systemName: string): Promise<number> {
    return (await this.status(systemName)).queueLength;
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    const { systemName, filePath, jobName, options } = request;
    try {
      const printer = await this.printerAttributes(systemName, ['media-supported']);
      const response = await this.client.call(
        'Print-Job',
        systemName,
        { 'job-name': jobName, 'document-format': await documentFormatOf(filePath) },
        { jobAttributes: ippJobAttributes(options, asStrings(printer['media-supported'])), data: createReadStream(filePath) },
      );
      const jobId = asNumber(groups(response, 'job-attributes-tag')[0]?.['job-id']);
      if (jobId === undefined) throw new PrintFailure('network', `CUPS accepted job ${jobName} on ${systemName} but returned no job id.`);
      return { systemName, jobId: String(jobId), jobName };
    } catch (err) {
      throw toFailure(err, systemName);
    }
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    const read = await readJob(this.line, job, JOB_ATTRIBUTES, ['job-printer-state-message']);
    // CUPS forgets finished jobs after MaxJobs/PreserveJobHistory: we cannot tell whether it printed.
    if (!read)
      return { state: 'unknown', reasons: [], message: `CUPS no longer knows job ${job.jobId} (${job.jobName}) on ${job.systemName}.` };
    const needsPrinter = read.state === 'pending' || read.state === 'processing-stopped' || read.state === 'aborted';
    const printer = needsPrinter ? await this.status(job.systemName) : undefined;
    return jobStatusFromCups({ jobId: Number(job.jobId), ...read, ...(printer ? { printer } : {}) });
  }

  /** The options as CUPS recorded them on the job: copies and duplex depend on the queue (DESIGN §8). */
  jobOptions(job: SpoolJobRef): Promise<Partial<PrintingOptions>> {
    return jobOptionsOf(this.line, job, ['media', 'sides', 'print-color-mode', 'copies']);
  }

  cancel(job: SpoolJobRef): Promise<void> {
    return cancelJob(this.line, job);
  }

  findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return findJobByName(this.line, systemName, jobName, { unknownTarget: 'no job' });
  }

  private async printerAttributes(systemName: string, attributes: string[]): Promise<IppGroup> {
    const response = await this.client.call('Get-Printer-Attributes', systemName, { 'requested-attributes': attributes });
    return groups(response, 'printer-attributes-tag')[0] ?? {};
  }
}

function toFailure(err: unknown, systemName: string): PrintFailure {
  if (err instanceof PrintFailure) return err;
  if (err instanceof IppStatusError) return failureOfIppStatus(err.statusCode, err.statusMessage, systemName);
  return new PrintFailure('network', `Talking to CUPS about ${systemName} failed: ${err instanceof Error ? err.message : String(err)}.`, {
    cause: err,
  });
}

function connectionTypeOf(deviceUri: string): DiscoveredPrinter['connectionType'] {
  const scheme = deviceUri.split(':')[0] ?? '';
  if (scheme === 'usb' || scheme === 'parallel' || scheme === 'serial') return 'usb';
  if (scheme === 'cups-pdf' || scheme === 'file' || scheme === 'cups-brf') return 'virtual';
  return 'network';
}

/** PDF says so in its first bytes; anything else is left for CUPS to type (it auto-detects PostScript, images, raw). */
async function documentFormatOf(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r').catch((err: unknown) => {
    throw new PrintFailure('invalid_data', `The file to print is missing: ${filePath}.`, { cause: err, sent: 'no' });
  });
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-' ? 'application/pdf' : 'application/octet-stream';
  } finally {
    await handle.close();
  }
}
