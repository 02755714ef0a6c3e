/**
 * Downloads an order's file to a temp file and checks it is worth sending to a printer (DESIGN §6).
 * Built on node:http(s) rather than fetch because it gives a separate connect timeout without extra packages;
 * one deadline covers the whole download (every redirect hop and the body), so a server that trickles bytes
 * (slow-loris) cannot hold a printer forever.
 *
 * Every failure is a PrintFailure: `network` when trying again later can help (timeouts, refused, reset, 5xx,
 * 408/429), `invalid_data` when it cannot (404 and other 4xx, not a PDF, too small or too large, bad URL,
 * host or address not allowed, redirect loop). The temp folder is removed on every failure and by `dispose()`.
 *
 * The printing path and the order preview both use this one fetcher (issue 9). Each hop's host name is resolved
 * once, in the socket's own `lookup`, and the address policy (urlPolicy.ts) is checked on exactly the address the
 * socket then connects to, so a name that answers differently the second time (DNS rebinding) gains nothing.
 * Failures name the URL, the rule and at most the status code: what a server answered goes into the shared
 * database's printError, and a file URL may point at something the shop's staff should not read.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PrintFailure } from '../../printing/driver';
import { countPdfPages } from '../../printing/pdfPages';
import { FORMAT_NAME, SNIFF_BYTES, countZplLabels, sniffFormat, type DocumentFormat } from '../../printing/rawLanguage';
import { addressRefusal, hostAllowed, type AddressPolicy } from './urlPolicy';

export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface FileFetchOptions {
  /** Where temp folders are made. Default: the OS temp dir. */
  tempDir?: string;
  /** Time to open the TCP connection, per hop. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time for the whole download, redirects included. Default 120 s. */
  totalTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default 100 MB. */
  maxBytes?: number;
  /** Anything smaller cannot hold a printable page. Default 100 bytes. */
  minBytes?: number;
  /**
   * When set, only these hosts: exact names, `.example.com` for a domain and its subdomains, addresses or ranges
   * (`10.0.0.0/24`; these may be private). Checked on every hop.
   */
  allowedHosts?: string[];
  /** Loopback and private addresses allowed (demo, tests, a shop's own LAN server). Default: public addresses only. */
  allowPrivateNetworks?: boolean;
  /** Resolves host names; tests stub it so no query leaves the machine. Default: the OS resolver. */
  resolveHost?: ResolveHost;
  /** Pages are counted only up to this size, since counting loads the whole file. Default 20 MB. */
  countPagesUpToBytes?: number;
  /** Stops the download (station shutdown); it fails as `network`, so the order goes back to pending. */
  signal?: AbortSignal;
  /** What the printer takes (issue 10): PDF always; ZPL only for a ZPL printer set to pass it through. Default PDF. */
  accept?: readonly DocumentFormat[];
}

export interface FetchedFile {
  path: string;
  bytes: number;
  /** Undefined when the PDF was too big to count cheaply or its page tree could not be read. ZPL: labels. */
  pageCount?: number;
  /** PDF, or printer language passed through unchanged. */
  format: DocumentFormat;
  /** The URL the file finally came from, after redirects. */
  finalUrl: string;
  /** Removes the temp file; safe to call twice. */
  dispose(): Promise<void>;
}

const MB = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`);

export async function fetchOrderFile(url: string, options: FileFetchOptions = {}): Promise<FetchedFile> {
  const o = {
    connectTimeoutMs: 10_000,
    totalTimeoutMs: 120_000,
    maxRedirects: 5,
    maxBytes: 100 * MB,
    minBytes: 100,
    countPagesUpToBytes: 20 * MB,
    // An option given as undefined (a config that leaves it out) keeps its default rather than erasing it.
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  } as Options;
  const folder = await mkdtemp(join(o.tempDir ?? tmpdir(), 'print-station-'));
  const dispose = () => rm(folder, { recursive: true, force: true });
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, o.totalTimeoutMs);
  const onCallerAbort = () => deadline.abort();
  o.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (o.signal?.aborted) deadline.abort();
  const path = join(folder, 'order.pdf');
  let current = url;
  try {
    const response = await followRedirects(url, o, deadline.signal, (u) => (current = u));
    const { bytes, format } = await saveBody(response, path, current, o, deadline.signal);
    if (format === 'zpl') {
      const labels = countZplLabels(await readFile(path, 'latin1'));
      if (labels === 0)
        throw new PrintFailure('invalid_data', `The ZPL file at ${current} holds no complete label (no ^XA … ^XZ): it was cut short.`);
      return { path, bytes, pageCount: labels, format, finalUrl: current, dispose };
    }
    const pageCount = bytes <= o.countPagesUpToBytes ? await countPdfPages(path) : undefined;
    return { path, bytes, pageCount, format, finalUrl: current, dispose };
  } catch (error) {
    await dispose();
    if (error instanceof PrintFailure) throw error;
    if (timedOut) {
      throw new PrintFailure('network', `The file at ${current} did not finish downloading within ${seconds(o.totalTimeoutMs)}.`, {
        cause: error,
      });
    }
    if (o.signal?.aborted) throw new PrintFailure('network', `The download of ${current} was stopped by the station.`, { cause: error });
    throw networkFailure(current, error);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onCallerAbort);
  }
}

type Options = Required<Omit<FileFetchOptions, 'tempDir' | 'allowedHosts' | 'allowPrivateNetworks' | 'resolveHost' | 'signal'>> &
  FileFetchOptions;

/** The file was over `maxBytes`; orderFile.ts tells an order over its own total limit apart by this class. */
export class FileTooLarge extends PrintFailure {}

/** The file is a format the printer does not take (ZPL for a PDF printer); orderFile.ts names the order and printer. */
export class FormatNotAccepted extends PrintFailure {
  constructor(
    readonly format: DocumentFormat,
    readonly accepted: readonly DocumentFormat[],
    url: string,
  ) {
    super(
      'invalid_data',
      `The file at ${url} is ${FORMAT_NAME[format]}, which this printer does not take (it takes ${accepted.map((f) => FORMAT_NAME[f]).join(' or ')}).`,
      { sent: 'no' },
    );
  }
}

function checkUrl(raw: string, o: Options): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PrintFailure('invalid_data', `The order's file address "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PrintFailure('invalid_data', `The order's file address ${raw} is not http(s); only web addresses can be downloaded.`);
  }
  const host = url.hostname.toLowerCase();
  if (!hostAllowed(host, o.allowedHosts)) {
    throw new PrintFailure(
      'invalid_data',
      `The file at ${raw} is on host ${host}, which is not among the allowed hosts (${o.allowedHosts!.join(', ')}).`,
    );
  }
  // An address written in the URL is never looked up, so it is judged here; names are judged in guardedLookup.
  const literal = host.replace(/^\[|\]$/g, '');
  if (isIP(literal)) {
    const refusal = addressRefusal(url.href, host, literal, o);
    if (refusal) throw new PrintFailure('invalid_data', refusal);
  }
  return url;
}

/**
 * The socket's DNS step: resolves the name once, refuses the whole name if any address is not allowed, and hands
 * the socket only the addresses it checked. Handles both shapes net asks for (one address, or `all` for
 * happy-eyeballs connection attempts).
 */
function guardedLookup(url: URL, policy: AddressPolicy, resolveHost: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (error: Error | null, address: unknown, family?: number) => void;
    resolveHost(hostname).then(
      (found) => {
        const wanted = found.filter((a) => !options.family || a.family === options.family);
        for (const a of found) {
          const refusal = addressRefusal(url.href, url.hostname, a.address, policy);
          if (refusal) return done(new PrintFailure('invalid_data', refusal), undefined);
        }
        if (wanted.length === 0) return done(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), undefined);
        if (options.all) return done(null, wanted);
        return done(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: unknown) => done(error as Error, undefined),
    );
  };
}

const systemResolver: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

async function followRedirects(start: string, o: Options, signal: AbortSignal, visit: (url: string) => void) {
  let url = checkUrl(start, o);
  for (let hop = 0; ; hop++) {
    visit(url.href);
    const response = await requestOnce(url, o, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.resume();
      const location = response.headers.location;
      if (!location) throw new PrintFailure('invalid_data', `The file at ${url.href} answered ${status} without saying where to go.`);
      if (hop >= o.maxRedirects) {
        throw new PrintFailure('invalid_data', `The file at ${start} redirects more than ${o.maxRedirects} times (a redirect loop?).`);
      }
      url = checkUrl(new URL(location, url).href, o);
      continue;
    }
    if (status >= 200 && status < 300) return response;
    response.resume();
    // The status code only: the status text and body are the server's words, and may be someone's secret.
    // 5xx, 408 and 429 are the server's trouble of the moment; other 4xx will not change by trying again.
    const transient = status >= 500 || status === 408 || status === 429;
    throw new PrintFailure(transient ? 'network' : 'invalid_data', `The file at ${url.href} answered ${status}.`);
  }
}

function requestOnce(url: URL, o: Options, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, {
      signal,
      agent: false,
      lookup: guardedLookup(url, o, o.resolveHost ?? systemResolver),
      // Unpacked, please: a packed answer is only accepted as a stream counted on its unpacked size (saveBody).
      headers: { 'user-agent': 'PrintStation', accept: 'application/pdf', 'accept-encoding': 'identity' },
    });
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => {
        request.destroy(
          new PrintFailure('network', `Could not connect to ${url.host} within ${seconds(o.connectTimeoutMs)} (${url.href}).`),
        );
      }, o.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    request.once('response', resolve);
    request.once('error', reject);
  });
}

async function saveBody(response: http.IncomingMessage, path: string, url: string, o: Options, signal: AbortSignal) {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > o.maxBytes) {
    response.destroy();
    throw tooLarge(url, o.maxBytes);
  }
  const unpack = unpacker(response.headers['content-encoding'], url);
  const accept = o.accept ?? ['pdf'];
  let bytes = 0;
  let head = Buffer.alloc(0);
  let format: DocumentFormat | undefined;
  // Decides from the first bytes, and stops the download as soon as it is a format the printer does not take.
  const judge = ({ complete }: { complete: boolean }): PrintFailure | undefined => {
    const sniffed = sniffFormat(head, { complete: complete || head.length >= SNIFF_BYTES });
    if (sniffed === 'unknown') return undefined;
    if (sniffed === 'other') return notAccepted(url, accept);
    if (!accept.includes(sniffed)) return sniffed === 'pdf' ? notAccepted(url, accept) : new FormatNotAccepted(sniffed, accept, url);
    format = sniffed;
    return undefined;
  };
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > o.maxBytes) return done(tooLarge(url, o.maxBytes));
      if (!format) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        const refusal = judge({ complete: false });
        if (refusal) return done(refusal);
      }
      done(null, chunk);
    },
  });
  // Streams with backpressure: the unpacker makes bytes only as fast as `check` takes them, and `check` stops the
  // whole pipeline at maxBytes of unpacked file, so a gzip bomb never grows past the limit in memory or on disk.
  if (unpack) await pipeline(response, unpack, check, createWriteStream(path), { signal });
  else await pipeline(response, check, createWriteStream(path), { signal });
  if (!format && bytes > 0) {
    const refusal = judge({ complete: true });
    if (refusal) throw refusal;
  }
  // A ZPL label can be a few dozen bytes; a PDF cannot.
  if (format !== 'zpl' && bytes < o.minBytes) {
    throw new PrintFailure('invalid_data', `The file at ${url} is only ${sizeText(bytes)}, too small to be a printable PDF.`);
  }
  return { bytes, format: format ?? 'pdf' };
}

/** A server that packs its answer although asked not to: unpacked as a stream, one known encoding only. */
function unpacker(encoding: string | undefined, url: string) {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return undefined;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  throw new PrintFailure('invalid_data', `The file at ${url} was sent in an encoding this station does not unpack.`);
}

function tooLarge(url: string, maxBytes: number) {
  return new FileTooLarge('invalid_data', `The file at ${url} is larger than the ${sizeText(maxBytes)} limit.`);
}

function notPdf(url: string) {
  return new PrintFailure('invalid_data', `The file at ${url} is not a PDF (it does not start with "%PDF-").`);
}

function notAccepted(url: string, accept: readonly DocumentFormat[]) {
  if (!accept.includes('zpl')) return notPdf(url);
  return new PrintFailure('invalid_data', `The file at ${url} is neither a PDF nor ZPL (it starts with neither "%PDF-" nor "^XA").`);
}

function networkFailure(url: string, error: unknown): PrintFailure {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ECONNRESET' || code === 'EPIPE'
        ? 'broke off the connection'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'could not be found (DNS)'
          : code === 'ETIMEDOUT'
            ? 'did not answer in time'
            : code === 'ERR_STREAM_PREMATURE_CLOSE'
              ? 'closed the connection before the file was complete'
              : code?.startsWith('Z_')
                ? 'sent a packed file that does not unpack'
                : `failed: ${(error as Error)?.message ?? String(error)}`;
  return new PrintFailure('network', `The server for ${url} ${why}${code ? ` (${code})` : ''}.`, { cause: error });
}
