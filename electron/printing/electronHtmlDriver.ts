/**
 * ElectronHtmlDriver: prints HTML content (packing slips, labels) with Chromium's printing, behind the same driver
 * interface. It must not import 'electron' (DESIGN §2): the shell injects an ElectronPrintApi built on a hidden
 * BrowserWindow's webContents.print and getPrintersAsync.
 *
 * Chromium names the spooler job after the page title, so the page is given <title>printJobId</title>. Electron can
 * neither follow a job nor tell a printer's health reliably (DESIGN §8): when the platform's spooler driver is
 * injected as `follower`, it finds the job by that name and follows it; without one a job only counts as sent.
 */
import { readFile } from 'node:fs/promises';
import { parseMediaName, type PaperSize, type PrinterCapabilities } from '../../shared/domain';
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
import { PWG_MEDIA } from './cupsOptions';

/** Electron's PrinterInfo, as far as we read it. */
export interface ElectronPrinterInfo {
  name: string;
  displayName?: string;
  description?: string;
  isDefault?: boolean;
}

/** The subset of webContents.print options we set; sizes in microns, as Electron wants them. */
export interface ElectronHtmlPrintOptions {
  deviceName: string;
  silent: true;
  printBackground: boolean;
  color: boolean;
  copies: number;
  duplexMode: 'simplex' | 'longEdge';
  pageSize: { width: number; height: number };
}

export interface ElectronPrintApi {
  getPrintersAsync(): Promise<ElectronPrinterInfo[]>;
  /** Loads the HTML in a hidden window and prints it; resolves with webContents.print's callback values. */
  printHtml(html: string, options: ElectronHtmlPrintOptions): Promise<{ success: boolean; failureReason?: string }>;
}

export interface ElectronHtmlDriverOptions {
  api: ElectronPrintApi;
  /** The platform's spooler driver (CUPS or Windows), used to follow jobs by name and to read printer health. */
  follower?: PrinterDriver;
  capabilities?: PrinterCapabilities;
  /** How long to look for the job in the spooler after Chromium hands it over. */
  findAfterSubmitMs?: number;
}

const HTML_DEFAULT_CAPABILITIES: PrinterCapabilities = {
  paperSizes: ['A4', 'Letter', 'Label-4x6'],
  color: true,
  duplex: false,
  maxCopies: 99,
};

export class ElectronHtmlDriver implements PrinterDriver {
  readonly kind = 'electron' as const;
  private readonly sent = new Map<string, SpoolJobRef>();
  private nextJob = 1;

  constructor(private readonly options: ElectronHtmlDriverOptions) {}

  async list(): Promise<DiscoveredPrinter[]> {
    return (await this.options.api.getPrintersAsync()).map((p) => ({
      systemName: p.name,
      displayName: p.displayName || p.name,
      driverKind: 'electron',
      connectionType: 'network',
      capabilities: this.options.capabilities ?? HTML_DEFAULT_CAPABILITIES,
    }));
  }

  async status(systemName: string): Promise<PrinterStatusReport> {
    if (this.options.follower) return this.options.follower.status(systemName);
    const known = (await this.options.api.getPrintersAsync()).some((p) => p.name === systemName);
    return known
      ? { status: 'online', reasons: [], queueLength: 0 }
      : {
          status: 'offline',
          reasons: ['not-installed'],
          queueLength: 0,
          failureClass: 'printer_offline',
          message: `The system has no printer named ${systemName}.`,
        };
  }

  async submit(request: SubmitRequest): Promise<SpoolJobRef> {
    const bytes = await readFile(request.filePath).catch((err: unknown) => {
      throw new PrintFailure('invalid_data', `The HTML to print is missing: ${request.filePath}.`, { cause: err });
    });
    // Chromium renders whatever it is given: only a file that is HTML by its bytes goes to this driver.
    if (!isHtmlDocument(bytes))
      throw new PrintFailure('invalid_data', 'The file is not an HTML page; the HTML printer prints only HTML (labels, slips).');
    const page = withPrintCsp(withTitle(bytes.toString('utf8'), request.jobName));
    const result = await this.options.api.printHtml(page, printOptions(request.systemName, request.options));
    if (!result.success) {
      const reason = result.failureReason ?? 'unknown reason';
      // Chromium reports "cancelled" when the print dialog closes and "Print job failed" for a missing printer.
      throw new PrintFailure('printer_offline', `Printing the page to ${request.systemName} failed (${reason}).`);
    }
    const followed = await this.findInSpooler(request.systemName, request.jobName);
    const ref = followed ?? { systemName: request.systemName, jobId: `electron-${this.nextJob++}`, jobName: request.jobName };
    this.sent.set(ref.jobId, ref);
    return ref;
  }

  async jobState(job: SpoolJobRef): Promise<SpoolJobStatus> {
    if (this.options.follower && !job.jobId.startsWith('electron-')) return this.options.follower.jobState(job);
    if (this.sent.has(job.jobId)) {
      return {
        state: 'completed',
        reasons: ['sent-without-confirmation'],
        message: `${job.jobName} was handed to ${job.systemName}; this driver cannot follow it further.`,
      };
    }
    return { state: 'unknown', reasons: [], message: `${job.jobName} is not known to this station's HTML printing.` };
  }

  async cancel(job: SpoolJobRef): Promise<void> {
    if (this.options.follower && !job.jobId.startsWith('electron-')) await this.options.follower.cancel(job);
  }

  async findJob(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    return this.options.follower?.findJob(systemName, jobName);
  }

  private async findInSpooler(systemName: string, jobName: string): Promise<SpoolJobRef | undefined> {
    const follower = this.options.follower;
    if (!follower) return undefined;
    return pollForJob(() => follower.findJob(systemName, jobName).catch(() => undefined), this.options.findAfterSubmitMs ?? 5_000, 250);
  }
}

/**
 * The policy the printed page runs under: no network request of any kind (the file came from the internet and the
 * station sits inside the shop's network), no scripts, no forms; inline styles and data: images and fonts only.
 */
export const PRINT_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'";

/**
 * The page with the CSP as its very first element (after the doctype), so nothing in the file is loaded before the
 * policy applies; a second policy in the file can only narrow it further.
 */
export function withPrintCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PRINT_PAGE_CSP}">`;
  const text = html.replace(/^\uFEFF/, '');
  const doctype = /^\s*<!doctype[^>]*>/i.exec(text);
  return doctype ? `${doctype[0].trimStart()}${meta}${text.slice(doctype[0].length)}` : `${meta}${text}`;
}

/** HTML by type: UTF-8 text with no NUL bytes that opens the way an HTML document does (the WHATWG sniffing list). */
export function isHtmlDocument(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return /^\uFEFF?\s*<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--)[\s>]/i.test(text);
}

/** The page with <title> set to the job name, which becomes the spooler's document name. */
export function withTitle(html: string, jobName: string): string {
  const title = `<title>${jobName.replace(/[<&>"]/g, '')}</title>`;
  if (/<title>[\s\S]*?<\/title>/i.test(html)) return html.replace(/<title>[\s\S]*?<\/title>/i, title);
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (head) => `${head}${title}`);
  return `<!doctype html><html><head>${title}</head><body>${html}</body></html>`;
}

export function printOptions(deviceName: string, options: SubmitRequest['options']): ElectronHtmlPrintOptions {
  return {
    deviceName,
    silent: true,
    printBackground: true,
    color: options.color,
    copies: options.copies,
    duplexMode: options.duplex ? 'longEdge' : 'simplex',
    pageSize: micronsOf(options.paperSize),
  };
}

/** The paper size in microns, the unit webContents.print takes. A roll has no length: the page is as long as wide. */
function micronsOf(size: string): { width: number; height: number } {
  const short = Object.hasOwn(PWG_MEDIA, size) ? PWG_MEDIA[size as PaperSize] : undefined;
  const media = short ?? parseMediaName(size) ?? PWG_MEDIA.A4;
  return { width: Math.round(media.widthMm * 1000), height: Math.round((media.heightMm ?? media.widthMm) * 1000) };
}
