/**
 * The order preview (StationApi `orderFile`) downloads through the printing fetcher: the same address policy,
 * PDF check, size limit and timeouts, and it never unpacks a compressed answer past the limit.
 */
import { startFileServer, type FileServer } from '../helpers/fileServer';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { FakeStationEngine, fakeOrder } from '../helpers/fakeStationEngine';
import { samplePdf } from '../helpers/samplePdf';

const SECRET = 'ADMIN-SECRET-7f3a9c';
let server: FileServer;
let base: string;
let goodPdf: Buffer;
let bomb: Buffer;
const seen: Array<{ url: string; acceptEncoding?: string }> = [];

/** ~64 MB of a "PDF" packed into a few dozen KB, built without holding the 64 MB. */
async function gzipBomb(unpackedMb: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('%PDF-1.7\n');
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < unpackedMb; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

beforeAll(async () => {
  goodPdf = Buffer.from(await samplePdf(2, 'Preview'));
  bomb = await gzipBomb(64);
  server = await startFileServer((req, res) => {
    seen.push({ url: req.url ?? '', acceptEncoding: req.headers['accept-encoding'] });
    switch (req.url) {
      case '/order.pdf':
        return res.writeHead(200, { 'content-type': 'application/pdf' }).end(goodPdf);
      case '/admin/secret':
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(`${SECRET}\n`.repeat(20));
      case '/bomb.pdf': // sent packed whatever the client asked for
        return res.writeHead(200, { 'content-type': 'application/pdf', 'content-encoding': 'gzip' }).end(bomb);
      default:
        return res.writeHead(404, 'Nothing Here For ' + SECRET).end(SECRET);
    }
  });
  base = server.base;
});

afterAll(async () => {
  await server.close();
});

function previewService(fileURL: string, fetch: Record<string, unknown> = {}) {
  const engine = new FakeStationEngine();
  const order = { ...fakeOrder('1001'), fileURL };
  engine.orders.set('1001', order);
  Object.assign(engine, {
    config: {
      mongodbUri: 'mongodb://unused',
      dbName: 'unused',
      intervals: { healthMs: 1, leaseMs: 1, reaperMs: 1, pollFallbackMs: 1, metricsMs: 1 },
      fetch: { timeoutMs: 20_000, maxBytes: 1024 * 1024, ...fetch },
    },
  });
  return new StationApiService({ engine, snapshotThrottleMs: 0 });
}

async function previewError(fileURL: string, fetch: Record<string, unknown> = {}): Promise<string> {
  const service = previewService(fileURL, fetch);
  try {
    await service.api.orderFile({ orderId: '1001' });
  } catch (error) {
    return (error as Error).message;
  } finally {
    service.dispose();
  }
  throw new Error('the preview was expected to be refused');
}

describe('the order preview uses the printing fetcher', () => {
  it('shows a good PDF', async () => {
    const service = previewService(`${base}/order.pdf`, { allowPrivateNetworks: true });
    const file = await service.api.orderFile({ orderId: '1001' });
    service.dispose();
    expect(file).toMatchObject({ orderId: '1001', contentType: 'application/pdf', bytes: goodPdf.length });
    expect(Buffer.from(file.base64, 'base64')).toEqual(goodPdf);
  });

  it("refuses a file URL on the station's own network by default, without asking it anything", async () => {
    const before = seen.length;
    const message = await previewError(`${base}/admin/secret`);
    expect(message).toContain('points to a loopback address (127.0.0.1)');
    expect(message).not.toContain(SECRET);
    expect(seen.length).toBe(before);
  });

  it('with private networks allowed (demo, tests), refuses an answer that is not a PDF and shows none of it', async () => {
    const message = await previewError(`${base}/admin/secret`, { allowPrivateNetworks: true });
    expect(message).toContain('is not a PDF');
    expect(message).not.toContain(SECRET);
  });

  it('says only the status code of an error answer, never its text or body', async () => {
    const message = await previewError(`${base}/missing.pdf`, { allowPrivateNetworks: true });
    expect(message).toBe(`The file at ${base}/missing.pdf answered 404.`);
  });

  it('refuses a gzip bomb at the size limit, counting unpacked bytes, after asking for an unpacked answer', async () => {
    const message = await previewError(`${base}/bomb.pdf`, { allowPrivateNetworks: true });
    expect(message).toBe(`The file at ${base}/bomb.pdf is larger than the 1 MB limit.`);
    expect(seen.filter((r) => r.url === '/bomb.pdf').map((r) => r.acceptEncoding)).toEqual(['identity']);
  });
});
