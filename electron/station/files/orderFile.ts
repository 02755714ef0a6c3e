/**
 * The one printable file of an order. An order with several files (`files[]`) is merged into one PDF, so one claim
 * is one spooler job with one name (= printJobId) that reconciliation can find again after a crash.
 *
 * An order is bounded (issue 9, item 7): at most `maxFilesPerOrder` files, and at most `maxOrderBytes` downloaded
 * for it in all; each download is given only what is left of that budget, so an order over it stops at the limit.
 */
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { orderFileUrls, type OrderDoc } from '../../../shared/domain';
import { PrintFailure } from '../../printing/driver';
import { FORMAT_NAME, countZplLabels, type DocumentFormat } from '../../printing/rawLanguage';
import type { FetchOptions } from '../config';
import { FileTooLarge, FormatNotAccepted, fetchOrderFile, type FileFetchOptions } from './fileFetch';

export interface FetchedFile {
  path: string;
  pages?: number;
  /** PDF (the driver renders it as the printer needs), or ZPL to pass through unchanged. Absent means PDF. */
  format?: DocumentFormat;
  dispose(): Promise<void>;
}

/** The printer the file is fetched for: its name for sentences, and the formats it takes (config formatsAccepted). */
export interface OrderFilePrinter {
  name: string;
  accepts: readonly DocumentFormat[];
}

export type FileFetcher = (order: OrderDoc, options: { signal: AbortSignal }) => Promise<FetchedFile>;

export interface OrderFileLimits {
  /** Default 20. */
  maxFilesPerOrder?: number;
  /** All files of one order together. Default 200 MB. */
  maxOrderBytes?: number;
  /** The printer this fetcher serves; without one (the preview), only PDFs are taken. */
  printer?: OrderFilePrinter;
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`);

/** The station's `fetch` configuration as the fetcher's options: the print path and the preview read it alike. */
export function fileFetchOptionsFrom(fetch: Partial<FetchOptions>): FileFetchOptions & OrderFileLimits {
  return {
    totalTimeoutMs: fetch.timeoutMs,
    maxBytes: fetch.maxBytes,
    allowedHosts: fetch.allowedHosts,
    allowPrivateNetworks: fetch.allowPrivateNetworks,
    maxFilesPerOrder: fetch.maxFilesPerOrder,
    maxOrderBytes: fetch.maxOrderBytes,
  };
}

export function orderFileFetcher(base: Omit<FileFetchOptions, 'signal' | 'accept'> & OrderFileLimits): FileFetcher {
  const accept = base.printer?.accepts ?? ['pdf'];
  const maxFiles = base.maxFilesPerOrder ?? 20;
  const maxOrderBytes = base.maxOrderBytes ?? 200 * MB;
  const maxFileBytes = base.maxBytes ?? 100 * MB;
  return async (order, { signal }) => {
    const urls = orderFileUrls(order);
    if (urls.length === 0) throw new PrintFailure('invalid_data', `order ${order.orderId} has no file to print`);
    if (urls.length > maxFiles) {
      throw new PrintFailure(
        'invalid_data',
        `Order ${order.orderId} has ${urls.length} files; this station prints at most ${maxFiles} files in one order (fetch.maxFilesPerOrder).`,
      );
    }
    const parts: Array<Awaited<ReturnType<typeof fetchOrderFile>>> = [];
    let left = maxOrderBytes;
    try {
      for (const url of urls) {
        const budget = Math.min(maxFileBytes, left);
        try {
          parts.push(await fetchOrderFile(url, { ...base, accept, maxBytes: budget, signal }));
        } catch (error) {
          if (error instanceof FormatNotAccepted) {
            const takes = error.accepted.map((f) => FORMAT_NAME[f]).join(' or ');
            const what = `Order ${order.orderId} is ${FORMAT_NAME[error.format]}`;
            throw new PrintFailure(
              'invalid_data',
              base.printer ? `${what}, but printer ${base.printer.name} only takes ${takes}.` : `${what}, not a PDF.`,
              { sent: 'no' },
            );
          }
          if (error instanceof FileTooLarge && budget < maxFileBytes) {
            throw new PrintFailure(
              'invalid_data',
              `The files of order ${order.orderId} are together larger than the ${sizeText(maxOrderBytes)} limit for one order (fetch.maxOrderBytes).`,
            );
          }
          throw error;
        }
        left -= parts.at(-1)!.bytes;
      }
      if (parts.length === 1) {
        const file = parts.pop()!;
        return { path: file.path, pages: file.pageCount, format: file.format, dispose: () => file.dispose() };
      }
      const formats = new Set(parts.map((p) => p.format));
      if (formats.size > 1) {
        throw new PrintFailure(
          'invalid_data',
          `Order ${order.orderId} mixes ZPL and PDF files; a label printer takes one job in one language.`,
          { sent: 'no' },
        );
      }
      if (formats.has('zpl')) return await joinZpl(parts, base.tempDir);
      return await merge(order.orderId, parts, base.tempDir);
    } finally {
      await Promise.all(parts.map((p) => p.dispose().catch(() => {})));
    }
  };
}

/** ZPL files of one order, one after another: each keeps its own ^XA … ^XZ formats and ^PQ counts. */
async function joinZpl(parts: Array<{ path: string }>, tempDir?: string): Promise<FetchedFile> {
  const text = (await Promise.all(parts.map((p) => readFile(p.path)))).map((b) => b.toString('latin1')).join('\n');
  const folder = await mkdtemp(join(tempDir ?? tmpdir(), 'print-station-merged-'));
  const path = join(folder, 'order.zpl');
  await writeFile(path, text, 'latin1');
  return { path, pages: countZplLabels(text), format: 'zpl', dispose: () => rm(folder, { recursive: true, force: true }) };
}

async function merge(orderId: string, parts: Array<{ path: string; finalUrl: string }>, tempDir?: string): Promise<FetchedFile> {
  const merged = await PDFDocument.create();
  for (const part of parts) {
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(await readFile(part.path), { ignoreEncryption: true });
    } catch (error) {
      // The parser's message may quote the file; printError says only that it could not be read.
      throw new PrintFailure('invalid_data', `order ${orderId}: ${part.finalUrl} is not a readable PDF`, { cause: error });
    }
    const pages = await merged.copyPages(doc, doc.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  const folder = await mkdtemp(join(tempDir ?? tmpdir(), 'print-station-merged-'));
  const path = join(folder, 'order.pdf');
  await writeFile(path, await merged.save());
  return { path, pages: merged.getPageCount(), dispose: () => rm(folder, { recursive: true, force: true }) };
}
