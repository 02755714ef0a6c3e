/**
 * Raw9100Driver: label printers that take their own language (ZPL, Brother raster…) on TCP port 9100 (seed 000).
 * There is no spooler in between, so there is no job history: a job is "completed" when the printer has taken the
 * bytes and, for printers whose profile speaks a status protocol, reports an empty buffer and no fault.
 */
import { readFile } from 'node:fs/promises';
import type { PrinterCapabilities } from '../../shared/domain';
import {
  PrintFailure,
  type DiscoveredPrinter,
  type PrinterDriver,
  type PrinterStatusReport,
  type SpoolJobRef,
  type SpoolJobStatus,
  type SubmitRequest,
} from './driver';
import { STATUS_QUERY, parseStatusAnswer, statusAnswerComplete, type RawStatusProtocol } from './raw9100Status';
import { askStatus, connect, sendBytes, type RawEndpoint } from './raw9100Socket';

export interface RawPrinterProfile {
  /** The name the station stores (printers.system_name); "host:port" when the operator typed an address. */
  systemName: string;
  host: string;
  port?: number;
  displayName?: string;
  /** Set only when the printer is known to answer it: a query the printer ignores would read as an error. */
  statusProtocol?: RawStatusProtocol;
  capabilities?: PrinterCapabilities;
}

export interface Raw9100DriverOptions {
  printers?: RawPrinterProfile[];
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
}

const LABEL_PRINTER: PrinterCapabilities = { paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 1 };

interface RawJob {
  ref: SpoolJobRef;
  state: 'completed' | 'canceled';
}

export class Raw9100Driver implements PrinterDriver {
  readonly kind = 'raw' as const;
  private readonly profiles = new Map<string, RawPrinterProfile>();
  private readonly jobs = new Map<string, RawJob>();
  private nextJob = 1;
  private readonly connectMs: number;
  private readonly writeMs: number;
  private readonly statusMs: number;

  constructor(options: Raw9100DriverOptions = {}) {
    for (const profile of options.printers ?? []) this.addPrinter(profile);
    this.connectMs = options.connectTimeoutMs ?? 5_000;
    this.writeMs = options.writeTimeoutMs ?? 60_000;
    this.statusMs = options.statusTimeoutMs ?? 3_000;
  }

  /** Adds (or replaces) a printer the operator configured by address. */
  addPrinter(profile: RawPrinterProfile): void {
    this.profiles.set(profile.systemName, profile);
  }

  async list(): Promise<DiscoveredPrinter[]> {
    return [...this.profiles.values()].map((p) => ({
      systemName: p.systemName,
      displayName: p.displayName ?? `${p.host}:${p.port ?? 9100}`,
      driverKind: 'raw',
      driverName: p.statusProtocol ? `raw 9100 (${p.statusProtocol})` : 'raw 9100',
      connectionType: 'network',
      capabilities: p.capabilities ?? LABEL_PRINTER,
    }));
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    const profile = this.profile(systemName);
    const endpoint = endpointOf(profile);
    if (!profile.statusProtocol) {
      // Without a status protocol the only question the printer answers is whether it takes a connection.
      try {
        const socket = await connect(endpoint, this.connectMs);
        socket.destroy();
        return { status: 'online', reasons: [], queueLength: 0 };
      } catch (err) {
        return offlineReport(err);
      }
    }
    try {
      const protocol = profile.statusProtocol;
      const answer = await askStatus(endpoint, STATUS_QUERY[protocol], (b) => statusAnswerComplete(protocol, b), {
        connectMs: this.connectMs,
        answerMs: this.statusMs,
      });
      if (!answer) {
        return {
          status: 'error',
          reasons: ['status-no-answer'],
          message: `${endpoint.label} took the connection but did not answer its ${protocol} status query within ${this.statusMs} ms; check the printer.`,
          queueLength: 0,
          failureClass: 'printer_jam',
        };
      }
      return parseStatusAnswer(protocol, endpoint.label, answer);
    } catch (err) {
      return offlineReport(err);
    }
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    const profile = this.profile(request.systemName);
    const data = await readFile(request.filePath).catch((err: unknown) => {
      throw new PrintFailure('invalid_data', `The file to print is missing: ${request.filePath}.`, { cause: err, sent: 'no' });
    });
    // A printer-language file holds its own copy count (ZPL ^PQ): sending it twice would be a second order.
    await sendBytes(endpointOf(profile), data, { connectMs: this.connectMs, writeMs: this.writeMs });
    const ref: SpoolJobRef = { systemName: request.systemName, jobId: `raw-${this.nextJob++}`, jobName: request.jobName };
    this.jobs.set(ref.jobId, { ref, state: 'completed' });
    return ref;
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    const known = this.jobs.get(job.jobId);
    if (!known) {
      return { state: 'unknown', reasons: [], message: `Raw printers keep no job history: whether ${job.jobName} printed on ${job.systemName} cannot be told.` };
    }
    if (known.state === 'canceled') return { state: 'canceled', reasons: [] };
    const profile = this.profile(job.systemName);
    if (!profile.statusProtocol) {
      return { state: 'completed', reasons: ['sent-without-confirmation'], message: `${job.jobName} was sent to ${job.systemName}, which cannot confirm printing.` };
    }
    const printer = await this.status(job.systemName);
    if (printer.failureClass) {
      return { state: 'stopped', reasons: printer.reasons, failureClass: printer.failureClass, ...(printer.message ? { message: printer.message } : {}) };
    }
    if (printer.status === 'busy') return { state: 'processing', reasons: ['printer-busy'] };
    return { state: 'completed', reasons: ['printer-buffer-empty'] };
  }

  async cancel(job: SpoolJobRef): Promise<void> {
    const known = this.jobs.get(job.jobId);
    const profile = this.profiles.get(job.systemName);
    // Zebra's ~JA drops every format still in its buffer; other languages have no way to take bytes back.
    if (profile?.statusProtocol === 'zebra') {
      await sendBytes(endpointOf(profile), Buffer.from('~JA', 'latin1'), { connectMs: this.connectMs, writeMs: this.writeMs });
      if (known) known.state = 'canceled';
    }
  }

  async findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return [...this.jobs.values()].find((j) => j.ref.systemName === systemName && j.ref.jobName === jobName)?.ref;
  }

  private profile(systemName: string): RawPrinterProfile {
    const known = this.profiles.get(systemName);
    if (known) return known;
    const address = /^(.+):(\d+)$/.exec(systemName);
    if (address) return { systemName, host: address[1]!, port: Number(address[2]) };
    throw new PrintFailure('printer_offline', `No raw printer named ${systemName} is configured; add its address in settings.`, { sent: 'no' });
  }
}

function endpointOf(profile: RawPrinterProfile): RawEndpoint {
  return { host: profile.host, port: profile.port ?? 9100, label: profile.displayName ?? profile.systemName };
}

function offlineReport(err: unknown): PrinterStatusReport {
  const message = err instanceof Error ? err.message : String(err);
  return { status: 'offline', reasons: ['unreachable'], message, queueLength: 0, failureClass: 'printer_offline' };
}
