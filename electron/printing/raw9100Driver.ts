/**
 * Raw9100Driver: label printers on TCP port 9100 (seed 000) that read their own language, ZPL or Brother QL raster.
 * A PDF is rendered and encoded for the printer (rawLabelJob.ts); a ZPL file goes through unchanged only to a ZPL
 * printer set to pass it through. There is no spooler in between, so the driver follows each job itself with the
 * printer's status protocol (rawJobWatch.ts): Zebra `~HS` counts the labels still to print, Brother sends
 * "printing completed" after each page. A job is completed only when the printer confirms it; a printer that does
 * not answer ends the job `sent-without-confirmation`, never a silent "printed".
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
import { readBrotherStatus } from './brotherStatus';
import { STATUS_QUERY, parseStatusAnswer, statusAnswerComplete, type RawStatusProtocol } from './raw9100Status';
import { RawSession, askStatus, connect, sendBytes, type RawEndpoint } from './raw9100Socket';
import { prepareRawLabelJob, type RawLabelSetup, type RawLanguage } from './rawLabelJob';
import { RawJobWatch } from './rawJobWatch';

export interface RawPrinterProfile {
  /** The name the station stores (printers.system_name); "host:port" when the operator typed an address. */
  systemName: string;
  host: string;
  port?: number;
  displayName?: string;
  /** Default: the protocol of `language`. Set explicitly for an older profile without a language. */
  statusProtocol?: RawStatusProtocol;
  /** False for a printer that never answers its status query: jobs end `sent-without-confirmation`. */
  statusQuery?: boolean;
  capabilities?: PrinterCapabilities;
  /** Absent: only printer-language files pass through unchanged (an older profile); PDFs are refused. */
  language?: RawLanguage;
  dpi?: number;
  /** The media loaded (short or PWG 5101.1 names); default: capabilities.paperSizes. */
  media?: string[];
  passThrough?: boolean;
  rasterMode?: 'threshold' | 'dither';
  threshold?: number;
}

export interface Raw9100DriverOptions {
  printers?: RawPrinterProfile[];
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** How long a printer that confirmed before may stay silent mid-job before the job counts as unconfirmed. */
  confirmTimeoutMs?: number;
}

const LABEL_PRINTER: PrinterCapabilities = { paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 1 };

/** A configured raw printer (station config fields) as the driver's profile; the address comes from systemName. */
export function rawProfileOf(printer: {
  name: string;
  systemName?: string;
  capabilities: PrinterCapabilities;
  language?: RawLanguage;
  dpi?: number;
  media?: string[];
  passThrough?: boolean;
  rasterMode?: 'threshold' | 'dither';
  threshold?: number;
  statusQuery?: boolean;
}): RawPrinterProfile {
  const systemName = printer.systemName ?? printer.name;
  const address = /^(.+):(\d+)$/.exec(systemName);
  return {
    systemName,
    host: address ? address[1]! : systemName,
    port: address ? Number(address[2]) : 9100,
    displayName: printer.name,
    capabilities: printer.capabilities,
    media: printer.media ?? printer.capabilities.paperSizes,
    ...(printer.language ? { language: printer.language } : {}),
    ...(printer.dpi ? { dpi: printer.dpi } : {}),
    ...(printer.passThrough !== undefined ? { passThrough: printer.passThrough } : {}),
    ...(printer.rasterMode ? { rasterMode: printer.rasterMode } : {}),
    ...(printer.threshold !== undefined ? { threshold: printer.threshold } : {}),
    ...(printer.statusQuery !== undefined ? { statusQuery: printer.statusQuery } : {}),
  };
}

export class Raw9100Driver implements PrinterDriver {
  readonly kind = 'raw' as const;
  private readonly profiles = new Map<string, RawPrinterProfile>();
  private readonly jobs = new Map<string, RawJobWatch>();
  private nextJob = 1;
  private readonly connectMs: number;
  private readonly writeMs: number;
  private readonly statusMs: number;
  private readonly confirmMs: number;

  constructor(options: Raw9100DriverOptions = {}) {
    for (const profile of options.printers ?? []) this.addPrinter(profile);
    this.connectMs = options.connectTimeoutMs ?? 5_000;
    this.writeMs = options.writeTimeoutMs ?? 60_000;
    this.statusMs = options.statusTimeoutMs ?? 3_000;
    this.confirmMs = options.confirmTimeoutMs ?? 60_000;
  }

  /** Adds (or replaces) a printer the operator configured by address. */
  addPrinter(profile: RawPrinterProfile): void {
    this.profiles.set(profile.systemName, profile);
  }

  async list(): Promise<DiscoveredPrinter[]> {
    return [...this.profiles.values()].map((p) => {
      const protocol = statusProtocolOf(p);
      return {
        systemName: p.systemName,
        displayName: p.displayName ?? `${p.host}:${p.port ?? 9100}`,
        driverKind: 'raw',
        driverName: [`raw 9100`, p.language, protocol && `status ${protocol}`].filter(Boolean).join(', '),
        connectionType: 'network',
        capabilities: p.capabilities ?? (p.media?.length ? { ...LABEL_PRINTER, paperSizes: p.media } : LABEL_PRINTER),
      };
    });
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    for (const watch of this.jobs.values()) {
      const report = watch.ref.systemName === systemName ? watch.printerReport() : undefined;
      if (report) return report;
    }
    const profile = this.profile(systemName);
    const endpoint = endpointOf(profile);
    const protocol = statusProtocolOf(profile);
    if (!protocol) {
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
      const answer = await askStatus(endpoint, STATUS_QUERY[protocol], (b) => statusAnswerComplete(protocol, b), {
        connectMs: this.connectMs,
        answerMs: this.statusMs,
      });
      if (!answer) {
        return {
          status: 'error',
          reasons: ['status-no-answer'],
          message: `${endpoint.label} took the connection but did not answer its ${protocol} status query within ${this.statusMs} ms; check the printer (or set statusQuery off if it never answers).`,
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
    const endpoint = endpointOf(profile);
    const file = await readFile(request.filePath).catch((err: unknown) => {
      throw new PrintFailure('invalid_data', `The file to print is missing: ${request.filePath}.`, { cause: err, sent: 'no' });
    });
    const job = await prepareRawLabelJob(setupOf(profile, endpoint.label), file, request.options);
    const protocol = statusProtocolOf(profile);
    const ref: SpoolJobRef = { systemName: request.systemName, jobId: `raw-${this.nextJob++}`, jobName: request.jobName };
    const session = await RawSession.open(endpoint, this.connectMs);
    try {
      // Asked first on the job's own connection: a printer with a fault gets nothing, and one that answers now
      // will be believed later. One that stays silent still gets the job, which then ends unconfirmed.
      let answered = false;
      if (protocol) {
        const before = await session.ask(STATUS_QUERY[protocol], (b) => statusAnswerComplete(protocol, b), this.statusMs);
        if (before) {
          const report = parseStatusAnswer(protocol, endpoint.label, before);
          if (report.failureClass)
            throw new PrintFailure(report.failureClass, `${report.message ?? `${endpoint.label} reports a fault.`} Nothing was sent.`, {
              sent: 'no',
            });
          if (protocol === 'brother') checkBrotherRoll(endpoint.label, before, job.loaded);
          answered = true;
        }
      }
      const watch = new RawJobWatch({
        ref,
        printerName: endpoint.label,
        labels: job.labels,
        labelsPerFormat: job.labelsPerFormat,
        confirmMs: this.confirmMs,
        protocol: answered ? protocol : undefined,
        whyUnconfirmed: !protocol
          ? `${endpoint.label} is set not to be asked for its status, so nobody confirmed that the ${plural(job.labels)} came out`
          : `${endpoint.label} took the job (${plural(job.labels)}) but did not answer its ${protocol} status query within ${this.statusMs} ms: check that the labels came out`,
      });
      if (answered && protocol === 'brother') watch.listen(session); // Brother reports each page on this connection
      await session.write(job.bytes, this.writeMs);
      this.jobs.set(ref.jobId, watch);
      // Raw printers keep no history; this process keeps the last few hundred jobs for findJob and late looks.
      for (const id of this.jobs.keys()) if (this.jobs.size > 500) this.jobs.delete(id);
      if (answered && protocol === 'zebra') {
        const after = await session.ask(STATUS_QUERY.zebra, (b) => statusAnswerComplete('zebra', b), this.statusMs);
        watch.heardZebra(after);
        session.end();
      } else if (!answered || !protocol) {
        session.end();
      }
      return ref;
    } catch (error) {
      session.destroy();
      throw error;
    }
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    const watch = this.jobs.get(job.jobId);
    if (!watch) {
      return {
        state: 'unknown',
        reasons: [],
        message: `Raw printers keep no job history: whether ${job.jobName} printed on ${job.systemName} cannot be told.`,
      };
    }
    if (watch.needsZebraQuestion()) {
      const endpoint = endpointOf(this.profile(job.systemName));
      const answer = await askStatus(endpoint, STATUS_QUERY.zebra, (b) => statusAnswerComplete('zebra', b), {
        connectMs: this.connectMs,
        answerMs: this.statusMs,
      }).catch(() => undefined);
      watch.heardZebra(answer);
    }
    return watch.status();
  }

  async cancel(job: SpoolJobRef): Promise<void> {
    const watch = this.jobs.get(job.jobId);
    const profile = this.profiles.get(job.systemName);
    // Zebra's ~JA drops every format still in its buffer; Brother raster has no way to take bytes back.
    if (profile && statusProtocolOf(profile) === 'zebra') {
      await sendBytes(endpointOf(profile), Buffer.from('~JA', 'latin1'), { connectMs: this.connectMs, writeMs: this.writeMs });
      watch?.canceled();
    }
  }

  async findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return [...this.jobs.values()].map((w) => w.ref).find((r) => r.systemName === systemName && r.jobName === jobName);
  }

  async close(): Promise<void> {
    for (const watch of this.jobs.values()) watch.stop();
  }

  private profile(systemName: string): RawPrinterProfile {
    const known = this.profiles.get(systemName);
    if (known) return known;
    const address = /^(.+):(\d+)$/.exec(systemName);
    if (address) return { systemName, host: address[1]!, port: Number(address[2]) };
    throw new PrintFailure('printer_offline', `No raw printer named ${systemName} is configured; add its address in settings.`, {
      sent: 'no',
    });
  }
}

/** A QL says which roll it has (status byte 10, mm): a job made for another width would print cut off or not at all. */
function checkBrotherRoll(printerName: string, answer: Buffer, loaded: { name: string; widthMm: number } | undefined): void {
  const width = readBrotherStatus(answer)?.mediaWidthMm;
  if (!loaded || !width || width === loaded.widthMm) return;
  throw new PrintFailure(
    'printer_jam',
    `${printerName} has a ${width} mm roll loaded, but it is set up for ${loaded.name} (${loaded.widthMm} mm); load that roll or change the printer's media.`,
    { sent: 'no' },
  );
}

/** The status protocol a printer is asked with, or undefined when it is not asked at all. */
function statusProtocolOf(profile: RawPrinterProfile): RawStatusProtocol | undefined {
  if (profile.statusQuery === false) return undefined;
  if (profile.statusProtocol) return profile.statusProtocol;
  return profile.language === 'zpl' ? 'zebra' : profile.language === 'brother_ql' ? 'brother' : undefined;
}

function setupOf(profile: RawPrinterProfile, printerName: string): RawLabelSetup {
  return {
    printerName,
    language: profile.language,
    dpi: profile.dpi,
    media: profile.media ?? profile.capabilities?.paperSizes ?? LABEL_PRINTER.paperSizes,
    passThrough: profile.passThrough,
    rasterMode: profile.rasterMode,
    threshold: profile.threshold,
  };
}

const plural = (n: number) => `${n} label${n === 1 ? '' : 's'}`;

function endpointOf(profile: RawPrinterProfile): RawEndpoint {
  return { host: profile.host, port: profile.port ?? 9100, label: profile.displayName ?? profile.systemName };
}

function offlineReport(err: unknown): PrinterStatusReport {
  const message = err instanceof Error ? err.message : String(err);
  return { status: 'offline', reasons: ['unreachable'], message, queueLength: 0, failureClass: 'printer_offline' };
}
