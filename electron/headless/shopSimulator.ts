/**
 * A stand-in for the web shop, for the demo and the tests: it inserts paid orders into `orders` (as the shop does:
 * paymentStatus completed, printStatus pending, nothing else of ours) and serves their PDFs on 127.0.0.1, together
 * with the broken files a real shop sometimes links to (404, HTML instead of PDF, far too big, trickling forever).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from 'mongodb';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PrintingOptions } from '../../shared/domain';

export type ShopFileKind = 'good' | '404' | 'not-pdf' | 'oversized' | 'slow' | 'server-error';

export interface ShopOrderFields {
  orderId: string;
  fileURL: string;
  printingOptions: Partial<PrintingOptions>;
  priority: number;
  createdAt: Date;
  paymentStatus: string;
  printStatus: string;
  /** Pages of the generated PDF (good files only). */
  pages: number;
  [field: string]: unknown;
}

export interface ShopSimulatorOptions {
  db: Db;
  host?: string;
  port?: number;
  /** A new paid order every this many ms; null or undefined: only on request. */
  orderIntervalMs?: number | null;
  /** Pages of generated orders are picked from 1..maxPages. */
  maxPages?: number;
  orderIdPrefix?: string;
  onOrder?: (orderId: string) => void;
}

export interface ShopSimulator {
  baseUrl: string;
  fileUrl(kind: ShopFileKind, pages?: number): string;
  createOrder(overrides?: Partial<ShopOrderFields>): Promise<{ orderId: string }>;
  createOrders(count: number, overrides?: Partial<ShopOrderFields>): Promise<string[]>;
  /** Every file request served so far, by path (tests check that files were fetched). */
  readonly requests: Map<string, number>;
  stop(): Promise<void>;
}

const OVERSIZED_BYTES = 512 * 1024 * 1024;

export async function startShopSimulator(options: ShopSimulatorOptions): Promise<ShopSimulator> {
  const host = options.host ?? '127.0.0.1';
  const prefix = options.orderIdPrefix ?? 'SHOP';
  const pdfCache = new Map<number, Uint8Array>();
  const requests = new Map<string, number>();
  const open = new Set<import('node:net').Socket>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
    void serve(url, res).catch((error) => {
      res.destroy(error as Error);
    });
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });

  async function serve(url: URL, res: http.ServerResponse) {
    const good = /^\/files\/good\/(\d+)\/[^/]+\.pdf$/.exec(url.pathname);
    if (good) {
      const pages = Math.min(200, Math.max(1, Number(good[1])));
      const bytes = pdfCache.get(pages) ?? (await makePdf(pages));
      pdfCache.set(pages, bytes);
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    switch (url.pathname) {
      case '/files/not-pdf':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body><h1>Your order</h1><p>This is a web page, not a PDF.</p></body></html>'.padEnd(4096));
        return;
      case '/files/oversized': {
        // Claims and streams far more than any station accepts; the station must stop reading at its cap.
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': OVERSIZED_BYTES });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        chunk.write('%PDF-1.7\n');
        let sent = 0;
        const pump = () => {
          while (sent < OVERSIZED_BYTES && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case '/files/slow': {
        // Slow-loris: a header, then one byte now and then, never finishing.
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write('%PDF-1.7\n');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 500);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/files/server-error':
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('temporarily unavailable');
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const baseUrl = `http://${host}:${address.port}`;

  const fileUrl = (kind: ShopFileKind, pages = 2) => {
    switch (kind) {
      case 'good':
        return `${baseUrl}/files/good/${pages}/order.pdf`;
      case '404':
        return `${baseUrl}/files/missing.pdf`;
      default:
        return `${baseUrl}/files/${kind}`;
    }
  };

  const buildOrder = (overrides: Partial<ShopOrderFields> = {}): ShopOrderFields => {
    counter += 1;
    const pages = overrides.pages ?? 1 + Math.floor(Math.random() * (options.maxPages ?? 3));
    const orderId = overrides.orderId ?? `${prefix}-${Date.now().toString(36).toUpperCase()}-${counter}`;
    return {
      orderId,
      paymentStatus: 'completed',
      printStatus: 'pending',
      createdAt: new Date(),
      priority: 0,
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      ...overrides,
      pages,
      fileURL: overrides.fileURL ?? fileUrl('good', pages),
    };
  };

  const orders = options.db.collection('orders');
  const createOrder = async (overrides?: Partial<ShopOrderFields>) => {
    const order = buildOrder(overrides);
    await orders.insertOne({ ...order });
    options.onOrder?.(order.orderId);
    return { orderId: order.orderId };
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.orderIntervalMs) {
    timer = setInterval(() => void createOrder().catch(() => {}), options.orderIntervalMs);
    timer.unref();
  }

  return {
    baseUrl,
    fileUrl,
    createOrder,
    async createOrders(count, overrides) {
      const batch = Array.from({ length: count }, () => buildOrder(overrides));
      if (batch.length) await orders.insertMany(batch.map((o) => ({ ...o })));
      return batch.map((o) => o.orderId);
    },
    requests,
    async stop() {
      clearInterval(timer);
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A small A4 document whose pages say which page they are, so a printed demo order is recognisable. */
async function makePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText('Print Station demo order', { x: 60, y: 760, size: 24, font });
    page.drawText(`Page ${i} of ${pages}`, { x: 60, y: 720, size: 16, font, color: rgb(0.3, 0.3, 0.3) });
  }
  return doc.save();
}
