/**
 * IppEverywhereDriver: prints straight to a driverless printer (IPP Everywhere / AirPrint) at its URI, which is
 * the printer's systemName (`ipp://host:port/ipp/print`). PDF where the printer lists it, PWG raster otherwise
 * (through an injected rasteriser); each job is named after the order's printJobId and followed by its job-state
 * until the printer says `completed` (DESIGN §8).
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
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
import { IppStatusError, asNumber, asString, asStrings, groups } from './cupsIppClient';
import { ippJobAttributes } from './cupsOptions';
import { IppPrinterClient, parsePrinterUri, type IppPrinterClientOptions } from './ippEverywhereClient';
import { cancelJob, findJobByName, jobOptionsOf, readJob, type IppJobLine } from './ippJobs';
import {
  PDF,
  PRINTER_DESCRIPTION_ATTRIBUTES,
  describePrinter,
  planDocument,
  type IppPrinterDescription,
  type Resolution,
} from './ippEverywhereAttributes';
import { failureOfPrinterStatus, jobStatusFromIpp, printerStatusFromIpp } from './ippEverywhereStates';

const STATUS_ATTRIBUTES = [
  'printer-name',
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'queued-job-count',
];
const JOB_ATTRIBUTES = [
  'job-id',
  'job-name',
  'job-state',
  'job-state-reasons',
  'job-state-message',
  'job-printer-state-message',
  'job-impressions-completed',
];

/** PDF bytes → a PWG raster stream for one printer (resolution, colour space and media chosen by the driver). */
export type PwgRasteriser = (
  pdf: Uint8Array,
  target: { resolution: Resolution; colorSpace: 'sgray_8' | 'srgb_8' | 'black_1'; media: string; copies: number },
) => Promise<Buffer>;

export interface IppEverywhereDriverOptions extends IppPrinterClientOptions {
  /** Printers this driver lists (from the config or an address typed in); discovery finds the others by DNS-SD. */
  uris?: string[];
  /**
   * For printers that take no PDF. Default: the label rasteriser (loaded on first use, it brings pdfjs and a native
   * canvas); `false` leaves it out, and such printers then refuse orders as capability_mismatch.
   */
  rasterise?: PwgRasteriser | false;
}

export class IppEverywhereDriver implements PrinterDriver {
  readonly kind = 'ipp' as const;
  /** Get-Jobs which-jobs=all lists every job the printer still remembers, at once. */
  readonly knowsEveryJob = true;
  private readonly client: IppPrinterClient;
  /** The job operations a driverless printer shares with CUPS (ippJobs.ts), addressed by the printer's URI. */
  private readonly line: IppJobLine = {
    call: (systemName, operation, attributes) => this.client.call(systemName, operation, attributes),
    toFailure,
  };

  constructor(private readonly options: IppEverywhereDriverOptions = {}) {
    this.client = new IppPrinterClient(options);
  }

  async list(): Promise<DiscoveredPrinter[]> {
    return Promise.all((this.options.uris ?? []).map((uri) => this.discovered(uri)));
  }

  /** One printer as discovery shows it, asked at its URI. */
  async discovered(uri: string): Promise<DiscoveredPrinter> {
    const described = await this.describe(uri);
    const printer: DiscoveredPrinter = {
      systemName: uri,
      displayName: described.name ?? parsePrinterUri(uri).host,
      driverKind: 'ipp',
      connectionType: 'network',
      capabilities: described.capabilities,
    };
    if (described.makeAndModel) printer.driverName = `${described.makeAndModel} (driverless IPP)`;
    return printer;
  }

  async describe(uri: string): Promise<IppPrinterDescription> {
    return describePrinter(await this.printerAttributes(uri, PRINTER_DESCRIPTION_ATTRIBUTES));
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    try {
      const printer = await this.printerAttributes(systemName, STATUS_ATTRIBUTES);
      return printerStatusFromIpp({
        label: labelOf(systemName, printer),
        state: asString(printer['printer-state']) ?? 'unknown',
        reasons: asStrings(printer['printer-state-reasons']),
        stateMessage: asString(printer['printer-state-message']) || undefined,
        acceptingJobs: printer['printer-is-accepting-jobs'] !== false,
        queueLength: asNumber(printer['queued-job-count']) ?? 0,
      });
    } catch (err) {
      const failure = toFailure(err, systemName);
      const status = failure.failureClass === 'printer_offline' ? 'offline' : 'error';
      return { status, reasons: [], message: failure.message, queueLength: 0, failureClass: failure.failureClass };
    }
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    const { systemName, filePath, jobName, options } = request;
    try {
      await assertPdf(filePath);
      // Asked before every job: the loaded media and the formats can change while the station runs.
      const printer = await this.describe(systemName).catch((err: unknown) => {
        throw asNotSent(toFailure(err, systemName));
      });
      const document = await this.documentFor(printer, request);
      const response = await this.client.call(
        systemName,
        'Print-Job',
        { 'job-name': jobName, 'document-format': document.format },
        { jobAttributes: ippJobAttributes(options, printer.mediaSupported), data: document.data },
      );
      const jobId = asNumber(groups(response, 'job-attributes-tag')[0]?.['job-id']);
      if (jobId === undefined) throw new PrintFailure('network', `${systemName} accepted job ${jobName} but returned no job id.`);
      return { systemName, jobId: String(jobId), jobName };
    } catch (err) {
      throw toFailure(err, systemName);
    }
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    const read = await readJob(this.line, job, JOB_ATTRIBUTES, ['job-state-message', 'job-printer-state-message']);
    // Printers keep a short job history; once it is gone nobody can tell whether the job printed.
    if (!read) return { state: 'unknown', reasons: [], message: `${job.systemName} no longer knows job ${job.jobId} (${job.jobName}).` };
    // A pending or stopped job waits on the printer: its sentence says why (paused, out of paper).
    const printer = read.state === 'completed' || read.state === 'canceled' ? undefined : await this.status(job.systemName);
    return jobStatusFromIpp({
      jobId: Number(job.jobId),
      label: job.systemName,
      ...read,
      ...(printer && (printer.failureClass || read.state !== 'processing') ? { printer } : {}),
    });
  }

  /** The options as the printer recorded them on the job (media, sides, colour, copies). */
  jobOptions(job: SpoolJobRef): Promise<Partial<PrintingOptions>> {
    return jobOptionsOf(this.line, job, ['media', 'media-col', 'sides', 'print-color-mode', 'copies']);
  }

  cancel(job: SpoolJobRef): Promise<void> {
    return cancelJob(this.line, job);
  }

  findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return findJobByName(this.line, systemName, jobName, { unknownTarget: 'failure' });
  }

  private async documentFor(
    printer: IppPrinterDescription,
    request: SubmitRequest,
  ): Promise<{ format: string; data: Buffer | NodeJS.ReadableStream }> {
    const plan = planDocument(printer, request.options.color);
    const label = printer.name ?? request.systemName;
    if (!plan) {
      throw new PrintFailure(
        'capability_mismatch',
        `${label} takes neither PDF nor PWG raster (it lists ${printer.documentFormats.join(', ') || 'no formats'}); print to it through CUPS instead.`,
        { sent: 'no' },
      );
    }
    if (plan.format === PDF) return { format: PDF, data: createReadStream(request.filePath) };
    const rasterise = this.options.rasterise === undefined ? defaultRasteriser : this.options.rasterise;
    if (!rasterise) {
      throw new PrintFailure(
        'capability_mismatch',
        `${label} takes no PDF, only PWG raster, and this station has no PWG rasteriser configured.`,
        { sent: 'no' },
      );
    }
    const media = ippJobAttributes(request.options, printer.mediaSupported).media as string;
    const data = await rasterise(await readFile(request.filePath), {
      resolution: plan.resolution,
      colorSpace: plan.colorSpace,
      media,
      copies: request.options.copies,
    }).catch((err: unknown) => {
      throw new PrintFailure(
        'invalid_data',
        `The file could not be turned into PWG raster for ${label}: ${err instanceof Error ? err.message : String(err)}.`,
        { cause: err, sent: 'no' },
      );
    });
    return { format: plan.format, data };
  }

  private async printerAttributes(uri: string, attributes: string[]): Promise<IppGroup> {
    const response = await this.client.call(uri, 'Get-Printer-Attributes', { 'requested-attributes': attributes });
    return groups(response, 'printer-attributes-tag')[0] ?? {};
  }
}

const defaultRasteriser: PwgRasteriser = async (pdf, target) => (await import('./ippEverywhereRaster')).pwgRasteriser(pdf, target);

function labelOf(uri: string, printer: IppGroup): string {
  const name = asString(printer['printer-name']);
  return name ? `${name} (${uri})` : uri;
}

function toFailure(err: unknown, systemName: string): PrintFailure {
  if (err instanceof PrintFailure) return err;
  if (err instanceof IppStatusError) return failureOfPrinterStatus(err.statusCode, err.statusMessage, systemName);
  return new PrintFailure('network', `Talking to ${systemName} failed: ${err instanceof Error ? err.message : String(err)}.`, {
    cause: err,
  });
}

/** A failure before Print-Job was sent: whatever it says, no byte of the document left. */
function asNotSent(failure: PrintFailure): PrintFailure {
  return failure.sent === 'no' ? failure : new PrintFailure(failure.failureClass, failure.message, { cause: failure, sent: 'no' });
}

async function assertPdf(filePath: string): Promise<void> {
  const handle = await open(filePath, 'r').catch((err: unknown) => {
    throw new PrintFailure('invalid_data', `The file to print is missing: ${filePath}.`, { cause: err, sent: 'no' });
  });
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString('latin1') !== '%PDF-')
      throw new PrintFailure(
        'invalid_data',
        `${filePath} is not a PDF; a driverless IPP printer is sent PDF or PWG raster made from one.`,
        { sent: 'no' },
      );
  } finally {
    await handle.close();
  }
}
