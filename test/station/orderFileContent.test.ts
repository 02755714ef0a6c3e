/**
 * The fetcher's content check (issue 10): "PDF, or printer language this printer accepts". A ZPL file passes
 * through only to a ZPL printer configured for it; every other printer refuses it as invalid data, saying why.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDoc } from '../../shared/domain';
import { PrintFailure } from '../../electron/printing/driver';
import { countZplLabels, sniffFormat } from '../../electron/printing/rawLanguage';
import { orderFileFetcher, type OrderFilePrinter } from '../../electron/station/files/orderFile';
import { startFileServer, type FileServer } from '../helpers/fileServer';
import { samplePdf } from '../helpers/samplePdf';

const LABEL = '^XA\n^PW812^LL1218\n^FO50,50^A0N,60,60^FDOrder 1001^FS\n^FO50,150^BCN,120,Y,N,N^FD1001-0001^FS\n^PQ2\n^XZ\n';
const ZPL_WITH_BOM = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n  \n${LABEL}`)]);

let server: FileServer;
let base: string;
let pdf: Buffer;
const tempDirs: string[] = [];

beforeAll(async () => {
  pdf = Buffer.from(await samplePdf(1, 'Label'));
  server = await startFileServer((req, res) => {
    if (req.url === '/label.zpl') return res.writeHead(200, { 'content-type': 'text/plain' }).end(ZPL_WITH_BOM);
    if (req.url === '/second.zpl') return res.writeHead(200).end(LABEL.replace('^PQ2', '') + ' '.repeat(100));
    if (req.url === '/page.html') return res.writeHead(200).end(`<html>${' hello'.repeat(50)}</html>`);
    if (req.url === '/cut.zpl') return res.writeHead(200).end(`^XA^FO50,50^FDno end${' '.repeat(200)}`);
    return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
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

const zebraPassThrough: OrderFilePrinter = { name: 'Shipping Zebra', accepts: ['pdf', 'zpl'] };
const office: OrderFilePrinter = { name: 'Office', accepts: ['pdf'] };

const order = (...paths: string[]) => ({ orderId: '1001', files: paths.map((p) => ({ url: `${base}${p}` })) }) as unknown as OrderDoc;

function fetcher(printer?: OrderFilePrinter) {
  const tempDir = mkdtempSync(join(tmpdir(), 'order-content-test-'));
  tempDirs.push(tempDir);
  return orderFileFetcher({ tempDir, allowPrivateNetworks: true, ...(printer ? { printer } : {}) });
}

async function refusal(o: OrderDoc, printer?: OrderFilePrinter) {
  const error = await fetcher(printer)(o, { signal: new AbortController().signal }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrintFailure);
  expect((error as PrintFailure).failureClass).toBe('invalid_data');
  return (error as PrintFailure).message;
}

describe('sniffing an order file', () => {
  it('tells PDF, ZPL (after a BOM and blank lines) and anything else apart, and waits when it cannot tell yet', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(ZPL_WITH_BOM)).toBe('zpl');
    expect(sniffFormat(Buffer.from('^xa^fo10,10^xz'))).toBe('zpl');
    expect(sniffFormat(Buffer.from('<html>'))).toBe('other');
    expect(sniffFormat(Buffer.from('%PD'))).toBe('unknown');
    expect(sniffFormat(Buffer.from('\r\n  '))).toBe('unknown');
    expect(sniffFormat(Buffer.from('\r\n  '), { complete: true })).toBe('other');
  });

  it('counts labels as formats times ^PQ', () => {
    expect(countZplLabels(LABEL)).toBe(2);
    expect(countZplLabels(`${LABEL}${LABEL.replace('^PQ2', '')}`)).toBe(3);
    expect(countZplLabels('^XA^FDnothing')).toBe(0);
  });
});

describe('PDF, or printer language this printer accepts', () => {
  it('a ZPL file passes through, unchanged, to a ZPL printer that allows it', async () => {
    const file = await fetcher(zebraPassThrough)(order('/label.zpl'), { signal: new AbortController().signal });
    try {
      expect(file.format).toBe('zpl');
      expect(file.pages).toBe(2);
      expect(readFileSync(file.path)).toEqual(ZPL_WITH_BOM);
    } finally {
      await file.dispose();
    }
  });

  it('a ZPL file for a printer that takes only PDF is refused, naming the order and the printer', async () => {
    expect(await refusal(order('/label.zpl'), office)).toBe('Order 1001 is ZPL, but printer Office only takes PDF.');
  });

  it('a ZPL file with no printer named (the preview) is refused like before: PDF only', async () => {
    expect(await refusal(order('/label.zpl'))).toBe('Order 1001 is ZPL, not a PDF.');
  });

  it('a PDF still goes to the ZPL printer (it is rendered there), marked as PDF', async () => {
    const file = await fetcher(zebraPassThrough)(order('/label.pdf'), { signal: new AbortController().signal });
    expect(file.format).toBe('pdf');
    await file.dispose();
  });

  it('a web page is neither, and the ZPL printer says what it would take', async () => {
    expect(await refusal(order('/page.html'), zebraPassThrough)).toMatch(/is neither a PDF nor ZPL/);
    expect(await refusal(order('/page.html'), office)).toMatch(/is not a PDF/);
  });

  it('ZPL without its end (^XZ) is refused as cut short', async () => {
    expect(await refusal(order('/cut.zpl'), zebraPassThrough)).toMatch(/no complete label/);
  });

  it('several ZPL files are sent as one job; ZPL mixed with PDF is refused', async () => {
    const file = await fetcher(zebraPassThrough)(order('/label.zpl', '/second.zpl'), { signal: new AbortController().signal });
    try {
      expect(file.format).toBe('zpl');
      expect(countZplLabels(readFileSync(file.path, 'latin1'))).toBe(3);
    } finally {
      await file.dispose();
    }
    expect(await refusal(order('/label.zpl', '/label.pdf'), zebraPassThrough)).toMatch(/mixes ZPL and PDF/);
  });
});
