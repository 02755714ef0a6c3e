/** An order's files (issue 9, item 7): how many one order may have, and how big they may be together. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDoc } from '../../shared/domain';
import { PrintFailure } from '../../electron/printing/driver';
import { orderFileFetcher } from '../../electron/station/files/orderFile';
import { startFileServer, type FileServer } from '../helpers/fileServer';
import { samplePdf } from '../helpers/samplePdf';

let server: FileServer;
let base: string;
let pdf: Buffer;
let requests = 0;
const tempDirs: string[] = [];

beforeAll(async () => {
  pdf = Buffer.from(await samplePdf(2, 'Part'));
  server = await startFileServer((req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
  });
  base = server.base;
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  for (const dir of tempDirs.splice(0)) {
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function orderWith(files: number): OrderDoc {
  return {
    orderId: '1001',
    files: Array.from({ length: files }, (_, i) => ({ url: `${base}/part-${i}.pdf` })),
  } as unknown as OrderDoc;
}

function fetcher(options: Parameters<typeof orderFileFetcher>[0] = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), 'order-files-test-'));
  tempDirs.push(tempDir);
  return orderFileFetcher({ tempDir, allowPrivateNetworks: true, ...options });
}

async function failure(order: OrderDoc, options: Parameters<typeof orderFileFetcher>[0] = {}) {
  const error = await fetcher(options)(order, { signal: new AbortController().signal }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrintFailure);
  return error as PrintFailure;
}

describe('the files of one order', () => {
  it('several files within the limits are merged into one job', async () => {
    const file = await fetcher()(orderWith(3), { signal: new AbortController().signal });
    expect(file.pages).toBe(6);
    await file.dispose();
  });

  it('an order with more files than the limit fails as invalid data before anything is downloaded', async () => {
    const before = requests;
    const f = await failure(orderWith(21));
    expect(f).toMatchObject({
      failureClass: 'invalid_data',
      message: 'Order 1001 has 21 files; this station prints at most 20 files in one order (fetch.maxFilesPerOrder).',
    });
    expect(requests).toBe(before);
    expect((await failure(orderWith(4), { maxFilesPerOrder: 3 })).message).toContain('at most 3 files');
  });

  it('files that together pass the size limit for one order fail as invalid data', async () => {
    const f = await failure(orderWith(3), { maxOrderBytes: Math.floor(pdf.length * 2.5) });
    expect(f).toMatchObject({
      failureClass: 'invalid_data',
      message: `The files of order 1001 are together larger than the ${Math.floor(pdf.length * 2.5)} bytes limit for one order (fetch.maxOrderBytes).`,
    });
  });

  it('a single file is held to the order limit too', async () => {
    const order = { orderId: '1002', fileURL: `${base}/one.pdf` } as unknown as OrderDoc;
    const f = await failure(order, { maxOrderBytes: pdf.length - 1 });
    expect(f.message).toBe(
      `The files of order 1002 are together larger than the ${pdf.length - 1} bytes limit for one order (fetch.maxOrderBytes).`,
    );
  });
});
