/**
 * The chaos drill's file server: one small PDF per order, on 127.0.0.1, each carrying its order id as the
 * document's subject ("Print Station order <id>"). The virtual printers keep the bytes they
 * were sent, so every printed file says which order it is, whatever the database or a station's journal says.
 * That is what lets the drill see an order printed twice under two different printJobIds.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface OrderFileServer {
  /** The URL an order's file is served at. */
  urlFor(orderId: string, pages: number): string;
  stop(): Promise<void>;
}

const SUBJECT = 'Print Station order ';
const ORDER_ID = /^[A-Za-z0-9_-]{1,80}$/;

export async function startOrderFileServer(): Promise<OrderFileServer> {
  const open = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const match = /^\/orders\/([^/]+)\/(\d+)\.pdf$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || !ORDER_ID.test(match[1]!)) {
      res.writeHead(404).end('not found');
      return;
    }
    taggedPdf(match[1]!, Math.min(20, Math.max(1, Number(match[2])))).then(
      (bytes) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length }).end(bytes),
      (error: Error) => res.destroy(error),
    );
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (orderId, pages) => `http://127.0.0.1:${port}/orders/${orderId}/${pages}.pdf`,
    async stop() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An A4 document of `pages` pages whose subject names the order. */
export async function taggedPdf(orderId: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    doc.addPage([595, 842]).drawText(`Chaos drill order ${orderId}, page ${i} of ${pages}`, { x: 60, y: 760, size: 14, font });
  }
  doc.setSubject(`${SUBJECT}${orderId}`);
  return doc.save();
}

/** The order a printed file belongs to, read from its bytes; undefined for a file this drill did not serve. */
export async function orderIdOfPdf(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const subject = (await PDFDocument.load(bytes, { updateMetadata: false })).getSubject();
    return subject?.startsWith(SUBJECT) ? subject.slice(SUBJECT.length) : undefined;
  } catch {
    return undefined; // not a PDF at all: certainly not one of ours
  }
}
