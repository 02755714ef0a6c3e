import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrintFailure } from '../../electron/printing/driver';
import { fetchOrderFile, type FileFetchOptions } from '../../electron/station/files/fileFetch';
import { addressNobodyListensOn, startFileServer, type FileServer } from '../helpers/fileServer';
import { samplePdf } from '../helpers/samplePdf';

let server: FileServer;
let base: string;
let goodPdf: Buffer;
const tempDirs: string[] = [];
const trickles = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  goodPdf = Buffer.from(await samplePdf(3, 'Order 1001'));
  server = await startFileServer((req, res) => {
    switch (req.url) {
      case '/order-1001.pdf':
        return res.writeHead(200, { 'content-type': 'application/pdf' }).end(goodPdf);
      case '/packed.pdf': // packed although the station asks for identity
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(goodPdf));
      case '/packed-bomb.pdf': // 8 MB of "PDF" in a few KB; the declared length is the packed one
        return res
          .writeHead(200, { 'content-encoding': 'deflate' })
          .end(deflateSync(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8 * 1024 * 1024)])));
      case '/packed-oddly.pdf':
        return res.writeHead(200, { 'content-encoding': 'compress' }).end(goodPdf);
      case '/moved':
        return res.writeHead(302, { location: '/order-1001.pdf' }).end();
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/gone':
        return res.writeHead(404).end('no such file');
      case '/busy':
        return res.writeHead(503).end('try later');
      case '/receipt.html':
        return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'Thank you! '.repeat(50)}</body></html>`);
      case '/tiny.pdf':
        return res.writeHead(200).end('%PDF-1.4\n%%EOF\n');
      case '/poster.pdf': // declares its size: refused before a byte is read
        return res.writeHead(200, { 'content-length': String(5 * 1024 * 1024) }).end(Buffer.alloc(5 * 1024 * 1024, 0x25));
      case '/endless.pdf': {
        // no declared size: refused while streaming
        res.writeHead(200);
        res.write('%PDF-1.7\n');
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk));
        };
        res.on('drain', pump);
        pump();
        return;
      }
      case '/slow-loris.pdf': {
        res.writeHead(200);
        res.write('%PDF-1.4\n');
        const trickle = setInterval(() => res.write(' '), 50);
        trickles.add(trickle);
        res.on('close', () => clearInterval(trickle));
        return;
      }
      case '/reset.pdf':
        res.writeHead(200, { 'content-length': '100000' });
        res.write('%PDF-1.4\n');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      default:
        res.writeHead(500).end();
    }
  });
  base = server.base;
});

afterAll(async () => {
  for (const t of trickles) clearInterval(t);
  await server.close();
});

afterEach(() => {
  // no download leaves a file behind, whatever happened to it
  for (const dir of tempDirs.splice(0)) {
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function fetchFile(path: string, options: FileFetchOptions = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), 'file-fetch-test-'));
  tempDirs.push(tempDir);
  // The test server is on loopback: allowed here, refused by default (fileUrlPolicy.test.ts).
  return fetchOrderFile(path.startsWith('/') ? base + path : path, { tempDir, allowPrivateNetworks: true, ...options });
}

async function failure(path: string, options: FileFetchOptions = {}): Promise<PrintFailure> {
  const error = await fetchFile(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrintFailure);
  return error as PrintFailure;
}

describe('downloading an order file', () => {
  it('saves a good PDF to a temp file, counts its pages, and removes it when disposed', async () => {
    const file = await fetchFile('/order-1001.pdf');
    expect(readFileSync(file.path)).toEqual(goodPdf);
    expect(file).toMatchObject({ bytes: goodPdf.length, pageCount: 3, finalUrl: `${base}/order-1001.pdf` });
    await file.dispose();
    await file.dispose();
    expect(existsSync(file.path)).toBe(false);
  });

  it('unpacks a file a server sends packed although asked not to', async () => {
    const file = await fetchFile('/packed.pdf');
    expect(readFileSync(file.path)).toEqual(goodPdf);
    expect(file.bytes).toBe(goodPdf.length);
    await file.dispose();
  });

  it('takes the defaults for options given as undefined (a config without them)', async () => {
    const file = await fetchFile('/order-1001.pdf', { totalTimeoutMs: undefined, connectTimeoutMs: undefined, maxBytes: undefined });
    expect(file.bytes).toBe(goodPdf.length);
    await file.dispose();
  });

  it('follows a redirect and says where the file came from', async () => {
    const file = await fetchFile('/moved');
    expect(file.finalUrl).toBe(`${base}/order-1001.pdf`);
    await file.dispose();
  });

  it('only downloads from allowed hosts when a list is set', async () => {
    const file = await fetchFile('/order-1001.pdf', { allowedHosts: ['127.0.0.1'] });
    await file.dispose();
    const refused = await failure('/order-1001.pdf', { allowedHosts: ['.shop.example'] });
    expect(refused.failureClass).toBe('invalid_data');
    expect(refused.message).toBe(
      `The file at ${base}/order-1001.pdf is on host 127.0.0.1, which is not among the allowed hosts (.shop.example).`,
    );
  });
});

describe('a file that will never print fails as invalid_data', () => {
  it('404 Not Found', async () => {
    const f = await failure('/gone');
    expect(f.failureClass).toBe('invalid_data');
    expect(f.message).toBe(`The file at ${base}/gone answered 404.`);
  });

  it('a web page instead of a PDF', async () => {
    const f = await failure('/receipt.html');
    expect(f.failureClass).toBe('invalid_data');
    // Nothing of the answer itself: it goes to the shared database and may be someone's secret.
    expect(f.message).toBe(`The file at ${base}/receipt.html is not a PDF (it does not start with "%PDF-").`);
  });

  it('a PDF too small to hold a page', async () => {
    const f = await failure('/tiny.pdf');
    expect(f).toMatchObject({ failureClass: 'invalid_data' });
    expect(f.message).toContain('too small to be a printable PDF');
  });

  it('a file over the size limit, whether it says so up front or not', async () => {
    const declared = await failure('/poster.pdf', { maxBytes: 1024 * 1024 });
    expect(declared).toMatchObject({
      failureClass: 'invalid_data',
      message: `The file at ${base}/poster.pdf is larger than the 1 MB limit.`,
    });
    const streamed = await failure('/endless.pdf', { maxBytes: 1024 * 1024 });
    expect(streamed).toMatchObject({
      failureClass: 'invalid_data',
      message: `The file at ${base}/endless.pdf is larger than the 1 MB limit.`,
    });
  });

  it('a packed answer over the limit once unpacked (a compression bomb), counted while unpacking', async () => {
    const f = await failure('/packed-bomb.pdf', { maxBytes: 1024 * 1024 });
    expect(f).toMatchObject({
      failureClass: 'invalid_data',
      message: `The file at ${base}/packed-bomb.pdf is larger than the 1 MB limit.`,
    });
  });

  it('a packed answer in an encoding the station does not unpack', async () => {
    const f = await failure('/packed-oddly.pdf');
    expect(f).toMatchObject({
      failureClass: 'invalid_data',
      message: `The file at ${base}/packed-oddly.pdf was sent in an encoding this station does not unpack.`,
    });
  });

  it('a redirect loop', async () => {
    const f = await failure('/loop', { maxRedirects: 3 });
    expect(f).toMatchObject({
      failureClass: 'invalid_data',
      message: `The file at ${base}/loop redirects more than 3 times (a redirect loop?).`,
    });
  });

  it('an address that is not a web address', async () => {
    expect(await failure('ftp://files.shop.example/order.pdf')).toMatchObject({ failureClass: 'invalid_data' });
    const f = await failure('not a url');
    expect(f).toMatchObject({ failureClass: 'invalid_data', message: 'The order\'s file address "not a url" is not a valid URL.' });
  });
});

describe('a download that may work later fails as network', () => {
  it('503 Service Unavailable', async () => {
    const f = await failure('/busy');
    expect(f).toMatchObject({ failureClass: 'network', message: `The file at ${base}/busy answered 503.` });
  });

  it('a server that trickles bytes past the total timeout (slow-loris)', async () => {
    const f = await failure('/slow-loris.pdf', { totalTimeoutMs: 400 });
    expect(f).toMatchObject({
      failureClass: 'network',
      message: `The file at ${base}/slow-loris.pdf did not finish downloading within 0.4 s.`,
    });
  });

  it('a connection that breaks off mid-file', async () => {
    const f = await failure('/reset.pdf');
    expect(f.failureClass).toBe('network');
    expect(f.message).toMatch(new RegExp(`^The server for ${base}/reset.pdf (broke off|closed) the connection`));
  });

  it('nobody listening', async () => {
    const nobody = await addressNobodyListensOn();
    const f = await failure(`${nobody}/order.pdf`);
    expect(f).toMatchObject({
      failureClass: 'network',
      message: `The server for ${nobody}/order.pdf refused the connection (ECONNREFUSED).`,
    });
  });

  it('a download the station stops (shutdown)', async () => {
    const controller = new AbortController();
    const pending = failure('/slow-loris.pdf', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({
      failureClass: 'network',
      message: `The download of ${base}/slow-loris.pdf was stopped by the station.`,
    });
  });
});
