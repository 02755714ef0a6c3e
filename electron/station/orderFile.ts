/**
 * The one printable file of an order. An order with several files (`files[]`) is merged into one PDF, so one claim
 * is one spooler job with one name (= printJobId) that reconciliation can find again after a crash.
 */
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { orderFileUrls, type OrderDoc } from '../../shared/domain';
import { PrintFailure } from '../printing/driver';
import { fetchOrderFile, type FileFetchOptions } from './fileFetch';

export interface FetchedFile {
  path: string;
  pages?: number;
  dispose(): Promise<void>;
}

export type FileFetcher = (order: OrderDoc, options: { signal: AbortSignal }) => Promise<FetchedFile>;

export function orderFileFetcher(base: Omit<FileFetchOptions, 'signal'>): FileFetcher {
  return async (order, { signal }) => {
    const urls = orderFileUrls(order);
    if (urls.length === 0) throw new PrintFailure('invalid_data', `order ${order.orderId} has no file to print`);
    if (urls.length === 1) {
      const file = await fetchOrderFile(urls[0]!, { ...base, signal });
      return { path: file.path, pages: file.pageCount, dispose: () => file.dispose() };
    }
    const parts = [];
    try {
      for (const url of urls) parts.push(await fetchOrderFile(url, { ...base, signal }));
      return await merge(order.orderId, parts, base.tempDir);
    } finally {
      await Promise.all(parts.map((p) => p.dispose().catch(() => {})));
    }
  };
}

async function merge(orderId: string, parts: Array<{ path: string; finalUrl: string }>, tempDir?: string): Promise<FetchedFile> {
  const merged = await PDFDocument.create();
  for (const part of parts) {
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(await readFile(part.path), { ignoreEncryption: true });
    } catch (error) {
      throw new PrintFailure('invalid_data', `order ${orderId}: ${part.finalUrl} is not a readable PDF (${(error as Error).message})`);
    }
    const pages = await merged.copyPages(doc, doc.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  const folder = await mkdtemp(join(tempDir ?? tmpdir(), 'print-station-merged-'));
  const path = join(folder, 'order.pdf');
  await writeFile(path, await merged.save());
  return { path, pages: merged.getPageCount(), dispose: () => rm(folder, { recursive: true, force: true }) };
}
